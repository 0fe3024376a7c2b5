namespace Fathom.Collectors.Common.Snmp;

/// <summary>A community kept out of the config file: the file's first line, trimmed.</summary>
internal static class CommunityFile
{
    /// <summary>The community, or null and the reason the file cannot give one (for the key's file:line error).</summary>
    public static (string? Community, string? Problem) Read(string path)
    {
        try
        {
            var first = File.ReadLines(path).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(first) ? (null, $"'{path}' is empty") : (first, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read '{path}': {e.Message}");
        }
    }
}
