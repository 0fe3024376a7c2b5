namespace Fathom.Api.Endpoints;

/// <summary>Tags as the wire's JSON object (keys in the series' sorted order).</summary>
internal static class WireTags
{
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        var dictionary = new Dictionary<string, string>(tags.Count, StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            dictionary[tag.Key] = tag.Value;
        }

        return dictionary;
    }
}
