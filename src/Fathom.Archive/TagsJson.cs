using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Fathom.Archive;

/// <summary>Tags stored as a JSON object with keys sorted, so equal tag sets give equal text.</summary>
public static class TagsJson
{
    public static string Write(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (tags.Count == 0)
        {
            return "{}";
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var tag in sorted)
            {
                writer.WriteString(tag.Key, tag.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static KeyValuePair<string, string>[] Parse(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            tags.Add(new(property.Name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText()));
        }

        return [.. tags];
    }
}
