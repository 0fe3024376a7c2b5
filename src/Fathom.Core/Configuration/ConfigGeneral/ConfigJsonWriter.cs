using System.Globalization;
using System.Text;

namespace Fathom.Core.Configuration;

/// <summary>
/// Writes a parse tree exactly as JSON::PP->new->utf8->canonical->pretty does (the conformance dumper):
/// 3-space indent, keys in Perl's string order, every scalar a string, null for a key without value.
/// </summary>
public static class ConfigJsonWriter
{
    private const string Indent = "   ";

    public static string Write(ConfigObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var json = new StringBuilder();
        WriteNode(json, root, 0);
        return json.Append('\n').ToString();
    }

    private static void WriteNode(StringBuilder json, ConfigNode node, int level)
    {
        switch (node)
        {
            case ConfigScalar { Value: null }:
                json.Append("null");
                break;
            case ConfigScalar scalar:
                WriteString(json, scalar.Value);
                break;
            case ConfigObject block:
                WriteItems(json, '{', '}', level, block.Keys.Order(Utf8Order.Instance), key =>
                {
                    WriteString(json, key);
                    json.Append(" : ");
                    WriteNode(json, block[key], level + 1);
                });
                break;
            case ConfigArray array:
                WriteItems(json, '[', ']', level, array.Items, item => WriteNode(json, item, level + 1));
                break;
            default:
                throw new ArgumentException($"unknown node type {node.GetType().Name}", nameof(node));
        }
    }

    private static void WriteItems<T>(StringBuilder json, char open, char close, int level, IEnumerable<T> items, Action<T> write)
    {
        json.Append(open);
        var any = false;
        foreach (var item in items)
        {
            json.Append(any ? ",\n" : "\n").Insert(json.Length, Indent, level + 1);
            write(item);
            any = true;
        }

        if (any)
        {
            json.Append('\n').Insert(json.Length, Indent, level);
        }

        json.Append(close);
    }

    /// <summary>JSON::PP's escaping: the usual short escapes, \u00XX for other C0 controls, everything else as is.</summary>
    private static void WriteString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\f': json.Append("\\f"); break;
                case '\b': json.Append("\\b"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }

    /// <summary>Perl's cmp on character strings: code point order (the byte order of UTF-8).</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
    }
}
