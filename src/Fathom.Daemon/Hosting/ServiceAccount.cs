using Fathom.Archive.Files;
using Fathom.Core.Native;
using Fathom.Daemon.Native;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// The --user/--group account and the places it must write: the archive's folder (SQLite creates
/// -wal/-shm/-journal beside the file, the writer its ARCHIVE.lock), the pid file's folder (the file is removed at stop) and a
/// configured MMV folder. As root, only folders fathomd creates and fathomd's own files are handed
/// to the account; an existing folder keeps its owner. After the drop each place is checked as the
/// account, and a place it cannot write stops the start with a message naming path, owner and user.
/// </summary>
internal sealed class ServiceAccount(string user, uint uid, uint gid, string archivePath, PidFile? pid, string? mmvDir)
{
    private readonly string _archiveDir = Path.GetDirectoryName(Path.GetFullPath(archivePath))!;

    // The writer's lock file too: one left by a root run killed with -9 would refuse the account.
    private IEnumerable<string> ArchiveFiles =>
        [archivePath, archivePath + "-wal", archivePath + "-shm", archivePath + "-journal", ArchiveLock.PathFor(archivePath)];

    /// <summary>As root, before the drop: creates missing folders and gives the account what fathomd made.</summary>
    public void Prepare()
    {
        CreateFolder(_archiveDir);
        foreach (var file in ArchiveFiles.Where(FileAccessCalls.IsRegularFile))
        {
            Chown(file);
        }

        if (mmvDir is not null)
        {
            CreateFolder(mmvDir);
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
        Require(_archiveDir, Folder, "it for the archive and its -wal/-shm files");
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
