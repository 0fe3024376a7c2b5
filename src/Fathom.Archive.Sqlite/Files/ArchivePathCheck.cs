using System.Globalization;
using Fathom.Core.Files;

namespace Fathom.Archive.Files;

/// <summary>
/// Whether the writer can use an archive path: an existing regular file it can open for writing,
/// or a name it can create in a folder that exists or can be made. Run by <c>fathomd --check</c>
/// and before the daemon opens its archive, so a bad path is a message, not a SQLite error.
/// </summary>
internal static class ArchivePathCheck
{
    /// <summary>What is wrong with <paramref name="path"/> as an archive file, or null when it can be used.</summary>
    public static string? Problem(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (FileCalls.Identity(full) is { } existing)
        {
            if (existing.IsDirectory)
            {
                return $"archive path {full} is a directory, not a file";
            }

            if (!existing.IsRegularFile)
            {
                return $"archive path {full} is not a regular file";
            }

            var fd = FileCalls.open(full, FileCalls.ORdwr | FileCalls.OCloexec | FileCalls.ONonblock, 0);
            if (fd < 0)
            {
                return $"archive {full} cannot be opened for writing: {FileCalls.LastErrorText()}";
            }

            _ = FileCalls.close(fd);
            return null;
        }

        // The writer creates missing folders: the nearest one that exists must take new entries.
        var folder = System.IO.Path.GetDirectoryName(full);
        while (folder is not null && FileCalls.Identity(folder) is null)
        {
            folder = System.IO.Path.GetDirectoryName(folder);
        }

        if (folder is null)
        {
            return $"archive path {full}: no part of it exists";
        }

        if (!FileCalls.Identity(folder)!.Value.IsDirectory)
        {
            return $"archive path {full}: {folder} is not a directory";
        }

        return CanCreateIn(folder) is { } reason ? $"archive {full} cannot be created: cannot create files in {folder}: {reason}" : null;
    }

    // Permission bits do not tell (root ignores them; /proc refuses root): only creating a file does.
    private static string? CanCreateIn(string folder)
    {
        var probe = System.IO.Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $".fathom-check-{Environment.ProcessId}-{Random.Shared.Next():x}"));
        var fd = FileCalls.open(probe, FileCalls.ORdwr | FileCalls.OCreat | FileCalls.OExcl | FileCalls.OCloexec, Convert.ToInt32("600", 8));
        if (fd < 0)
        {
            return FileCalls.LastErrorText();
        }

        _ = FileCalls.close(fd);
        _ = FileCalls.unlink(probe);
        return null;
    }
}
