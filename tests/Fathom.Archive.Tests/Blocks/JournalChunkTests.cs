using Fathom.Archive.Blocks;

namespace Fathom.Archive.Tests.Blocks;

public sealed class JournalChunkTests
{
    [Fact]
    public void Add_PointsOfManySeries_ReadBackInOrder()
    {
        var builder = new JournalChunkBuilder();
        var written = new List<(long, long, double)>();
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var point = (random.NextInt64(1, 1L << 40), random.NextInt64(long.MinValue, long.MaxValue), random.NextDouble());
            written.Add(point);
            builder.Add(point.Item1, point.Item2, point.Item3);
        }

        var read = new List<(long, long, double)>();
        var reader = new JournalChunkReader(builder.Data);
        while (reader.Next(out var series, out var time, out var value))
        {
            read.Add((series, time, value));
        }

        Assert.Equal(written, read);
    }

    [Fact]
    public void Next_TruncatedChunk_ThrowsInvalidData()
    {
        var builder = new JournalChunkBuilder();
        builder.Add(5, Data.T0, 1.5);
        var data = builder.Data.ToArray();

        for (var cut = 1; cut < data.Length; cut++)
        {
            Assert.Throws<InvalidDataException>(() =>
            {
                var reader = new JournalChunkReader(data.AsSpan(0, cut));
                _ = reader.Next(out _, out _, out _);
            });
        }
    }
}
