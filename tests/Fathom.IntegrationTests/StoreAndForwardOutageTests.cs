using System.Diagnostics;
using System.Text.RegularExpressions;
using Fathom.TestSupport.Postgres;
using static Fathom.IntegrationTests.StoreAndForward;

namespace Fathom.IntegrationTests;

/// <summary>
/// The real fathomd with a local SQLite target and a private PostgreSQL 15 (stopped by pid):
/// an outage of the central archive loses nothing and stores nothing twice, even across a SIGKILL.
/// </summary>
public sealed class StoreAndForwardOutageTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PostgresDown60s_CollectorsAt1s_AfterTheBacklogEveryLocalPointIsCentralExactlyOnce()
    {
        using var dir = new TempDir();
        await using var pg = await PostgresServer.StartNewAsync().WaitAsync(Long);
        await pg.CreateDatabaseAsync("central").WaitAsync(Long);
        var config = Config(dir, pg, "central", "agent-a", dir.File("spool-central"), topLevel: "<api>\n    listen 127.0.0.1:0\n</api>");
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        await Wait.UntilAsync(() => PostgresPointsSoFar(pg, "central").Count >= 6, Long, "points in PostgreSQL before the outage");

        await pg.StopAsync().WaitAsync(Long);
        var outage = Stopwatch.StartNew();
        await daemon.WaitForOutputAsync("archive central unreachable:", Long);

        // Spooling is ready (the spool is writable), and the backlog shows in `fathom collectors`.
        var url = Regex.Match(daemon.Output, @"api listening on (\S+)").Groups[1].Value;
        using (var http = new HttpClient { BaseAddress = new Uri(url), Timeout = Long })
        {
            var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
        }

        await Wait.UntilAsync(
            async () => Regex.IsMatch((await DaemonProcess.RunAsync(["collectors", $"--url={url}"], Long, binary: Binaries.Fathom)).Output, @"central\s+down\s+disk\s+[1-9]\d*\s+[1-9]\d*\s+\d+(\.\d)? s\s+0\s"),
            Long,
            "fathom collectors shows central down with a backlog");
        await Wait.UntilAsync(() => outage.Elapsed >= TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(75), "a 60 s outage");
        await pg.StartAsync().WaitAsync(Long);
        await daemon.WaitForOutputAsync("archive central back after", Long);

        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));
        var output = daemon.Output;
        Assert.Equal(1, daemon.Count("archive central unreachable:"));
        Assert.Equal(1, daemon.Count("archive central back after"));
        Assert.Contains("archive central stopped:", output, StringComparison.Ordinal);
        Assert.Matches(@"archive central back after 1m\d\ds: delivering backlog of \d+ batches / \d+ measurements, oldest age \d+s", output);

        var local = SqlitePoints(dir.File("local.db"));
        Assert.True(local.Count >= 3 * 60, $"{local.Count} points in SQLite: the collectors ran through the outage");
        AssertSame(local, PostgresPoints(pg, "central"));
    }

    [Fact]
    public async Task PostgresDown_DaemonKilledDuringTheOutageAndRestarted_EveryLocalPointIsCentralExactlyOnce()
    {
        using var dir = new TempDir();
        await using var pg = await PostgresServer.StartNewAsync().WaitAsync(Long);
        await pg.CreateDatabaseAsync("central").WaitAsync(Long);
        var config = Config(dir, pg, "central", "agent-k", dir.File("spool-central"));
        using (var first = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]))
        {
            await Wait.UntilAsync(() => PostgresPointsSoFar(pg, "central").Count >= 6, Long, "points in PostgreSQL before the outage");
            await pg.StopAsync().WaitAsync(Long);
            await first.WaitForOutputAsync("archive central unreachable:", Long);
            await Wait.UntilAsync(() => SqlitePoints(dir.File("local.db")).Count >= 40, Long, "points collected during the outage");
            first.Signal(Sig.Kill);
            await first.WaitForExitAsync(Long);
        }

        using var second = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        await second.WaitForOutputAsync("archive central unreachable:", Long);
        var before = SqlitePoints(dir.File("local.db")).Count;
        await Wait.UntilAsync(() => SqlitePoints(dir.File("local.db")).Count >= before + 15, Long, "points collected after the restart");
        await pg.StartAsync().WaitAsync(Long);
        await second.WaitForOutputAsync("archive central back after", Long);

        second.Signal(Sig.Term);
        Assert.Equal(0, await second.WaitForExitAsync(Long));
        AssertSame(SqlitePoints(dir.File("local.db")), PostgresPoints(pg, "central"));
    }
}
