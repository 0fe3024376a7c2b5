using Fathom.Api.Client.Wire;
using Fathom.Core.Scheduling;

namespace Fathom.Api.Hosting;

/// <summary>What the API reads from (and, for admin endpoints, asks of) the running daemon; the daemon implements it.</summary>
public interface IApiDaemon
{
    /// <summary>Every collector now, by id.</summary>
    IReadOnlyList<CollectorSnapshot> Collectors();

    /// <summary>Starts a run of collector <paramref name="id"/> now, out of its schedule (counted); what happened.</summary>
    Task<RunNowResult> RunNowAsync(string id, CancellationToken cancellationToken);

    /// <summary>Reloads the configuration file, as SIGHUP does: what was applied, or the errors when it was rejected.</summary>
    Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken);

    /// <summary>Config loaded, archive writable, every collector started: each check with its reason.</summary>
    IReadOnlyList<ReadinessCheckDto> Readiness();

    /// <summary>Every archive target with its delivery state (spool depth, oldest age, drops), first the one the API reads.</summary>
    IReadOnlyList<ArchiveTargetDto> Archives() => [];
}
