using Fathom.Core.Native;
using Fathom.Daemon.Native;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// The --user/--group account and the places it must write: the folders of the files the archive's
/// backend owns (for sqlite the file, its -wal/-shm/-journal and its lock), the pid file's folder (the file is removed at stop) and a
/// configured MMV folder. As root, only folders fathomd creates and fathomd's own files are handed
/// to the account; an existing folder keeps its owner. After the drop each place is checked as the
/// account, and a place it cannot write stops the start with a message naming path, owner and user.
/// </summary>
internal sealed class ServiceAccount(string user, uint uid, uint gid, IReadOnlyList<string> archiveFiles, PidFile? pid, string? mmvDir)
{
    /// <summary>The spooled targets' folders: created (with a missing parent) and, with every file in them, given to the account.</summary>
    public IReadOnlyList<string> SpoolDirs { get; init; } = [];

    // Every file the backend owns, its lock file too: one left by a root run killed with -9 would refuse the account.
    private IEnumerable<string> ArchiveFiles => archiveFiles;

    private IEnumerable<string> ArchiveDirs => archiveFiles.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!).Distinct(StringComparer.Ordinal);

    /// <summary>As root, before the drop: creates missing folders and gives the account what fathomd made.</summary>
    public void Prepare()
    {
        foreach (var dir in ArchiveDirs)
        {
            CreateFolder(dir);
        }

        foreach (var file in ArchiveFiles.Where(FileAccessCalls.IsRegularFile))
        {
            Chown(file);
        }

        if (mmvDir is not null)
        {
            CreateFolder(mmvDir);
        }

        foreach (var dir in SpoolDirs)
        {
            PrepareSpool(dir);
        }

        if (pid is not null)
        {
            pid.ChangeOwner(uid, gid);
            if (pid.CreatedFolder)
            {
                Chown(Path.GetDirectoryName(pid.Path)!);
            }
        }
    }

    /// <summary>As the account, after the drop: throws naming the first place it cannot write.</summary>
    public void Check()
    {
        const int Folder = FileAccessCalls.WriteOk | FileAccessCalls.ExecuteOk;
        foreach (var dir in ArchiveDirs)
        {
            Require(dir, Folder, "it for the archive's files");
        }

        foreach (var file in ArchiveFiles.Where(File.Exists))
        {
            Require(file, FileAccessCalls.ReadOk | FileAccessCalls.WriteOk, "to write its archive");
        }

        if (pid is not null)
        {
            Require(Path.GetDirectoryName(pid.Path)!, Folder, "it to remove its pid file at stop (use a --piddir the user can write, or one fathomd creates)");
        }

        if (mmvDir is not null)
        {
            Require(mmvDir, Folder, "it for the MMV file (<mmv> dir)");
        }

        foreach (var dir in SpoolDirs)
        {
            Require(dir, Folder, "it for an archive target's spool (spool_dir)");
        }
    }

    // A spool folder and its segment files are fathomd's own (one per target): a root run's files must not lock the account out.
    private void PrepareSpool(string dir)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(dir))!;
        CreateFolder(parent);
        CreateFolder(dir);
        Chown(dir);
        foreach (var file in Directory.EnumerateFiles(dir).Where(FileAccessCalls.IsRegularFile))
        {
            Chown(file);
        }
    }

    private void Require(string path, int mode, string need)
    {
        if (FileAccessCalls.Denied(path, mode) is { } reason)
        {
            var owner = FileAccessCalls.OwnerAndMode(path) is { } o ? $" ({o})" : string.Empty;
            throw new InvalidOperationException($"user '{user}' cannot write {path}{owner}: {reason}; fathomd needs {need}");
        }
    }

    /// <summary>A folder that exists keeps its owner; one created here (only the last level) goes to the account.</summary>
    private void CreateFolder(string dir)
    {
        if (Directory.Exists(dir))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        Chown(dir);
    }

    private void Chown(string path)
    {
        if (Libc.chown(path, uid, gid) != 0)
        {
            throw new InvalidOperationException($"cannot give {path} to user '{user}': {Libc.ErrorText(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        }
    }
}
