using System.Buffers;
using System.Text.Json;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Server.Protocol;

/// <summary>
/// Records as the reference server answers them: uri, expires and state as plain strings, a
/// renewed record's ttl as the plain string the renew asked for, every other value an array.
/// </summary>
internal static class ServerJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = false };

    public static byte[] Record(LookupRecord record) => Write(w => WriteRecord(w, record));

    public static byte[] Records(IEnumerable<LookupRecord> records) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var record in records)
        {
            WriteRecord(w, record);
        }

        w.WriteEndArray();
    });

    /// <summary>One key of <paramref name="record"/> as a one-member object, as GET /lookup/TYPE/UUID/KEY answers it.</summary>
    public static byte[] Key(LookupRecord record, string key) => Write(w =>
    {
        w.WriteStartObject();
        WriteMember(w, record, key, record.Get(key));
        w.WriteEndObject();
    });

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRecord(Utf8JsonWriter writer, LookupRecord record)
    {
        writer.WriteStartObject();
        foreach (var (key, values) in record.Values)
        {
            WriteMember(writer, record, key, values);
        }

        writer.WriteEndObject();
    }

    private static void WriteMember(Utf8JsonWriter writer, LookupRecord record, string key, IReadOnlyList<string> values)
    {
        var scalar = values.Count == 1 && (key is LookupKeys.Uri or LookupKeys.Expires or LookupKeys.State
            || (key == LookupKeys.Ttl && record.First(LookupKeys.State) == LookupKeys.Renewed));
        if (scalar)
        {
            writer.WriteString(key, values[0]);
            return;
        }

        writer.WriteStartArray(key);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
