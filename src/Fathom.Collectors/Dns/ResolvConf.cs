namespace Fathom.Collectors.Dns;

/// <summary>Reads the system resolver's configuration (resolv.conf(5)).</summary>
internal static class ResolvConf
{
    public const string DefaultPath = "/etc/resolv.conf";

    /// <summary>The first 'nameserver' address, or null when the file is missing or names none.</summary>
    public static string? FirstNameserver(string path = DefaultPath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var line in lines)
        {
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && words[0] == "nameserver")
            {
                // A bare IPv6 address (possibly with %zone) parses as a server with the default port.
                return words[1];
            }
        }

        return null;
    }
}
