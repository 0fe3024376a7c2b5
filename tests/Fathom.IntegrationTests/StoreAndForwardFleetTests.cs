using Fathom.TestSupport.Postgres;
using static Fathom.IntegrationTests.StoreAndForward;

namespace Fathom.IntegrationTests;

/// <summary>Several real fathomd writing one PostgreSQL database at once, and a spool whose disk fills during an outage.</summary>
public sealed class StoreAndForwardFleetTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ThreeDaemons_OneDatabaseAtOnce_EachHostsPointsPresentOnce()
    {
        await using var pg = await PostgresServer.StartNewAsync().WaitAsync(Long);
        await pg.CreateDatabaseAsync("fleet").WaitAsync(Long);
        var dirs = Enumerable.Range(0, 3).Select(_ => new TempDir()).ToList();
        var daemons = new List<DaemonProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var config = Config(dirs[i], pg, "fleet", $"agent-{i}", dirs[i].File("spool-central"));
                daemons.Add(DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]));
            }

            await Wait.UntilAsync(() => Enumerable.Range(0, 3).All(i => PostgresPointsSoFar(pg, "fleet", $"agent-{i}").Count >= 15), Long, "every agent's points in PostgreSQL");
            foreach (var d in daemons)
            {
                d.Signal(Sig.Term);
            }

            foreach (var d in daemons)
            {
                Assert.Equal(0, await d.WaitForExitAsync(Long));
            }

            for (var i = 0; i < 3; i++)
            {
                AssertSame(SqlitePoints(dirs[i].File("local.db")), PostgresPoints(pg, "fleet", $"agent-{i}"));
            }
        }
        finally
        {
            daemons.ForEach(d => d.Dispose());
            dirs.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public async Task SpoolOnASmallTmpfs_FilledDuringTheOutage_DropsCountedAndLoggedNoDuplicatesDaemonAlive()
    {
        using var dir = new TempDir();
        await using var pg = await PostgresServer.StartNewAsync().WaitAsync(Long);
        await pg.CreateDatabaseAsync("central").WaitAsync(Long);
        using var tmpfs = Tmpfs.Mount(dir.File("small"), "512k");
        var spool = Path.Combine(tmpfs.Path, "central");
        var config = Config(dir, pg, "central", "agent-t", spool, extra: "spool_max_bytes 64K", collectors: 10);
        config = dir.Write("fathom.conf", File.ReadAllText(config).Replace("collection_interval 1\n", "collection_interval 0.1\n", StringComparison.Ordinal));
        using var daemon = DaemonProcess.Start(["--foreground", $"--config={config}", "--ignorepid"]);
        await Wait.UntilAsync(() => PostgresPointsSoFar(pg, "central").Count >= 10, Long, "points in PostgreSQL before the outage");

        await pg.StopAsync().WaitAsync(Long);
        await daemon.WaitForOutputAsync("archive central unreachable:", Long);
        // The bound: the oldest segments go, counted and said.
        await daemon.WaitForOutputAsync("archive central: spool lost", TimeSpan.FromSeconds(80));
        // The disk itself full: appends fail loudly, the pipeline keeps the batches.
        tmpfs.Fill();
        await daemon.WaitForOutputAsync("archive central: spool append failed", Long);
        File.Delete(Path.Combine(tmpfs.Path, "filler"));
        await daemon.WaitForOutputAsync("archive central: spool appends work again", Long);
        Assert.False(daemon.HasExited, daemon.Output);

        await pg.StartAsync().WaitAsync(Long);
        await daemon.WaitForOutputAsync("archive central back after", Long);
        daemon.Signal(Sig.Term);
        Assert.Equal(0, await daemon.WaitForExitAsync(Long));

        var local = SqlitePoints(dir.File("local.db")).ToHashSet(StringComparer.Ordinal);
        var central = PostgresPoints(pg, "central");
        Assert.Equal(central.Count, central.Distinct(StringComparer.Ordinal).Count());
        Assert.Subset(local, central.ToHashSet(StringComparer.Ordinal));
        Assert.True(central.Count < local.Count, $"{central.Count} central, {local.Count} local: the dropped segments are missing centrally");
    }
}
