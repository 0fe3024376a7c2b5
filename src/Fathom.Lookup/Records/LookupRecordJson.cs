using System.Buffers;
using System.Text.Json;

namespace Fathom.Lookup.Records;

/// <summary>
/// Records to and from the sLS JSON shape: an object whose values are arrays of strings (a plain
/// string is taken as a one-element array, as the Java server does; a number, as Perl writes
/// some, as the string of its digits). Written by hand over
/// <see cref="Utf8JsonReader"/>/<see cref="Utf8JsonWriter"/>: no reflection, NativeAOT-safe, and every
/// wrong shape is a reason naming the key.
/// </summary>
public static class LookupRecordJson
{
    /// <summary>Deepest nesting a body may have before it is refused (a record is two levels deep).</summary>
    private const int MaxDepth = 8;

    /// <summary>
    /// Parses one record object from <paramref name="utf8"/>. False with a reason for malformed JSON,
    /// a body that is not an object, a repeated key, or a value that is neither a string nor an
    /// array of strings.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out LookupRecord record, out string error)
    {
        record = new LookupRecord();
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            error = "the body is empty: a JSON object was expected";
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = $"the body is a JSON {Describe(reader.TokenType)}: a JSON object was expected";
                return false;
            }

            if (!TryReadObject(ref reader, record, out error))
            {
                return false;
            }

            if (reader.Read())
            {
                error = $"unexpected data after the JSON object at byte {reader.TokenStartIndex}";
                return false;
            }

            return true;
        }
        catch (JsonException e)
        {
            error = $"malformed JSON: {Trim(e.Message)}";
            return false;
        }
    }

    /// <summary>Parses a JSON array of record objects (a query's answer); false with a reason otherwise.</summary>
    public static bool TryParseArray(ReadOnlySpan<byte> utf8, out IReadOnlyList<LookupRecord> records, out string error)
    {
        var list = new List<LookupRecord>();
        records = list;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                error = "a JSON array of records was expected";
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var record = new LookupRecord();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    error = $"record {list.Count}: a JSON object was expected, got a {Describe(reader.TokenType)}";
                    return false;
                }

                if (!TryReadObject(ref reader, record, out error))
                {
                    error = $"record {list.Count}: {error}";
                    return false;
                }

                list.Add(record);
            }

            error = "";
            return true;
        }
        catch (JsonException e)
        {
            error = $"malformed JSON: {Trim(e.Message)}";
            return false;
        }
    }

    /// <summary>
    /// Reads the members of the object whose StartObject <paramref name="reader"/> is on, into
    /// <paramref name="record"/>; the reader ends on its EndObject. For bodies that embed records
    /// (a query reply's array).
    /// </summary>
    public static bool TryReadObject(ref Utf8JsonReader reader, LookupRecord record, out string error)
    {
        ArgumentNullException.ThrowIfNull(record);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (key.Length == 0)
            {
                error = "a key name is empty";
                return false;
            }

            if (!seen.Add(key))
            {
                error = $"key '{key}' appears twice";
                return false;
            }

            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String or JsonTokenType.Number:
                    record.Set(key, Text(ref reader));
                    break;
                case JsonTokenType.StartArray:
                    var values = new List<string>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                        {
                            error = $"key '{key}': every value must be a string, got a {Describe(reader.TokenType)}";
                            return false;
                        }

                        values.Add(Text(ref reader));
                    }

                    record.Set(key, values);
                    break;
                default:
                    error = $"key '{key}': the value must be a string or an array of strings, got a {Describe(reader.TokenType)}";
                    return false;
            }
        }

        error = "";
        return true;
    }

    /// <summary>
    /// Writes <paramref name="record"/> as a JSON object. With <paramref name="serverScalars"/> the
    /// keys the server assigns (uri, expires, state) are written as plain strings, as the sLS
    /// answers them; otherwise every value is an array, as a client sends them.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, LookupRecord record, bool serverScalars)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartObject();
        foreach (var (key, values) in record.Values)
        {
            if (serverScalars && key is LookupKeys.Uri or LookupKeys.Expires or LookupKeys.State && values.Count == 1)
            {
                writer.WriteString(key, values[0]);
                continue;
            }

            writer.WriteStartArray(key);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>The record as UTF-8 JSON bytes (see <see cref="Write"/>).</summary>
    public static byte[] ToUtf8(LookupRecord record, bool serverScalars)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, record, serverScalars);
        }

        return buffer.WrittenSpan.ToArray();
    }

    // perfSONAR's Perl records carry numbers where Perl last used a value as one (Host.pm's
    // location-latitude is [37.5]): a number is kept as the text it was sent as.
    private static string Text(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan) : reader.GetString()!;

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.String => "string",
        _ => token.ToString().ToLowerInvariant(),
    };

    // System.Text.Json's messages end with a path and a line/byte position in its own words; the first sentence is the reason.
    private static string Trim(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..dot] : message.TrimEnd('.');
    }
}
