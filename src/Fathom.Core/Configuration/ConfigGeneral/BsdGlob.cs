using System.Text;

namespace Fathom.Core.Configuration.ConfigGeneral;

/// <summary>
/// Perl's File::Glob::bsd_glob with GLOB_BRACE | GLOB_QUOTE: byte-wise matching, hidden files only by an
/// explicit ".", each brace alternative globbed on its own and sorted in byte order (strcmp).
/// </summary>
internal static class BsdGlob
{
    private const int Meta = 0x8000;
    private const int Protected = 0x4000;
    private const int All = Meta | '*';
    private const int One = Meta | '?';
    private const int Set = Meta | '[';
    private const int Not = Meta | '!';
    private const int Range = Meta | '-';
    private const int End = Meta | ']';

    public static List<string> Expand(string pattern)
    {
        var results = new List<string>();
        ExpandBraces(Quote(Encoding.UTF8.GetBytes(pattern)), results);
        return results;
    }

    // A backslash protects the next byte; a trailing one stands for itself.
    private static int[] Quote(byte[] bytes)
    {
        var chars = new List<int>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '\\')
            {
                chars.Add(bytes[i]);
            }
            else if (i + 1 < bytes.Length)
            {
                chars.Add(bytes[++i] | Protected);
            }
            else
            {
                chars.Add('\\' | Protected);
            }
        }

        return [.. chars];
    }

    private static void ExpandBraces(int[] pattern, List<string> results)
    {
        if (pattern is ['{', '}'])
        {
            Glob0(pattern, results);
            return;
        }

        var brace = Array.IndexOf(pattern, '{');
        if (brace < 0)
        {
            Glob0(pattern, results);
            return;
        }

        var close = FindClosingBrace(pattern, brace + 1);
        if (close < 0)
        {
            // Like the C code, an unbalanced brace globs only what precedes it.
            Glob0(pattern[..brace], results);
            return;
        }

        var depth = 0;
        var start = brace + 1;
        for (var i = start; i <= close; i++)
        {
            switch (pattern[i])
            {
                case '[':
                    var bracket = i;
                    for (i++; i < pattern.Length && pattern[i] != ']'; i++)
                    {
                    }

                    if (i >= pattern.Length)
                    {
                        i = bracket;
                    }

                    break;
                case '{':
                    depth++;
                    break;
                case '}' when depth > 0:
                    depth--;
                    break;
                case ',' when depth > 0:
                    break;
                case '}' or ',':
                    ExpandBraces([.. pattern[..brace], .. pattern[start..i], .. pattern[(close + 1)..]], results);
                    start = i + 1;
                    break;
            }
        }
    }

    private static int FindClosingBrace(int[] pattern, int from)
    {
        var depth = 0;
        for (var i = from; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '[':
                    var bracket = i;
                    for (i++; i < pattern.Length && pattern[i] != ']'; i++)
                    {
                    }

                    if (i >= pattern.Length)
                    {
                        i = bracket;
                    }

                    break;
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    return i;
                case '}':
                    depth--;
                    break;
            }
        }

        return -1;
    }

    private static void Glob0(int[] pattern, List<string> results)
    {
        var compiled = Compile(pattern);
        if (compiled.Count == 0)
        {
            return;
        }

        var found = new List<byte[]>();
        Glob2([], [.. compiled], 0, found);
        found.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        results.AddRange(found.Select(path => Encoding.UTF8.GetString(path)));
    }

    private static List<int> Compile(int[] p)
    {
        var buf = new List<int>(p.Length);
        var q = 0;
        while (q < p.Length)
        {
            var c = p[q++];
            switch (c)
            {
                case '[':
                    var first = q < p.Length ? p[q] : 0;
                    if (first == '!')
                    {
                        q++;
                    }

                    if (q >= p.Length || Array.IndexOf(p, ']', q + 1) < 0)
                    {
                        buf.Add('[');
                        if (first == '!')
                        {
                            q--;
                        }

                        break;
                    }

                    buf.Add(Set);
                    if (first == '!')
                    {
                        buf.Add(Not);
                    }

                    c = p[q++];
                    do
                    {
                        buf.Add(c & 0xFF);
                        if (q + 1 < p.Length && p[q] == '-' && p[q + 1] != ']')
                        {
                            buf.Add(Range);
                            buf.Add(p[q + 1] & 0xFF);
                            q += 2;
                        }
                    }
                    while (q < p.Length && (c = p[q++]) != ']');

                    buf.Add(End);
                    break;
                case '?':
                    buf.Add(One);
                    break;
                case '*':
                    if (buf.Count == 0 || buf[^1] != All)
                    {
                        buf.Add(All);
                    }

                    break;
                default:
                    buf.Add(c & 0xFF);
                    break;
            }
        }

        return buf;
    }

    private static void Glob2(List<byte> path, int[] pattern, int at, List<byte[]> found)
    {
        while (true)
        {
            if (at == pattern.Length)
            {
                var candidate = Encoding.UTF8.GetString([.. path]);
                if (File.Exists(candidate) || Directory.Exists(candidate))
                {
                    found.Add([.. path]);
                }

                return;
            }

            var segmentEnd = at;
            var anyMeta = false;
            while (segmentEnd < pattern.Length && pattern[segmentEnd] != '/')
            {
                anyMeta |= (pattern[segmentEnd] & Meta) != 0;
                segmentEnd++;
            }

            if (anyMeta)
            {
                Glob3(path, pattern, at, segmentEnd, found);
                return;
            }

            for (; at < segmentEnd; at++)
            {
                path.Add((byte)pattern[at]);
            }

            for (; at < pattern.Length && pattern[at] == '/'; at++)
            {
                path.Add((byte)'/');
            }
        }
    }

    private static void Glob3(List<byte> path, int[] pattern, int segmentStart, int segmentEnd, List<byte[]> found)
    {
        var directory = path.Count == 0 ? "." : Encoding.UTF8.GetString([.. path]);
        List<string> names;
        try
        {
            names = [".", "..", .. new DirectoryInfo(directory).EnumerateFileSystemInfos().Select(e => e.Name)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return;
        }

        foreach (var name in names)
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            if (bytes[0] == '.' && pattern[segmentStart] != '.')
            {
                continue;
            }

            if (Match(bytes, 0, pattern, segmentStart, segmentEnd))
            {
                Glob2([.. path, .. bytes], pattern, segmentEnd, found);
            }
        }
    }

    private static bool Match(byte[] name, int n, int[] pattern, int p, int end)
    {
        while (p < end)
        {
            var c = pattern[p++];
            switch (c)
            {
                case All:
                    if (p == end)
                    {
                        return true;
                    }

                    for (; ; n++)
                    {
                        if (Match(name, n, pattern, p, end))
                        {
                            return true;
                        }

                        if (n >= name.Length)
                        {
                            return false;
                        }
                    }

                case One:
                    if (n++ >= name.Length)
                    {
                        return false;
                    }

                    break;
                case Set:
                    if (n >= name.Length)
                    {
                        return false;
                    }

                    var k = name[n++];
                    var negate = pattern[p] == Not;
                    if (negate)
                    {
                        p++;
                    }

                    var ok = false;
                    while ((c = pattern[p++]) != End)
                    {
                        if (pattern[p] == Range)
                        {
                            ok |= c <= k && k <= pattern[p + 1];
                            p += 2;
                        }
                        else
                        {
                            ok |= c == k;
                        }
                    }

                    if (ok == negate)
                    {
                        return false;
                    }

                    break;
                default:
                    if (n >= name.Length || name[n++] != c)
                    {
                        return false;
                    }

                    break;
            }
        }

        return n == name.Length;
    }
}
