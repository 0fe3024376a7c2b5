using System.Text.Json;
using Fathom.Archive.Postgres;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Fathom.TestSupport;
using Fathom.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

/// <summary>fathom query, series, events and status with --archive postgresql://…, through fathom's own catalog.</summary>
public sealed class PostgresQueryCommandTests
{
    [Fact]
    public async Task Query_PostgresUrl_EveryHostsSeries()
    {
        var db = await SharedPostgres.CreateDatabaseAsync("cli").WaitAsync(TimeSpan.FromSeconds(120));
        var builder = new NpgsqlConnectionStringBuilder(db);
        var url = $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        foreach (var host in new[] { "agent-a", "agent-b" })
        {
            var options = CliArchives.Catalog.Resolve(url);
            var settings = new PostgresArchiveSettings(((PostgresArchiveSettings)options).ConnectionString, host);
            using var writer = CliArchives.Catalog.OpenWriter(settings, new ArchiveOpenContext(NullLogger.Instance, new FakeTimeProvider(Now)));
            Measurement[] batch = [Measurement.Of(new Sample(Key("rtt", "ms", ("target", "t")), NowNs - Second, host == "agent-a" ? 1.5 : 2.5))];
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await writer.WriteAsync(batch, cancel.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        }

        var console = new FakeConsole();
        var code = new CliApp().Run(["query", "--archive", url, "--name", "rtt", "--format", "json"], new CliContext(console, new FakeTimeProvider(Now), () => "/nonexistent"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(console.ErrorText);
        using var json = JsonDocument.Parse(console.OutText);
        var series = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["agent-a", "agent-b"], series.Select(s => s.GetProperty("tags").GetProperty("host").GetString()));
        Assert.Equal([1.5, 2.5], series.Select(s => s.GetProperty("points")[0].GetProperty("value").GetDouble()));
    }

    [Fact]
    public void Query_PostgresUrlWithPassword_RefusedWithoutPrintingIt()
    {
        var console = new FakeConsole();

        var code = new CliApp().Run(["query", "--archive", "postgresql://u:hunter2@127.0.0.1:1/db", "--name", "x"], new CliContext(console, new FakeTimeProvider(Now), () => "/nonexistent"));

        Assert.NotEqual(ExitCodes.Ok, code);
        Assert.Contains("must not hold the password", console.ErrorText, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", console.ErrorText + console.OutText, StringComparison.Ordinal);
    }
}
