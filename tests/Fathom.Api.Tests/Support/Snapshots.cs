using Fathom.Core.Collectors;
using Fathom.Core.Scheduling;

namespace Fathom.Api.Tests.Support;

/// <summary>Collector snapshots for the fake daemon.</summary>
internal static class Snapshots
{
    public static CollectorSnapshot Idle(string id) => new(
        id, "ping", TimeSpan.FromSeconds(15), ScheduleMode.Aligned, IsolationMode.Thread, CollectorState.Idle,
        new CollectorRun(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMilliseconds(12.5), null),
        10, 1, 0, 0, 0, null, new DateTimeOffset(2026, 12, 6, 12, 0, 15, TimeSpan.Zero), null, 2);
}
