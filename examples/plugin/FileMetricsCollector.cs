using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Measurements;

namespace Fathom.Examples.FileMetrics;

/// <summary>
/// Reads numbers from one text file at every run (a /proc or /sys file, a cgroup's memory.stat,
/// a status file another program writes) and emits each configured metric as file.NAME, tagged
/// with the file's path and the block's tags.
/// </summary>
public sealed class FileMetricsCollector : ICollector
{
    private string _path = "";
    private FileFormat _format;
    private List<MetricSpec> _metrics = [];
    private List<KeyValuePair<string, string>> _tags = [];
    private SeriesKey[]? _series;

    /// <summary>
    /// The keys this module accepts beyond the common ones; fathom-plugin-host refuses any other
    /// key at its file:line, as fathomd does for a built-in module.
    /// </summary>
    public static CollectorDescriptor Descriptor { get; } =
        new("file-metrics", ["file", "format", "metric", "tag"], () => new FileMetricsCollector());

    /// <inheritdoc />
    public void Init(CollectorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _path = config.ResolvePath(config.GetRequiredString("file"));
        if (!File.Exists(_path))
        {
            throw config.Error("file", $"names {_path}, which does not exist");
        }

        _format = config.GetChoice("format", "keyed", "keyed", "fields") == "fields" ? FileFormat.Fields : FileFormat.Keyed;
        _metrics = [.. Values(config, "metric").Select(v => MetricSpec.Parse(v.Text, v.Where, _format))];
        if (_metrics.Count == 0)
        {
            throw config.Missing("metric");
        }

        if (_metrics.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw config.Error("metric", $"names {twice.Key} more than once");
        }

        _tags = [new("file", _path), .. Values(config, "tag").Select(v => Tag(v.Text, v.Where))];
    }

    /// <inheritdoc />
    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _series ??= [.. _metrics.Select(m => context.Series($"file.{m.Name}", m.Unit, [.. _tags]))];

        // An unreadable file fails the run: fathomd logs it and counts it in the collector's failures.
        var text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < _metrics.Count; i++)
        {
            if (FileValues.TryFind(text, _format, _metrics[i], out var value, out var problem))
            {
                context.Emit(_series[i], value * _metrics[i].Scale);
            }
            else
            {
                // The other metrics of the file are still good: report this one and go on.
                context.ReportProblem($"{_path}: metric {_metrics[i].Name}: {problem}");
            }
        }

        return CollectOutcome.Default;
    }

    /// <summary>Each value of a (possibly repeated) key with the line it is written on.</summary>
    private static IEnumerable<(string? Text, ConfigLocation Where)> Values(CollectorConfig config, string key)
    {
        if (config.Find(key) is not { } setting)
        {
            yield break;
        }

        var items = setting.Node is ConfigArray array && array.Items.Count == setting.Values.Count ? array.Items : null;
        for (var i = 0; i < setting.Values.Count; i++)
        {
            yield return (setting.Values[i], items?[i].Location ?? setting.Location);
        }
    }

    private static KeyValuePair<string, string> Tag(string? text, ConfigLocation where)
    {
        var eq = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (text is null || eq <= 0 || eq == text.Length - 1)
        {
            throw new ConfigException(where, $"'tag' takes KEY=VALUE, not '{text}'");
        }

        var key = text[..eq].Trim();
        return key is "collector" or "file"
            ? throw new ConfigException(where, $"'tag' {key} is set by fathomd and this plugin; choose another key")
            : new(key, text[(eq + 1)..].Trim());
    }
}
