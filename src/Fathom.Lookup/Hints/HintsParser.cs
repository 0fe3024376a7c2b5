using System.Text.Json;
using Fathom.Lookup.Configuration;

namespace Fathom.Lookup.Hints;

/// <summary>
/// Parses an activehosts.json (<c>{"hosts":[{"locator":URL,"status":"alive|unreachable|unknown","priority":N}]}</c>),
/// as perfSONAR's hints service publishes it. Strict about shapes, so a broken hints file is
/// reported once, naming where it came from, instead of silently choosing nothing.
/// </summary>
public static class HintsParser
{
    /// <summary>Every host listed; throws <see cref="HintsException"/> naming <paramref name="source"/> (a file or URL).</summary>
    public static IReadOnlyList<HintHost> Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new HintsException($"hints {source}: not valid JSON ({e.Message})", e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("hosts", out var hosts) || hosts.ValueKind != JsonValueKind.Array)
            {
                throw new HintsException($"hints {source}: expected {{\"hosts\":[{{\"locator\":URL,\"status\":\"alive\",\"priority\":N}}, …]}}");
            }

            var result = new List<HintHost>();
            var i = 0;
            foreach (var host in hosts.EnumerateArray())
            {
                result.Add(ParseHost(host, $"hints {source}: hosts[{i}]"));
                i++;
            }

            return result;
        }
    }

    private static HintHost ParseHost(JsonElement host, string at)
    {
        if (host.ValueKind != JsonValueKind.Object)
        {
            throw new HintsException($"{at} is not an object");
        }

        if (!host.TryGetProperty("locator", out var locatorElement) || locatorElement.ValueKind != JsonValueKind.String)
        {
            throw new HintsException($"{at}: 'locator' must be a string ({LookupUrl.Example})");
        }

        var locator = LookupUrl.Parse(locatorElement.GetString()!, out var reason) ?? throw new HintsException($"{at}: locator {reason}");
        var status = HintStatus.Unknown;
        if (host.TryGetProperty("status", out var statusElement))
        {
            status = statusElement.ValueKind == JsonValueKind.String ? statusElement.GetString() switch
            {
                "alive" => HintStatus.Alive,
                "unreachable" => HintStatus.Unreachable,
                "unknown" => HintStatus.Unknown,
                var other => throw new HintsException($"{at}: 'status' must be alive, unreachable or unknown, not '{other}'"),
            }
            : throw new HintsException($"{at}: 'status' must be a string (alive, unreachable or unknown)");
        }

        var priority = 0;
        if (host.TryGetProperty("priority", out var priorityElement) && !(priorityElement.ValueKind == JsonValueKind.Number && priorityElement.TryGetInt32(out priority)))
        {
            throw new HintsException($"{at}: 'priority' must be a whole number");
        }

        return new HintHost(locator, status, priority);
    }

    /// <summary>Reads and parses a file; an unreadable file is a <see cref="HintsException"/> naming it.</summary>
    public static IReadOnlyList<HintHost> ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HintsException($"hints {path}: {e.Message}", e);
        }

        return Parse(text, path);
    }
}
