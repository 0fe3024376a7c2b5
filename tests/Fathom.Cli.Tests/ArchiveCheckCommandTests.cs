using Fathom.Archive;
using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

public sealed class ArchiveCheckCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    // 250 points of rtt: one closed block of 240 (from NowNs) and 10 in the journal; one loss point.
    public ArchiveCheckCommandTests() =>
        _cli.WriteAll(
        [
            .. Enumerable.Range(0, 250).Select(i => Measurement.Of(new Sample(Key("rtt", "ms", ("target", "a")), NowNs + (i * Second), i))),
            Measurement.Of(new Sample(Key("loss", "%"), NowNs, 0)),
            Measurement.Of(new EventRecord("trace.path", [], NowNs, "{}")),
            Measurement.Of(new StatusRecord("link0", NowNs, "up", null)),
        ]);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_SoundArchive_PrintsOkAndTheSummary()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));

        Assert.Equal(
            $"""
            ok
            series:         2
            points:         251
            events:         1
            status ranges:  1
            file size:      {new FileInfo(_cli.ArchivePath).Length} bytes

            """,
            _cli.Console.OutText);
        Assert.Empty(_cli.Console.ErrorText);
    }

    [Fact]
    public void Run_BlockRowDisagreesWithItsData_ListsTheProblemAndExitsWithFailure()
    {
        Sql("UPDATE blocks SET count = 239");

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));

        var lines = _cli.Console.OutText.Split('\n');
        Assert.Equal(
            $"problem: series rtt{{target=a}}: {_cli.ArchivePath}: corrupt block of series 1 starting at {NowNs}: block holds 240 points, its row says 239",
            lines[0]);
        Assert.Equal("series:         2", lines[1]);
        Assert.Equal("points:         1", lines[2]);
        Assert.Equal($"fathom: {_cli.ArchivePath}: 1 problem(s) found\n", _cli.Console.ErrorText);
    }

    [Fact]
    public void Run_DamagedIndexPage_ReportsSqliteIntegrityProblems()
    {
        long rootPage;
        using (var connection = SqliteConnection.Open(_cli.ArchivePath, readOnly: true, TimeSpan.Zero))
        {
            rootPage = connection.ScalarInt64("SELECT rootpage FROM sqlite_master WHERE name = 'series_name'");
        }

        using (var file = new FileStream(_cli.ArchivePath, FileMode.Open, FileAccess.Write))
        {
            file.Position = (rootPage - 1) * ArchiveSchema.PageSize;
            file.Write(Enumerable.Repeat((byte)0xA5, ArchiveSchema.PageSize).ToArray());
        }

        Assert.Equal(ExitCodes.Failure, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));

        Assert.StartsWith(
            $"""
            problem: integrity check: Page {rootPage}: btreeInitPage() returns error code 11
            problem: integrity check: database disk image is malformed
            series:         2

            """,
            _cli.Console.OutText,
            StringComparison.Ordinal);
        Assert.Equal($"fathom: {_cli.ArchivePath}: 2 problem(s) found\n", _cli.Console.ErrorText);
    }

    [Fact]
    public void Run_MissingFile_ExitsWithUsageAndCreatesNothing()
    {
        var missing = Path.Combine(_cli.Folder, "gone.db");

        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "check", "--archive", missing));

        Assert.Equal($"fathom: no archive at {missing}\n", _cli.Console.ErrorText);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Run_NotAnArchive_ExitsWithUsage()
    {
        var text = Path.Combine(_cli.Folder, "notes.txt");
        File.WriteAllText(text, "these are notes, and not an SQLite database file of any sort at all\n");

        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "check", "--archive", text));

        Assert.StartsWith($"fathom: {text} is not a Fathom archive", _cli.Console.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoArchiveOption_ExitsWithUsage()
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "check"));

        Assert.Equal("fathom: archive check needs --archive FILE\n", _cli.Console.ErrorText);
    }

    private void Sql(string sql)
    {
        using var connection = SqliteConnection.Open(_cli.ArchivePath, readOnly: false, TimeSpan.FromSeconds(1));
        connection.Execute(sql);
    }
}
