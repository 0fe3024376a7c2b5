using System.Globalization;

namespace Fathom.InfluxPeer;

/// <summary>key=value arguments after the command and its URL.</summary>
internal sealed class Options(IEnumerable<string> args)
{
    private readonly Dictionary<string, string> _values = args
        .Select(a => a.Split('=', 2))
        .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    public string Text(string key, string fallback) => _values.TryGetValue(key, out var v) ? v : fallback;

    public long Number(string key, long fallback) =>
        _values.TryGetValue(key, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Real(string key, double fallback) =>
        _values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
