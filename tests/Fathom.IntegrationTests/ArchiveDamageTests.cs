using Fathom.Archive;
using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;

namespace Fathom.IntegrationTests;

/// <summary>The real fathom on damaged archive files: one corrupt block, a truncated file.</summary>
public sealed class ArchiveDamageTests
{
    private const long Second = 1_000_000_000;
    private const long T0 = 1_795_255_200L * Second; // 2026-11-21T10:00:00Z
    private const int BlockPoints = 240;
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Query_OneCorruptBlock_PrintsWhatIsReadable_NamesTheBlock_ExitsOne()
    {
        using var dir = new TempDir();
        var path = dir.File("archive.db");
        Write(path, ["a", "b"], 2 * BlockPoints);
        using (var connection = SqliteConnection.Open(path, readOnly: false, TimeSpan.FromSeconds(5)))
        {
            connection.Execute($"UPDATE blocks SET data = substr(data, 1, length(data) / 2) WHERE start_ns = {T0} AND series_id = (SELECT id FROM series WHERE name = 'a')");
        }

        var (code, output) = await DaemonProcess.RunAsync(
            ["query", $"--archive={path}", "--name=*", "--from=2026-11-21T09:00:00Z", "--to=2026-11-21T12:00:00Z", "--format=csv"], Long, binary: Binaries.Fathom);

        Assert.True(code == 1, output);
        var lines = output.Split('\n');
        Assert.Equal(2 * BlockPoints, lines.Count(l => l.Contains(",b,", StringComparison.Ordinal)));
        Assert.Equal(BlockPoints, lines.Count(l => l.Contains(",a,", StringComparison.Ordinal)));
        Assert.Contains($"fathom: {path}: corrupt block of series", output, StringComparison.Ordinal);
        Assert.Contains($"starting at {T0}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncatedFile_CheckReportsProblem_QueryFails_BothExitOne()
    {
        using var dir = new TempDir();
        var path = dir.File("archive.db");
        Write(path, [.. Enumerable.Range(0, 40).Select(i => $"s{i}")], 2 * BlockPoints);
        var size = new FileInfo(path).Length;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(size / 2);
        }

        var (code, output) = await DaemonProcess.RunAsync(["archive", "check", $"--archive={path}"], Long, binary: Binaries.Fathom);
        Assert.True(code == 1, output);
        Assert.Contains($"problem: {path}: damaged Fathom archive: the file is truncated: {size / 2} bytes", output, StringComparison.Ordinal);

        (code, output) = await DaemonProcess.RunAsync(["query", $"--archive={path}", "--name=s1"], Long, binary: Binaries.Fathom);
        Assert.True(code == 1, output);
        Assert.Contains("damaged Fathom archive", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static void Write(string path, string[] names, int points)
    {
        using var archive = new SqliteArchive(path);
        var keys = names.Select(n => new SeriesKey(n, "ms", [])).ToArray();
        archive.WriteBatch([.. Enumerable.Range(0, points).SelectMany(i => keys.Select(k => Measurement.Of(new Sample(k, T0 + (i * Second), i * 0.5))))]);
    }
}
