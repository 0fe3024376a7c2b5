using Fathom.Core.Collectors;
using Fathom.Core.Measurements;
using Fathom.Core.Scheduling;

namespace Fathom.Dashboard.Tests.Support;

/// <summary>
/// What the dashboard is shown: a week and a day of 1 min points for ping RTTs to two targets and
/// two host series (with a 20 min hole), link states that change, traceroute paths with one
/// change, and three collectors in different health.
/// </summary>
internal static class DemoData
{
    public const string Rtt = "ping.rtt.avg";
    public const string Cpu = "host.cpu.user";
    public const long MinuteNs = 60_000_000_000L;

    public static readonly SeriesKey RttV4 = new(Rtt, Units.Milliseconds, [new("collector", "loopback-ping"), new("target", "127.0.0.1")]);
    public static readonly SeriesKey RttV6 = new(Rtt, Units.Milliseconds, [new("collector", "loopback-ping"), new("target", "::1")]);
    public static readonly SeriesKey CpuUser = new(Cpu, Units.Percent, [new("collector", "host")]);
    public static readonly SeriesKey MemAvailable = new("host.mem.available", Units.Bytes, [new("collector", "host")]);

    /// <summary>Minutes of data per series, ending at the write time.</summary>
    public const int Minutes = 8 * 1440;

    public static IEnumerable<Measurement> Measurements(long nowNs)
    {
        var end = nowNs / MinuteNs * MinuteNs;
        var start = end - ((Minutes - 1) * MinuteNs);
        for (var i = 0; i < Minutes; i++)
        {
            var t = start + (i * MinuteNs);
            var day = Math.Sin(i * 2 * Math.PI / 1440);
            yield return Measurement.Of(new Sample(RttV4, t, 0.05 + (0.01 * day) + (0.004 * Noise(i)) + (i % 97 == 0 ? 0.2 : 0)));
            yield return Measurement.Of(new Sample(RttV6, t, 0.07 + (0.012 * day) + (0.005 * Noise(i + 7))));
            if (i < Minutes - 200 || i > Minutes - 180)
            {
                yield return Measurement.Of(new Sample(CpuUser, t, Math.Round(20 + (15 * day) + (6 * Noise(i + 3)), 1)));
            }

            yield return Measurement.Of(new Sample(MemAvailable, t, Math.Round(6e9 + (1e9 * day) + (2e8 * Noise(i + 11)))));
        }

        // Link states, observed every minute for 7 h as a status collector would: eth0 is down 5 min
        // and degraded 5 min in the last hour; eth1 is down for 270 of the last 360 minutes.
        // core-link is up throughout, but fathomd was stopped from 120 to 100 minutes ago (that gap is
        // not claimed: a new range opens at the restart) and the link is in maintenance for the last hour.
        for (var m = 420; m >= 1; m--)
        {
            var t = end - (m * MinuteNs);
            var previous = m == 420 ? 0 : t - MinuteNs;
            yield return Status("eth0", t, m is <= 45 and > 40 ? "down" : m is <= 20 and > 15 ? "degraded" : "up", "normaloperation", previous);
            yield return Status("eth1", t, m is <= 300 and > 30 ? "down" : "up", "normaloperation", previous);
            if (m is > 120 or <= 100)
            {
                yield return Status("core-link", t, "up", m <= 60 ? "maintenance" : "normaloperation", m is 420 or 100 ? 0 : previous);
            }
        }

        var hopsA = """[{"ttl":1,"address":"198.18.0.1","rtts":[0.21,0.19,0.2],"reached":false},{"ttl":2,"address":"198.18.1.1","rtts":[0.4,0.38,0.41],"reached":false},{"ttl":3,"address":"198.18.2.2","rtts":[0.6,0.61,0.58],"reached":true}]""";
        var hopsB = """[{"ttl":1,"address":"198.18.0.1","rtts":[0.2,0.22,0.2],"reached":false},{"ttl":2,"address":"198.18.9.9","rtts":[0.9,0.88,0.93],"reached":false},{"ttl":3,"address":"198.18.2.2","rtts":[1.1,1.05,1.12],"reached":true}]""";
        KeyValuePair<string, string>[] tags = [new("collector", "loopback-ping"), new("target", "198.18.2.2")];
        yield return Measurement.Of(new EventRecord("trace.path", tags, end - (50 * MinuteNs), $$"""{"target":"198.18.2.2","address":"198.18.2.2","reached":true,"hops":{{hopsA}}}"""));
        yield return Measurement.Of(new EventRecord("trace.path_change", tags, end - (25 * MinuteNs), $$"""{"target":"198.18.2.2","old":{{hopsA}},"new":{{hopsB}}}"""));
        yield return Measurement.Of(new EventRecord("trace.path", tags, end - (25 * MinuteNs), $$"""{"target":"198.18.2.2","address":"198.18.2.2","reached":true,"hops":{{hopsB}}}"""));
        yield return Measurement.Of(new EventRecord("ping.failure", [new("collector", "loopback-ping"), new("target", "::1")], end - (44 * MinuteNs), """{"reason":"timeout after 1 s"}"""));
    }

    public static IEnumerable<CollectorSnapshot> Collectors(DateTimeOffset now) =>
    [
        new("loopback-ping", "ping", TimeSpan.FromSeconds(60), ScheduleMode.Aligned, IsolationMode.Thread, CollectorState.Idle,
            new CollectorRun(now.AddSeconds(-12), TimeSpan.FromMilliseconds(3.4), null), 11_520, 2, 1, 0, 0, null, now.AddSeconds(48), null),
        new("host", "host", TimeSpan.FromSeconds(60), ScheduleMode.Aligned, IsolationMode.Process, CollectorState.Idle,
            new CollectorRun(now.AddSeconds(-30), TimeSpan.FromMilliseconds(1.2), null), 11_500, 0, 0, 0, 1, null, now.AddSeconds(30), 4242),
        new("trace-core", "trace", TimeSpan.FromSeconds(300), ScheduleMode.Sleep, IsolationMode.Process, CollectorState.Restarting,
            new CollectorRun(now.AddSeconds(-95), TimeSpan.FromMilliseconds(2100), "198.18.2.2: no answer past hop 2"), 310, 41, 3, 0, 4, null, null, null),
    ];

    private static Measurement Status(string element, long t, string oper, string admin, long previous) =>
        Measurement.Of(new StatusRecord(element, t, oper, admin) { PreviousUnixNs = previous });

    // Deterministic noise in [-1, 1]: the same picture every run.
    private static double Noise(int i) => Math.Sin(i * 12.9898) * 43758.5453 % 1;
}
