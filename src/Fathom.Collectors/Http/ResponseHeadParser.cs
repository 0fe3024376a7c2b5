using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Http;

/// <summary>Parses a header block (status line and fields, without the blank line).</summary>
internal static class ResponseHeadParser
{
    public static ResponseHead Parse(string block)
    {
        var lines = block.Split('\n');
        var statusLine = lines[0].TrimEnd('\r');
        if (!TryStatus(statusLine, out var status))
        {
            throw new ProbeException($"malformed response: bad status line '{HttpText.Excerpt(statusLine)}'");
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !HttpText.IsToken(line[..colon]))
            {
                throw new ProbeException($"malformed response: bad header line '{HttpText.Excerpt(line)}'");
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        return new ResponseHead(status, headers);
    }

    /// <summary>"HTTP/1.x NNN[ reason]".</summary>
    private static bool TryStatus(string line, out int status)
    {
        status = 0;
        if (line.Length < 12 || !line.StartsWith("HTTP/1.", StringComparison.Ordinal) || !char.IsAsciiDigit(line[7]) || line[8] != ' ')
        {
            return false;
        }

        for (var i = 9; i < 12; i++)
        {
            if (!char.IsAsciiDigit(line[i]))
            {
                return false;
            }

            status = (status * 10) + (line[i] - '0');
        }

        return status >= 100 && (line.Length == 12 || line[12] == ' ');
    }
}
