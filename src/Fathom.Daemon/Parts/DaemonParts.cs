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
        var pipeline = new PipelinePart(run, archive);
        var supervisor = new SupervisorPart(run, pipeline);
        return
        [
            pid,
            new PrivilegesPart(run, pid, archive),
            archive,
            pipeline,
            new DescendantsPart(run),
            supervisor,
            new InstrumentsPart(run, pipeline, supervisor),
            new ApiPart(run, pipeline, supervisor),
        ];
    }
}
