using Fathom.Lookup.Records;

namespace Fathom.Lookup.Server.Protocol;

/// <summary>
/// What a registered record may hold, beyond being well-formed JSON: key names
/// <c>[A-Za-z0-9][A-Za-z0-9._-]*</c> of at most 128 characters, at most 256 keys, 1,000 values per
/// key and 8,192 characters per value, no control characters, one <c>type</c> usable in a uri,
/// at most one <c>ttl</c>.
/// </summary>
internal static class RecordValidator
{
    public const int MaxKeyLength = 128;
    public const int MaxKeys = 256;
    public const int MaxValuesPerKey = 1000;
    public const int MaxValueLength = 8192;

    /// <summary>Null when <paramref name="record"/> may be registered; else the reason, naming the key.</summary>
    public static string? Check(LookupRecord record)
    {
        if (record.Values.Count > MaxKeys)
        {
            return $"the record has {record.Values.Count} keys; at most {MaxKeys} are allowed";
        }

        foreach (var (key, values) in record.Values)
        {
            if (CheckKeyName(key) is { } bad)
            {
                return bad;
            }

            if (values.Count > MaxValuesPerKey)
            {
                return $"key '{key}' has {values.Count} values; at most {MaxValuesPerKey} are allowed";
            }

            foreach (var value in values)
            {
                if (value.Length > MaxValueLength)
                {
                    return $"key '{key}' has a value of {value.Length} characters; at most {MaxValueLength} are allowed";
                }

                if (value.Any(char.IsControl))
                {
                    return $"key '{key}' has a value with a control character";
                }
            }
        }

        var types = record.Get(LookupKeys.Type);
        if (types.Count == 0 || types[0].Length == 0)
        {
            return "the record has no 'type' (e.g. \"type\":[\"service\"])";
        }

        if (types.Count > 1)
        {
            return $"key 'type' has {types.Count} values; a record has exactly one type";
        }

        if (CheckKeyName(types[0]) is not null || types[0] == "records")
        {
            return $"key 'type': '{Shorten(types[0])}' cannot be a record type (letters, digits, '.', '_', '-'; not 'records')";
        }

        if (record.Get(LookupKeys.Ttl).Count > 1)
        {
            return "key 'ttl' has more than one value";
        }

        return null;
    }

    /// <summary>Null when <paramref name="key"/> is a valid key name; else the reason.</summary>
    public static string? CheckKeyName(string key)
    {
        if (key.Length == 0)
        {
            return "a key name is empty";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"key '{Shorten(key)}' is {key.Length} characters long; at most {MaxKeyLength} are allowed";
        }

        if (!char.IsAsciiLetterOrDigit(key[0]) || !key.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return $"key '{Shorten(key)}' is not a valid key name (letters, digits, '.', '_', '-'; starting with a letter or digit)";
        }

        return null;
    }

    private static string Shorten(string text)
    {
        var printable = new string([.. text.Take(40).Select(static c => char.IsControl(c) ? '?' : c)]);
        return text.Length <= 40 ? printable : printable + "…";
    }
}
