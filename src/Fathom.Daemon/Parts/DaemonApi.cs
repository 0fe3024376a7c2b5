using Fathom.Api.Client.Wire;
using Fathom.Api.Hosting;
using Fathom.Core.Scheduling;

namespace Fathom.Daemon.Parts;

/// <summary>The daemon as the HTTP API sees it: the supervisor's snapshot, run now, reload, readiness.</summary>
internal sealed class DaemonApi(DaemonRun run, PipelinePart pipeline, SupervisorPart supervisor, string configFile, ArchivePart? archive = null) : IApiDaemon
{
    public IReadOnlyList<CollectorSnapshot> Collectors() => supervisor.Supervisor.Snapshot();

    public Task<RunNowResult> RunNowAsync(string id, CancellationToken cancellationToken) => supervisor.Supervisor.RunNowAsync(id, cancellationToken);

    public async Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var errors = await run.RequestReload(cancellationToken).ConfigureAwait(false);
        if (errors is [DaemonRun.Stopping])
        {
            return new ReloadResult(null, [], DaemonRun.Stopping);
        }

        if (errors.Count > 0)
        {
            return ReloadResult.Rejected(errors);
        }

        // Reloads are applied one at a time; this is the one just finished (a second one queued right behind may have replaced it).
        var (kept, restarted, stopped, started) = supervisor.LastReload;
        return new ReloadResult(new ReloadDto(configFile, kept, restarted, stopped, started, [.. Collectors().Select(c => c.Id)]), []);
    }

    public IReadOnlyList<ArchiveTargetDto> Archives() =>
        archive is null
            ? []
            : [.. ArchiveStatuses.Of(archive, pipeline).Select(s => new ArchiveTargetDto(
                s.Name, s.Description, s.State, s.Spooled, s.PendingBatches, s.PendingMeasurements, s.PendingBytes, s.OldestPendingAgeSeconds,
                s.DroppedMeasurements, s.CorruptRecords, s.DeliveredMeasurements, s.DuplicateBatches, s.Retries, s.SpoolWriteErrors, s.LastError))];

    // Spooling while a target is down is ready (the spool is writable); a spool append that fails is not.
    public IReadOnlyList<ReadinessCheckDto> Readiness()
    {
        var archiveError = pipeline.Pipeline.Stats.ArchiveError;
        var waiting = Collectors()
            .Where(c => c.State is CollectorState.Starting or CollectorState.Restarting or CollectorState.Stopped)
            .Select(c => $"{c.Id} ({c.State.ToString().ToLowerInvariant()})")
            .ToList();
        return
        [
            new("config", true, configFile),
            new("archive", archiveError is null, archiveError is null ? null : $"the archive refuses writes: {archiveError}"),
            new("collectors", waiting.Count == 0, waiting.Count == 0 ? null : $"not started: {string.Join(", ", waiting)}"),
        ];
    }
}
