using System.Buffers;
using System.Text.Unicode;

namespace Fathom.Pcp.Mmv;

/// <summary>The string section being planned: 256-byte NUL-terminated entries, in the order they were added.</summary>
internal sealed class MmvStrings
{
    private readonly List<string> _entries = [];

    public int Count => _entries.Count;

    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Offset the section will start at; set before any <see cref="Add"/>.</summary>
    public int SectionOffset { get; set; }

    /// <summary>Adds a string and returns its file offset.</summary>
    public int Add(string text)
    {
        _entries.Add(text);
        return SectionOffset + ((_entries.Count - 1) * MmvFormat.StringSize);
    }

    /// <summary>Help text is optional: empty help gets offset 0 (no text) instead of an entry.</summary>
    public int AddOptional(string text) => text.Length == 0 ? 0 : Add(text);

    /// <summary>UTF-8 bytes of a string as stored: at most 255 bytes, cut at a character boundary.</summary>
    public static int Encode(string text, Span<byte> entry)
    {
        var room = entry[..(MmvFormat.StringSize - 1)];
        _ = Utf8.FromUtf16(text, room, out _, out var written, replaceInvalidSequences: true, isFinalBlock: true);
        entry[written..].Clear();
        return written;
    }

    /// <summary>True when the string fits an entry without being cut.</summary>
    public static bool Fits(string text)
    {
        Span<byte> scratch = stackalloc byte[MmvFormat.StringSize];
        return Utf8.FromUtf16(text, scratch[..(MmvFormat.StringSize - 1)], out _, out _) == OperationStatus.Done;
    }
}
