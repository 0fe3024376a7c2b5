using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fathom.Cli;

/// <summary>Writes indented JSON to a console writer, without HTML-style escaping of '+', '&lt;' or non-ASCII.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public static void WriteTags(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        writer.WriteStartObject("tags");
        foreach (var tag in tags)
        {
            writer.WriteString(tag.Key, tag.Value);
        }

        writer.WriteEndObject();
    }

    /// <summary>JSON has no NaN or infinities; those values are written as null.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
