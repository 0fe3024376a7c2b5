using System.Buffers.Binary;
using Fathom.Pcp.Mmv;
using Fathom.Pcp.Tests.Support;

namespace Fathom.Pcp.Tests;

/// <summary>Damaged files give an <see cref="MmvFormatException"/> naming the file and the problem, never another exception.</summary>
public sealed class MmvReaderMalformedTests : IDisposable
{
    private const string Name = "/some/dir/fathom";
    private readonly TempFolder _folder = new();
    private readonly byte[] _ours;

    public MmvReaderMalformedTests()
    {
        using var writer = new MmvWriter(new SampleRegistry("fathom").Registry, _folder.Path);
        _ours = File.ReadAllBytes(writer.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Parse_OurFileTruncatedAtEveryLength_ThrowsFormatError()
    {
        Assert.Equal(9, MmvReader.Parse(_ours, Name).Metrics.Count);
        for (var length = 0; length < _ours.Length; length++)
        {
            var e = Assert.Throws<MmvFormatException>(() => MmvReader.Parse(_ours.AsSpan(0, length), Name));
            Assert.StartsWith(Name + ": ", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_LibpcpFilesTruncatedAtEveryLength_ThrowsFormatError()
    {
        foreach (var labels in (bool[])[false, true])
        {
            var data = File.ReadAllBytes(LibpcpWriter.Write(_folder.Path, labels ? "c3" : "c1", labels));
            Assert.NotEmpty(MmvReader.Parse(data, Name).Metrics);
            for (var length = 0; length < data.Length; length++)
            {
                Assert.Throws<MmvFormatException>(() => MmvReader.Parse(data.AsSpan(0, length), Name));
            }
        }
    }

    [Theory]
    [InlineData(0, 0x00564D4E, "bad magic")]
    [InlineData(4, 0, "unsupported MMV version 0")]
    [InlineData(4, 4, "unsupported MMV version 4")]
    [InlineData(24, 1, "TOC count 1")]
    [InlineData(24, 1000, "TOC count 1000")]
    [InlineData(24, -3, "TOC count -3")]
    [InlineData(36, 4096, "cluster 4096")]
    [InlineData(40, 99, "unknown section type 99")]
    [InlineData(44, -1, "negative entry count")]
    [InlineData(44, int.MaxValue, "beyond the file")]
    public void Parse_CorruptHeaderOrToc_NamesTheProblem(int offset, int value, string problem)
    {
        var e = Corrupt(d => BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(offset), value));

        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GenerationsDiffer_SaysFileIsBeingWritten()
    {
        var e = Corrupt(d => BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(16), 0));

        Assert.Contains("generation numbers differ", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 40)]
    [InlineData(8UL)]
    public void Parse_TocOffsetOutOfRange_ThrowsFormatError(ulong offset)
    {
        var e = Corrupt(d => BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(MmvFormat.HeaderSize + 8), offset));

        Assert.Contains("TOC[0]", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateSection_ThrowsFormatError()
    {
        var e = Corrupt(d => d.AsSpan(MmvFormat.HeaderSize, 16).CopyTo(d.AsSpan(MmvFormat.HeaderSize + 16)));

        Assert.Contains("repeats", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1UL << 50, "outside the strings section")]
    [InlineData(0, 0UL, "string offset is 0")]
    [InlineData(0, 64UL, "outside the strings section")]
    [InlineData(12, 77UL, "unknown type 77")]
    [InlineData(16, 2UL, "unknown semantics 2")]
    [InlineData(24, 999UL, "instance domain 999 is not in the file")]
    public void Parse_CorruptMetric_NamesTheProblem(int field, ulong value, string problem)
    {
        var metrics = Section(MmvFormat.TocMetrics);
        var e = Corrupt(d =>
        {
            if (field is 12 or 16 or 24)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(metrics + field), (uint)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(metrics + field), value);
            }
        });

        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16, 3UL, "is not an entry of the metrics section")]
    [InlineData(16, ulong.MaxValue, "is not an entry of the metrics section")]
    [InlineData(24, 5UL, "is not an entry of the instances section")]
    public void Parse_CorruptValue_NamesTheProblem(int field, ulong value, string problem)
    {
        // The first value belongs to collector.runs, which has an instance domain.
        var values = Section(MmvFormat.TocValues);
        var e = Corrupt(d => BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(values + field), value));

        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IndomClaimsTooManyInstances_ThrowsFormatError()
    {
        var indoms = Section(MmvFormat.TocIndoms);
        var e = Corrupt(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(indoms + 4), uint.MaxValue));

        Assert.Contains("are not all entries of the instances section", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StringWithoutTerminator_ThrowsFormatError()
    {
        var strings = Section(MmvFormat.TocStrings);
        var e = Corrupt(d => d.AsSpan(strings, MmvFormat.StringSize).Fill((byte)'x'));

        Assert.Contains("not NUL-terminated", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RandomByteDamage_OnlyEverThrowsFormatError()
    {
        var random = new Random(1234);
        var metadataEnd = Section(MmvFormat.TocStrings);
        for (var round = 0; round < 5000; round++)
        {
            var data = (byte[])_ours.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                data[random.Next(metadataEnd)] = (byte)random.Next(256);
            }

            try
            {
                MmvReader.Parse(data, Name);
            }
            catch (MmvFormatException)
            {
                // Expected for most damage; anything else escapes and fails the test.
            }
        }
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => MmvReader.Read(_folder.Combine("nope")));
    }

    private MmvFormatException Corrupt(Action<byte[]> damage)
    {
        var data = (byte[])_ours.Clone();
        damage(data);
        var e = Assert.Throws<MmvFormatException>(() => MmvReader.Parse(data, Name));
        Assert.Equal($"{Name}: {e.Problem}", e.Message);
        return e;
    }

    /// <summary>Offset of a section in our file, from its TOC.</summary>
    private int Section(int type)
    {
        var tocs = BinaryPrimitives.ReadInt32LittleEndian(_ours.AsSpan(24));
        for (var i = 0; i < tocs; i++)
        {
            var at = MmvFormat.HeaderSize + (i * MmvFormat.TocSize);
            if (BinaryPrimitives.ReadInt32LittleEndian(_ours.AsSpan(at)) == type)
            {
                return (int)BinaryPrimitives.ReadUInt64LittleEndian(_ours.AsSpan(at + 8));
            }
        }

        throw new InvalidOperationException($"no section {type}");
    }
}
