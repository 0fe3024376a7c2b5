using Fathom.Lookup.Records;

namespace Fathom.Lookup.Server.Protocol;

/// <summary>
/// One <c>key=v1,v2</c> of a query: the record must have the key, and any (or, with
/// <c>key-operator=all</c>, every) value must match one of its values. A value matches case-insensitively,
/// whole, with <c>*</c> standing for any run of characters. No values: the key present is enough.
/// </summary>
internal sealed record QueryTerm(string Key, IReadOnlyList<string> Values, bool All)
{
    public bool Matches(LookupRecord record)
    {
        if (!record.Values.TryGetValue(Key, out var have))
        {
            return false;
        }

        if (Values.Count == 0)
        {
            return true;
        }

        // Plain loops: a query checks every candidate record, so no closures per record.
        foreach (var wanted in Values)
        {
            var hit = false;
            foreach (var value in have)
            {
                if (Glob(wanted, value))
                {
                    hit = true;
                    break;
                }
            }

            if (hit != All)
            {
                return hit; // any: the first hit decides; all: the first miss does
            }
        }

        return All;
    }

    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> whole, <c>*</c> matching any run, case-insensitively.</summary>
    public static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        if (!pattern.Contains('*'))
        {
            return pattern.Equals(text, StringComparison.OrdinalIgnoreCase);
        }

        return Fathom.Core.Text.Glob.IsMatch(pattern, text, ignoreCase: true, questionMark: false);
    }
}
