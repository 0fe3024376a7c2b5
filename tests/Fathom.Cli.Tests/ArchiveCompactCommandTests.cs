using Fathom.Archive;
using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

public sealed class ArchiveCompactCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_ArchiveWithFreedPages_ShrinksItAndKeepsTheData()
    {
        // 2000 events of 1 KiB each, then deleted: about 2 MiB of free pages for VACUUM to give back.
        var padding = new string('x', 1000);
        _cli.WriteAll([.. Enumerable.Range(0, 2000).Select(i => Measurement.Of(new EventRecord("bulk", [], NowNs + i, $"\"{padding}\"")))]);
        _cli.Write(new Sample(Key("rtt", "ms"), NowNs, 1.5));
        Sql("DELETE FROM events");
        var before = ArchiveCompaction.SizeOf(_cli.ArchivePath);

        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "compact", "--archive", _cli.ArchivePath));

        var after = new FileInfo(_cli.ArchivePath).Length;
        Assert.Equal($"before: {before} bytes\nafter:  {after} bytes\n", _cli.Console.OutText);
        Assert.Empty(_cli.Console.ErrorText);
        Assert.True(after < before / 4, $"{after} is not well below {before}");
        Assert.False(File.Exists(_cli.ArchivePath + "-wal") && new FileInfo(_cli.ArchivePath + "-wal").Length > 0);
        Assert.Equal(ExitCodes.Ok, _cli.Run("query", "--name", "rtt", "--from", "-1m", "--format", "csv"));
        Assert.Equal("time,name,tags,unit,value\n2026-11-21T10:00:00Z,rtt,,ms,1.5\n", _cli.Console.OutText);
        Assert.Equal(ExitCodes.Ok, _cli.Run("archive", "check", "--archive", _cli.ArchivePath));
    }

    [Fact]
    public void Run_AnotherConnectionHoldsTheWriteLock_SaysTheArchiveIsInUseAndFails()
    {
        _cli.Write(new Sample(Key("rtt", "ms"), NowNs, 1.5));
        using var daemon = SqliteConnection.Open(_cli.ArchivePath, readOnly: false, TimeSpan.Zero);
        daemon.Execute("BEGIN IMMEDIATE");
        daemon.Execute("INSERT INTO events(name, tags, time_ns, json) VALUES('e', '{}', 1, '{}')");

        var code = _cli.Run("archive", "compact", "--archive", _cli.ArchivePath);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(
            $"fathom: {_cli.ArchivePath} is in use by another process (is fathomd writing to it?); stop it and try again\n",
            _cli.Console.ErrorText);
        Assert.Empty(_cli.Console.OutText);
        daemon.Execute("COMMIT");
    }

    [Fact]
    public void Run_MissingFile_ExitsWithUsageAndCreatesNothing()
    {
        var missing = Path.Combine(_cli.Folder, "gone.db");

        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "compact", "--archive", missing));

        Assert.Equal($"fathom: no archive at {missing}\n", _cli.Console.ErrorText);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Run_UnknownOption_ExitsWithUsage()
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run("archive", "compact", "--archive", _cli.ArchivePath, "--force"));

        Assert.Equal("fathom: unknown option '--force' for 'archive compact'; see 'fathom help archive compact'\n", _cli.Console.ErrorText);
    }

    private void Sql(string sql)
    {
        using var connection = SqliteConnection.Open(_cli.ArchivePath, readOnly: false, TimeSpan.FromSeconds(1));
        connection.Execute(sql);
    }
}
