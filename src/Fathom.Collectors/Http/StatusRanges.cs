using System.Globalization;

namespace Fathom.Collectors.Http;

/// <summary>The accepted status codes: single codes and inclusive ranges such as 200-299.</summary>
internal sealed class StatusRanges
{
    private readonly List<(int Low, int High)> _ranges;

    private StatusRanges(List<(int Low, int High)> ranges) => _ranges = ranges;

    public static StatusRanges Default { get; } = new([(200, 399)]);

    public bool Contains(int status) => _ranges.Exists(r => status >= r.Low && status <= r.High);

    public override string ToString() =>
        string.Join(",", _ranges.Select(r => r.Low == r.High ? r.Low.ToString(CultureInfo.InvariantCulture) : $"{r.Low}-{r.High}"));

    /// <summary>Each value holds codes or ranges, separated by commas or spaces.</summary>
    public static bool TryParse(IEnumerable<string> values, out StatusRanges ranges, out string problem)
    {
        var list = new List<(int, int)>();
        ranges = Default;
        foreach (var value in values)
        {
            foreach (var item in value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                var dash = item.IndexOf('-', StringComparison.Ordinal);
                var lowText = dash < 0 ? item : item[..dash];
                var highText = dash < 0 ? item : item[(dash + 1)..];
                if (!TryCode(lowText, out var low) || !TryCode(highText, out var high) || low > high)
                {
                    problem = $"'{item}' must be a status code (100-599) or a range of them such as 200-299";
                    return false;
                }

                list.Add((low, high));
            }
        }

        if (list.Count == 0)
        {
            problem = "needs at least one status code";
            return false;
        }

        ranges = new StatusRanges(list);
        problem = "";
        return true;
    }

    private static bool TryCode(string text, out int code) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out code) && code is >= 100 and <= 599;
}
