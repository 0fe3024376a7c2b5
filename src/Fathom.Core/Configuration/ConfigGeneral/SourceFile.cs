using System.Text;

namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>Splits a file into lines the way Perl's readline does ("\n" only), dropping a UTF-8 BOM.</summary>
internal static class SourceFile
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static List<SourceLine> FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Bom))
        {
            bytes = bytes[3..];
        }

        var lines = new List<SourceLine>();
        var number = 0;
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            var raw = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            number++;
            lines.Add(Decode(raw, number));
        }

        return lines;
    }

    public static List<SourceLine> FromText(string text)
    {
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var lines = new List<SourceLine>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var stop = end < 0 ? text.Length : end;
            lines.Add(new SourceLine(text[start..stop], lines.Count + 1, Malformed: false));
            start = stop + 1;
        }

        return lines;
    }

    private static SourceLine Decode(ReadOnlySpan<byte> raw, int number)
    {
        try
        {
            return new SourceLine(Strict.GetString(raw), number, Malformed: false);
        }
        catch (DecoderFallbackException)
        {
            // Perl reads such bytes with warnings and then dies or crashes when it touches them; remember it.
            return new SourceLine(Lenient.GetString(raw), number, Malformed: true);
        }
    }
}
