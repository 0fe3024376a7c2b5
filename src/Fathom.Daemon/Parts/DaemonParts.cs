using Fathom.Core.Pipeline;
using Fathom.Daemon.Hosting;

namespace Fathom.Daemon.Parts;

/// <summary>
/// The one place the daemon's parts are listed, in start order (stop is the reverse). A new part
/// (the HTTP API, the lookup client) is one more line here, reading what the earlier parts expose.
/// </summary>
internal static class DaemonParts
{
    public static List<IDaemonPart> Create(DaemonRun run)
    {
        var pid = new PidFilePart(run);
        var archive = new ArchivePart(run, DaemonArchives.Catalog);
        var api = ApiPart.Settings(run);
        // Latest values cost one lookup per committed sample: kept only when /metrics can serve them.
        var latest = api.Enabled ? new LatestValues() : null;
        var pipeline = new PipelinePart(run, archive, latest);
        var supervisor = new SupervisorPart(run, pipeline);
        var instruments = new InstrumentsPart(run, pipeline, supervisor, archive);
        LookupPart? lookup = null;
        var apiPart = new ApiPart(run, pipeline, supervisor, instruments, latest, () => LookupStatusDtos.Of(lookup!.Snapshot()), archive);
        lookup = new LookupPart(run, instruments, () => apiPart.Addresses);
        return
        [
            pid,
            new PrivilegesPart(run, pid, archive),
            archive,
            pipeline,
            new DescendantsPart(run),
            supervisor,
            instruments,
            apiPart,
            lookup,
        ];
    }
}
