using Fathom.Core.Measurements;

namespace Fathom.Archive.Tests.Spool;

/// <summary>What the model knows of one appended record: where it is on disk and what became of it.</summary>
internal sealed class ModelRecord(long sequence, Measurement[] batch, string path, long offset, int bytes)
{
    public long Sequence { get; } = sequence;

    public Measurement[] Batch { get; } = batch;

    public string Path { get; } = path;

    public long Offset { get; } = offset;

    public int Bytes { get; } = bytes;

    /// <summary>A byte of it was flipped.</summary>
    public bool Corrupt { get; set; }

    /// <summary>Corrupt and out of the spool's index (found by a scan or a read).</summary>
    public bool Detected { get; set; }

    /// <summary>Its bytes are gone: dropped, deleted with its segment, or cut by a torn write.</summary>
    public bool Gone { get; set; }

    public bool InIndex => !Gone && !(Corrupt && Detected);
}
