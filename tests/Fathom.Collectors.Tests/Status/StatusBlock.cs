using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.Core.Configuration.ConfigGeneral;

namespace Fathom.Collectors.Tests.Status;

/// <summary>A status collector's config from the text of a &lt;collector&gt; block in status.conf, as the loader reads it.</summary>
internal static class StatusBlock
{
    public static CollectorConfig Parse(string dir, string body, TimeSpan? timeout = null, IsolationMode isolation = IsolationMode.Thread)
    {
        var root = ConfigGeneralParser.ParseText($"<collector st>\n    module status\n{body}\n</collector>\n", Path.Combine(dir, "status.conf"));
        var block = (ConfigObject)((ConfigObject)root["collector"])["st"];
        var settings = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal);
        foreach (var (key, node) in block.Entries())
        {
            settings[key] = ConfigSetting.From(key, node);
        }

        return new CollectorConfig("st", "status", block.Location, settings, dir)
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            Isolation = isolation,
        };
    }
}
