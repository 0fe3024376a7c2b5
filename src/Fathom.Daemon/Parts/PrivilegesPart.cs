using Fathom.Daemon.Hosting;
using Fathom.Pcp.Mmv;

namespace Fathom.Daemon.Parts;

/// <summary>
/// --user/--group (or user/group in the file): hands the files the daemon keeps writing to that
/// account, drops root, and checks the account can still write them.
/// </summary>
internal sealed class PrivilegesPart(DaemonRun run, PidFilePart pid, ArchivePart archive) : IDaemonPart
{
    public string Name => "privilege drop";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var user = run.Options.User ?? run.Settings.User;
        var group = run.Options.Group ?? run.Settings.Group;
        if (user is null && group is null)
        {
            return Task.CompletedTask;
        }

        if (user is null || group is null)
        {
            throw new InvalidOperationException("user and group go together: set both or neither");
        }

        var (uid, gid) = Privileges.Resolve(user, group);
        var mmvDir = run.Settings.Mmv is { Enabled: true, Dir: { } d } ? Path.GetFullPath(d) : null;
        var account = new ServiceAccount(user, uid, gid, archive.Files, pid.File, mmvDir) { SpoolDirs = archive.SpoolDirs };
        account.Prepare();
        Privileges.Drop(user, uid, gid);
        PartsLog.DroppedPrivileges(run.Log, user, uid, group, gid);
        account.Check();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
