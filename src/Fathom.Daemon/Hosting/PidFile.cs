using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Fathom.Daemon.Native;

namespace Fathom.Daemon.Hosting;

/// <summary>
/// The pid file, locked (flock) for the daemon's whole life. The lock, not the file's existence,
/// says a daemon runs: a file left by a dead process is simply taken over. After locking we
/// check the path still names the file we hold, since a stopping daemon unlinks it.
/// </summary>
internal sealed class PidFile : IDisposable
{
    private int _fd;

    private PidFile(string path, int fd, bool createdFolder)
    {
        Path = path;
        _fd = fd;
        CreatedFolder = createdFolder;
    }

    public string Path { get; }

    /// <summary>True when the pid file's folder did not exist and this start created it (so it is fathomd's to hand to --user).</summary>
    public bool CreatedFolder { get; }

    /// <summary>Takes the pid file or throws <see cref="PidFileException"/>.</summary>
    public static PidFile Acquire(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(path);
        var createdFolder = !string.IsNullOrEmpty(dir) && !Directory.Exists(dir);
        try
        {
            if (createdFolder)
            {
                Directory.CreateDirectory(dir!);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PidFileException($"cannot create the pid file's folder {dir}: {e.Message}", runningPid: null);
        }

        for (var attempt = 0; attempt < 50; attempt++)
        {
            var fd = FileCalls.open(path, FileCalls.ORdwr | FileCalls.OCreat | FileCalls.OCloexec, Convert.ToInt32("644", 8));
            if (fd < 0)
            {
                throw new PidFileException($"cannot open pid file {path}: {Libc.ErrorText(Marshal.GetLastPInvokeError())}", runningPid: null);
            }

            if (Libc.flock(fd, Libc.LockEx | Libc.LockNb) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                _ = FileCalls.close(fd);
                if (errno == Libc.Ewouldblock)
                {
                    throw new PidFileException($"already running: {ReadHolder(path)}", runningPid: ReadPid(path));
                }

                throw new PidFileException($"cannot lock pid file {path}: {Libc.ErrorText(errno)}", runningPid: null);
            }

            if (FileCalls.Identity(fd) is { } held && FileCalls.Identity(path) == held)
            {
                var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
                _ = FileCalls.ftruncate(fd, 0);
                _ = FileCalls.pwrite(fd, pid, pid.Length, 0);
                _ = FileCalls.fsync(fd);
                return new PidFile(path, fd, createdFolder);
            }

            // The previous holder unlinked it between our open and our lock: start over on the new file.
            _ = FileCalls.close(fd);
        }

        throw new PidFileException($"cannot take pid file {path}: it keeps being replaced", runningPid: null);
    }

    /// <summary>Lets the daemon's user keep writing the file after privileges are dropped.</summary>
    public void ChangeOwner(uint uid, uint gid) => _ = Libc.chown(Path, uid, gid);

    /// <summary>Removes the file, then releases the lock (in that order, see the class comment).</summary>
    public void Dispose()
    {
        if (_fd < 0)
        {
            return;
        }

        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind it is harmless: the next start finds it unlocked and takes it over.
        }

        _ = FileCalls.close(_fd);
        _fd = -1;
    }

    private static int? ReadPid(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string ReadHolder(string path)
    {
        // The holder writes its pid right after locking; give it a moment when we raced it.
        for (var i = 0; i < 20; i++)
        {
            if (ReadPid(path) is { } pid)
            {
                return pid.ToString(CultureInfo.InvariantCulture);
            }

            Thread.Sleep(10);
        }

        return "(pid unknown)";
    }
}
