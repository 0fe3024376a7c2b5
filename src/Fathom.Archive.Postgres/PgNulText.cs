using Fathom.Core.Measurements;

namespace Fathom.Archive.Postgres;

/// <summary>
/// PostgreSQL's text cannot hold U+0000 (SQLSTATE 22021), and a script may print one in a tag: a
/// batch holding it would be refused for ever and hold its target's spool behind it. Each NUL in a
/// series' name, tags or unit, an event's name, tags or JSON, or a status' texts is stored as
/// U+2400 (␀) instead; the writer counts and logs it.
/// </summary>
internal sealed class PgNulText
{
    /// <summary>What a NUL is stored as.</summary>
    public const char Stand = '\u2400';

    private readonly Dictionary<SeriesKey, SeriesKey> _mapped = [];

    /// <summary>Measurements stored with a NUL replaced, since the writer opened.</summary>
    public long Replaced { get; private set; }

    /// <summary>
    /// The batch itself when it holds no NUL (the usual case: a key already stored is not looked at
    /// again, <paramref name="known"/>), else a copy with every NUL replaced.
    /// </summary>
    public ReadOnlyMemory<Measurement> Clean(ReadOnlyMemory<Measurement> batch, Func<SeriesKey, bool> known)
    {
        var span = batch.Span;
        Measurement[]? copy = null;
        for (var i = 0; i < span.Length; i++)
        {
            var m = span[i];
            Measurement? cleaned = m.Kind switch
            {
                MeasurementKind.Sample when !known(m.Sample.Series) && MapKey(m.Sample.Series) is { } key =>
                    Measurement.Of(m.Sample with { Series = key }),
                MeasurementKind.Event when HasNul(m.Event) =>
                    Measurement.Of(new EventRecord(Text(m.Event.Name), Tags(m.Event.Tags), m.Event.TimeUnixNs, Text(m.Event.Json))),
                MeasurementKind.Status when Has(m.Status.Element) || Has(m.Status.Oper) || Has(m.Status.Admin) =>
                    Measurement.Of(m.Status with { Element = Text(m.Status.Element), Oper = Text(m.Status.Oper), Admin = m.Status.Admin is null ? null : Text(m.Status.Admin) }),
                _ => null,
            };
            if (cleaned is { } c)
            {
                copy ??= span.ToArray();
                copy[i] = c;
                Replaced++;
            }
        }

        return copy is null ? batch : copy;
    }

    private SeriesKey? MapKey(SeriesKey key)
    {
        if (_mapped.TryGetValue(key, out var mapped))
        {
            return mapped;
        }

        if (!Has(key.Name) && !Has(key.Unit) && !key.Tags.Any(t => Has(t.Key) || Has(t.Value)))
        {
            return null;
        }

        mapped = new SeriesKey(Text(key.Name), Text(key.Unit), Tags(key.Tags));
        _mapped[key] = mapped;
        return mapped;
    }

    private static bool HasNul(EventRecord e) => Has(e.Name) || Has(e.Json) || e.Tags.Any(t => Has(t.Key) || Has(t.Value));

    private static bool Has(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    private static string Text(string text) => text.Replace('\0', Stand);

    private static KeyValuePair<string, string>[] Tags(IReadOnlyList<KeyValuePair<string, string>> tags) =>
        [.. tags.Select(t => new KeyValuePair<string, string>(Text(t.Key), Text(t.Value)))];
}
