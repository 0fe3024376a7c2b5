using Fathom.Archive.Blocks;
using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Constructor_Version1File_MigratesPointsToBlocksKeepingEverything()
    {
        var path = _folder.File("archive.db");
        var points = new List<(string, long, double)>();
        for (var i = 0; i < (2 * BlockPointWriter.BlockPoints) + 7; i++)
        {
            points.Add(("rtt", T0 + (i * Second), i % 5 == 0 ? double.NaN : i * 0.25));
        }

        points.Add(("loss", T0, 0.5));
        V1Archive.Write(path, points);

        using (var archive = new SqliteArchive(path))
        {
            Assert.Equal(ArchiveSchema.Version, archive.Connection.ScalarInt64("PRAGMA user_version"));
            Assert.Equal(0, archive.Connection.ScalarInt64("SELECT count(*) FROM sqlite_master WHERE name = 'points'"));
            Assert.Equal("ok", archive.Connection.ScalarText("PRAGMA integrity_check"));

            // The migrated series keeps its id and takes new points after the migrated ones.
            archive.WriteBatch([Point(Key("rtt", "ms", ("target", "a")), T0 + (1000 * Second), 9)]);
        }

        using var reader = ArchiveReader.Open(path);
        var rtt = Assert.Single(reader.Query("rtt", [], long.MinValue, long.MaxValue)).Points;
        Assert.Equal(points.Count, rtt.Count);
        Assert.Equal(points.Where(p => p.Item1 == "rtt").Select(p => p.Item2).Append(T0 + (1000 * Second)), rtt.Select(p => p.TimeNs));
        Assert.True(double.IsNaN(rtt[0].Value));
        Assert.Equal(0.25, rtt[1].Value);
        Assert.Equal([new TimePoint(T0, 0.5)], Assert.Single(reader.Query("loss", [], long.MinValue, long.MaxValue)).Points);
        Assert.Equal(2, reader.ListSeries().Count);
        Assert.Single(reader.ListEvents(0, 10));
        Assert.Single(reader.ListStatus());
    }

    [Fact]
    public void Open_Version1FileNotYetMigrated_ReaderReadsRows()
    {
        var path = _folder.File("archive.db");
        V1Archive.Write(path, [("rtt", T0, 1), ("rtt", T0 + Second, double.NaN)]);

        using var reader = ArchiveReader.Open(path);

        var points = Assert.Single(reader.Query("rtt", [], T0, T0 + Second)).Points;
        Assert.Equal(1, points[0].Value);
        Assert.True(double.IsNaN(points[1].Value));
        Assert.Equal(2, Assert.Single(reader.ListSeries()).PointCount);
        using var raw = SqliteConnection.Open(path, readOnly: true, TimeSpan.Zero);
        Assert.Equal(1, raw.ScalarInt64("PRAGMA user_version"));
    }
}
