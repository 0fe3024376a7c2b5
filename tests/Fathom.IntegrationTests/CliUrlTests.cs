using System.Globalization;

namespace Fathom.IntegrationTests;

/// <summary>
/// fathom against a running daemon (--url) prints exactly what it prints reading the same archive
/// file (--archive), in every format: the real fathomd and the real fathom binaries.
/// </summary>
public sealed class CliUrlTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UrlAndArchive_SameArchive_SameOutputEveryCommandAndFormat()
    {
        using var dir = new TempDir();
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // a refused connection: the tcp probe's failure event every run
        var tcp = $"<collector t1>\n    module tcp\n    target 127.0.0.1:{closedPort}\n    collection_interval 0.3\n</collector>";
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", Configs.Noop("n1", "0.1"), Configs.Noop("n2", "0.25", "process"), tcp);
        // Let points accumulate: at least 3 s of them after the first (the step queries need several buckets).
        await Wait.UntilAsync(
            async () => (await Fathom(["query", "--archive", dir.File("archive.db"), "--name", "noop.value", "--tag", "collector=n1", "--from", Rfc3339(start), "--format", "csv"])).Output.Split('\n').Length > 32,
            Deadline,
            "3 s of points in the archive");
        var to = DateTimeOffset.UtcNow.AddSeconds(-0.5);
        var window = new[] { "--from", Rfc3339(start), "--to", Rfc3339(to) };
        // Everything up to 'to' is stored once a later point is: the window no longer changes.
        await Wait.UntilAsync(
            async () => (await Fathom(["query", "--archive", dir.File("archive.db"), "--name", "noop.value", "--from", Rfc3339(to.AddTicks(1)), "--format", "csv"])).Output.Split('\n').Length > 3,
            Deadline,
            "points after the window in the archive");

        string[][] commands =
        [
            ["query", "--name", "noop.value", .. window],
            ["query", "--name", "noop.*", "--tag", "collector=n1", .. window],
            ["query", "--name", "noop.value", "--step", "1s", "--agg", "max", .. window],
            ["query", "--name", "noop.value", "--step", "500ms", "--agg", "count", .. window],
            ["query", "--name", "no.such.series", .. window],
            ["events", .. window],
            ["events", "--tag", "collector=t1", .. window],
            ["query", "--name", "tcp.*", .. window],
            ["status", .. window],
        ];
        foreach (var command in commands)
        {
            foreach (var format in new[] { "table", "json", "csv" })
            {
                var file = await Fathom([.. command, "--archive", dir.File("archive.db"), "--format", format]);
                var url = await Fathom([.. command, "--url", daemon.Address.ToString(), "--format", format]);

                var what = $"fathom {string.Join(' ', command)} --format {format}";
                Assert.True(file.Code == 0, $"{what} --archive: {file.Output}");
                Assert.Equal((file.Code, file.Output), (url.Code, url.Output));
                if ((command[0] == "events" || (command[0] == "query" && command[2] == "noop.value")) && format == "csv")
                {
                    Assert.True(file.Output.Split('\n').Length > 5, $"{what}: too few rows to compare:\n{file.Output}");
                }
            }
        }
    }

    [Fact]
    public async Task Series_UrlAndArchive_SameOutputOnceQuiet()
    {
        using var dir = new TempDir();
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", Configs.Noop("n1", "600"), Configs.Noop("n2", "600", "process"));
        string[] series = ["series", "--name", "noop.*", "--archive", dir.File("archive.db"), "--format", "csv"];
        // Each collector runs once at start and then not for 10 minutes: wait until both points are stored.
        await Wait.UntilAsync(async () => (await Fathom(series)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 3, Deadline, "one point of each collector");

        foreach (var format in new[] { "table", "json", "csv" })
        {
            var file = await Fathom(["series", "--name", "noop.*", "--archive", dir.File("archive.db"), "--format", format]);
            var url = await Fathom(["series", "--name", "noop.*", "--url", daemon.Address.ToString(), "--format", format]);

            Assert.Equal(0, file.Code);
            Assert.Equal((file.Code, file.Output), (url.Code, url.Output));
        }
    }

    [Fact]
    public async Task Collectors_RealDaemon_OneRowEach()
    {
        using var dir = new TempDir();
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", Configs.Noop("a1", "600"), Configs.Noop("b2", "600", "process"));

        var table = await Fathom(["collectors", "--url", daemon.Address.ToString()]);
        var csv = await Fathom(["collectors", "--url", daemon.Address.ToString(), "--format", "csv"]);

        Assert.Equal(0, table.Code);
        var lines = table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["ID", "MODULE", "STATE", "INTERVAL", "LAST", "RUN", "DURATION", "FAILURES", "RESTARTS", "NEXT", "RUN"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("a1 ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("b2 ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("id,module,state,interval_s,last_run,duration_ms,failures,restarts,next_run\n", csv.Output + "\n", StringComparison.Ordinal);
        Assert.StartsWith("a1,noop,", csv.Output.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_Unreachable_ClearMessageNoStackTrace()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port nobody listens on

        var query = await Fathom(["query", "--name", "x", "--url", $"http://127.0.0.1:{port}"]);
        var collectors = await Fathom(["collectors", "--url", $"http://127.0.0.1:{port}"]);

        foreach (var (code, output) in new[] { query, collectors })
        {
            Assert.Equal(1, code);
            Assert.Equal($"fathom: cannot reach the daemon's API at http://127.0.0.1:{port}/: Connection refused", output.Trim());
        }
    }

    [Fact]
    public async Task Url_ServerProblem_FathomDetailNonZero()
    {
        using var dir = new TempDir();
        using var daemon = await ApiDaemon.StartAsync(dir, "127.0.0.1:0", Configs.Noop("n1", "600"));

        var (code, output) = await Fathom(["query", "--name", "noop.value", "--step", "1ms", "--from", "2000-01-01T00:00:00Z", "--url", daemon.Address.ToString()]);

        Assert.NotEqual(0, code);
        Assert.StartsWith("fathom: ", output, StringComparison.Ordinal);
        Assert.Contains("max_points", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:8085")]
    [InlineData("127.0.0.1:8085")]
    public async Task Url_NotHttp_UsageError(string url)
    {
        var (code, output) = await Fathom(["series", "--url", url]);

        Assert.Equal(2, code);
        Assert.Contains("--url: ", output, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Output)> Fathom(string[] args) => DaemonProcess.RunAsync(args, Deadline, binary: Binaries.Fathom);

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
