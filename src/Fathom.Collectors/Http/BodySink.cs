using System.Text;

namespace Fathom.Collectors.Http;

/// <summary>Counts every body byte and keeps the first <c>limit</c> of them for expect_body.</summary>
internal sealed class BodySink(int limit)
{
    private readonly MemoryStream _kept = new();

    public long Count { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        Count += data.Length;
        var room = limit - (int)_kept.Length;
        if (room > 0)
        {
            _kept.Write(data[..Math.Min(room, data.Length)]);
        }
    }

    /// <summary>The kept bytes as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string Text() => Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
}
