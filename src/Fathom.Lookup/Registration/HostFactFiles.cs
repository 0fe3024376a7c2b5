using System.Globalization;

namespace Fathom.Lookup.Registration;

/// <summary>Parsers for the files the host record's facts come from; an unreadable or odd file gives nothing, never an exception.</summary>
internal static class HostFactFiles
{
    /// <summary>/etc/os-release (or /usr/lib/os-release) as KEY → unquoted value.</summary>
    public static Dictionary<string, string> OsRelease(string root)
    {
        var text = ReadFirst(Path.Combine(root, "etc/os-release"), Path.Combine(root, "usr/lib/os-release"));
        return text is null ? [] : ParseOsRelease(text);
    }

    public static Dictionary<string, string> ParseOsRelease(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            result[line[..eq].Trim()] = value;
        }

        return result;
    }

    /// <summary>MemTotal from /proc/meminfo, in KiB.</summary>
    public static long? MemTotalKiB(string root)
    {
        var text = ReadFirst(Path.Combine(root, "proc/meminfo"));
        var line = text?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var number = line?["MemTotal:".Length..].Trim().Split(' ')[0];
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) && kib > 0 ? kib : null;
    }

    public static CpuFacts CpuInfo(string root)
    {
        var text = ReadFirst(Path.Combine(root, "proc/cpuinfo"));
        return text is null ? new CpuFacts(null, null, null) : ParseCpuInfo(text);
    }

    /// <summary>
    /// Speed from the first "cpu MHz"; packages from distinct "physical id"s (left out when none is
    /// listed, as on arm64); cores from "cpu cores" per package, else one per logical processor.
    /// </summary>
    public static CpuFacts ParseCpuInfo(string text)
    {
        double? mhz = null;
        var packages = new Dictionary<string, int>(StringComparer.Ordinal);
        var processors = 0;
        string? package = null;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "processor":
                    processors++;
                    package = null;
                    break;
                case "cpu MHz" when mhz is null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0:
                    mhz = m;
                    break;
                case "physical id":
                    package = value;
                    packages.TryAdd(value, 0);
                    break;
                case "cpu cores" when package is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cores):
                    packages[package] = cores;
                    break;
            }
        }

        int? packageCount = packages.Count > 0 ? packages.Count : null;
        int? coreCount = packages.Count > 0 && packages.Values.All(c => c > 0) ? packages.Values.Sum() : processors > 0 ? processors : null;
        return new CpuFacts(mhz, packageCount, coreCount);
    }

    private static string? ReadFirst(params string[] paths)
    {
        foreach (var path in paths)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Try the next; none readable means the fact is left out.
            }
        }

        return null;
    }
}
