using Microsoft.Win32.SafeHandles;

namespace Fathom.Archive.Spool;

/// <summary>One segment file: its readable records in sequence order, its size, and its open handles.</summary>
internal sealed class SpoolSegment(string path, long firstSequence)
{
    public string Path { get; } = path;

    /// <summary>The sequence in its name (its first record's, when it was made).</summary>
    public long FirstSequence { get; } = firstSequence;

    public List<RecordInfo> Records { get; } = [];

    /// <summary>The highest sequence ever written to or found in it (records lost to corruption included).</summary>
    public long LastSequence { get; set; }

    /// <summary>Bytes of the file (its end, where the next record goes).</summary>
    public long Bytes { get; set; }

    /// <summary>Open for appending while it is the active segment.</summary>
    public SafeFileHandle? Writer { get; set; }

    /// <summary>Opened by the first read.</summary>
    public SafeFileHandle? Reader { get; set; }

    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The index of the first record above <paramref name="sequence"/>, or Records.Count.</summary>
    public int IndexAfter(long sequence)
    {
        int lo = 0, hi = Records.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Records[mid].Sequence <= sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public void CloseHandles()
    {
        Writer?.Dispose();
        Writer = null;
        Reader?.Dispose();
        Reader = null;
    }

    public static string FileName(long firstSequence) => $"{firstSequence:D20}.seg";

    public static bool TryParseName(string fileName, out long firstSequence)
    {
        firstSequence = 0;
        return fileName.Length == 24 && fileName.EndsWith(".seg", StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, 20), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out firstSequence)
            && firstSequence > 0;
    }
}
