using System.Text.Json;

namespace Fathom.Lookup.Server.Tests.Support;

/// <summary>Reading replies in tests: JsonDocument, no reflection.</summary>
internal static class Json
{
    public static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The element's strings: a string is one, an array its members.</summary>
    public static string[] Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => [.. element.EnumerateArray().Select(e => e.GetString()!)],
        _ => throw new InvalidOperationException($"not a string or array: {element}"),
    };
}
