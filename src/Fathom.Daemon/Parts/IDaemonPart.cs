using Fathom.Daemon.Hosting;

namespace Fathom.Daemon.Parts;

/// <summary>
/// One long-running part of the daemon (pid file, archive, pipeline, supervisor, …). Parts are
/// started in the order of <see cref="DaemonParts.Create"/> and stopped in reverse, each within
/// a timeout; a part that fails to start is named in the error and decides the exit code
/// (throw <see cref="DaemonPartException"/> for a code other than 1).
/// </summary>
internal interface IDaemonPart
{
    /// <summary>What the error says: "cannot start {Name}: …".</summary>
    string Name { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Releases what the part holds; cancelled when the part's stop timeout passes.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>A valid new configuration after SIGHUP; a part that cannot apply it says it needs a restart.</summary>
    Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The part's share of the ready status (sd_notify STATUS, the "ready" log line); null for none.</summary>
    string? Status => null;
}
