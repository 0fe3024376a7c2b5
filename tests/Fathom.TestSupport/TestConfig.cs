using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.TestSupport;

/// <summary>Builds a <see cref="CollectorConfig"/> from key/value pairs, as if read from test.conf.</summary>
public static class TestConfig
{
    public static CollectorConfig Collector(string module, string baseDirectory, params (string Key, string Value)[] settings)
    {
        var dict = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        var line = 2;
        foreach (var group in settings.GroupBy(s => s.Key))
        {
            dict[group.Key] = new ConfigSetting(group.Key, [.. group.Select(g => (string?)g.Value)], new ConfigLocation("test.conf", line++));
        }

        return new CollectorConfig("test", module, new ConfigLocation("test.conf", 1), dict, baseDirectory);
    }
}
