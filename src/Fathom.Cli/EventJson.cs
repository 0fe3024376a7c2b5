using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fathom.Cli;

/// <summary>An event's stored JSON on one line for tables and CSV, and as a JSON value in JSON output.</summary>
internal static class EventJson
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON without insignificant whitespace; text that is not JSON is kept, line breaks as spaces.</summary>
    public static string Compact(string json)
    {
        if (Parse(json) is not { } document)
        {
            return json.ReplaceLineEndings(" ");
        }

        using (document)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
            {
                document.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    /// <summary>Writes the stored JSON as a value; text that is not JSON is written as a string so the output stays valid.</summary>
    public static void Write(Utf8JsonWriter writer, string name, string json)
    {
        writer.WritePropertyName(name);
        if (Parse(json) is not { } document)
        {
            writer.WriteStringValue(json);
            return;
        }

        using (document)
        {
            document.WriteTo(writer);
        }
    }

    private static JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
