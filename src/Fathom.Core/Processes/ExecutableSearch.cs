namespace Fathom.Core.Processes;

/// <summary>Finds a program the way execvp does: a name with a slash is a path, else PATH is searched.</summary>
public static class ExecutableSearch
{
    /// <summary>The program's full path, or null when no executable file is found.</summary>
    public static string? Find(string name, string? path = null)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutableFile(name) ? Path.GetFullPath(name) : null;
        }

        path ??= Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(':'))
        {
            var candidate = Path.Combine(dir.Length == 0 ? "." : dir, name);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    public static bool IsExecutableFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return info.Exists && (info.UnixFileMode & anyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
