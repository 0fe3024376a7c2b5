using Fathom.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Logging;

/// <summary>
/// Reads a --logger file: "key = value" lines, # comments. Keys: level, output, and
/// level.CATEGORY-PREFIX (e.g. level.collector/ping1 = debug). perfSONAR's Log4perl files are
/// read too: log4perl.rootLogger's level and the first appender's filename; other log4perl.* keys
/// are ignored. Any other key is an error naming file:line.
/// </summary>
internal static class LogConfigReader
{
    public static LogSettings Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the logging configuration: {e.Message}");
        }

        var settings = new LogSettings();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var at = new ConfigLocation(path, i + 1);
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigException(at, $"expected 'key = value', found '{line}'");
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            Apply(settings, key, value, at);
        }

        return settings;
    }

    private static void Apply(LogSettings settings, string key, string value, ConfigLocation at)
    {
        if (key == "level")
        {
            settings.Level = ParseLevel(value, at);
        }
        else if (key == "output")
        {
            settings.Output = value.Length > 0 ? value : throw new ConfigException(at, "'output' needs a value");
        }
        else if (key.StartsWith("level.", StringComparison.Ordinal) && key.Length > 6)
        {
            settings.Categories[key[6..]] = ParseLevel(value, at);
        }
        else if (key == "log4perl.rootLogger" || key == "log4perl.logger")
        {
            settings.Level = ParseLevel(value.Split(',')[0].Trim(), at);
        }
        else if (key.StartsWith("log4perl.appender.", StringComparison.Ordinal) && key.EndsWith(".filename", StringComparison.Ordinal))
        {
            settings.Output ??= value;
        }
        else if (!key.StartsWith("log4perl.", StringComparison.Ordinal))
        {
            throw new ConfigException(at, $"unknown key '{key}' (known: level, output, level.CATEGORY)");
        }
    }

    private static LogLevel ParseLevel(string value, ConfigLocation at) => value.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" or "critical" => LogLevel.Critical,
        "off" or "none" => LogLevel.None,
        _ => throw new ConfigException(at, $"unknown log level '{value}' (debug, info, warning, error, critical, off)"),
    };
}
