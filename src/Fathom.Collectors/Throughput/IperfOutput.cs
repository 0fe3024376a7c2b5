using System.Text.Json;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Throughput;

/// <summary>
/// Reads iperf3's -J report. Never throws: iperf3's own "error", a failed exit, and missing,
/// malformed or truncated JSON all become a reason.
/// </summary>
internal static class IperfOutput
{
    public static (IperfResult? Result, string? Error) Parse(string stdout, ChildExit exit, string stderr, bool udp)
    {
        var tail = stderr.Length > 0 ? $"; stderr: {stderr}" : "";
        if (string.IsNullOrWhiteSpace(stdout))
        {
            return (null, $"iperf3 printed no report ({exit}){tail}");
        }

        try
        {
            using var doc = JsonDocument.Parse(stdout);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, $"iperf3 report is a JSON {root.ValueKind}, not an object ({exit})");
            }

            if (root.TryGetProperty("error", out var error))
            {
                return (null, $"iperf3: {(error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText())}");
            }

            if (!exit.Success)
            {
                return (null, $"iperf3 ended with {exit}{tail}");
            }

            return Read(root, udp);
        }
        catch (JsonException e)
        {
            return (null, $"iperf3 report is not valid JSON ({e.Message}; {exit}){tail}");
        }
    }

    private static (IperfResult?, string?) Read(JsonElement root, bool udp)
    {
        if (!root.TryGetProperty("end", out var end) || end.ValueKind != JsonValueKind.Object)
        {
            return (null, "iperf3 report has no 'end' object");
        }

        if (!udp)
        {
            return Number(end, "sum_received", "bits_per_second") is { } bps
                ? (new IperfResult(bps, Number(end, "sum_sent", "retransmits"), null, null), null)
                : (null, "iperf3 report has no end.sum_received.bits_per_second");
        }

        // Newer iperf3 reports the receiver's side of UDP in sum_received; older ones only have sum.
        var rate = Number(end, "sum_received", "bits_per_second") ?? Number(end, "sum", "bits_per_second");
        var jitter = Number(end, "sum", "jitter_ms") ?? Number(end, "sum_received", "jitter_ms");
        var loss = Number(end, "sum", "lost_percent") ?? Number(end, "sum_received", "lost_percent");
        return rate is { } r && jitter is { } j && loss is { } l
            ? (new IperfResult(r, null, j, l), null)
            : (null, "iperf3 report has no end.sum with bits_per_second, jitter_ms and lost_percent");
    }

    private static double? Number(JsonElement end, string section, string field) =>
        end.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object
            && s.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d)
            ? d
            : null;
}
