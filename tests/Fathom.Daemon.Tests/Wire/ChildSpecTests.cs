using System.Text.Json;
using Fathom.Child;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Daemon.Tests.Wire;

public sealed class ChildSpecTests
{
    private static CollectorConfig Config()
    {
        var repeated = new ConfigArray(new ConfigLocation("/etc/fathom.conf", 12));
        repeated.Items.Add(new ConfigScalar(new ConfigLocation("/etc/fathom.conf", 12), "a 1 count"));
        repeated.Items.Add(new ConfigScalar(new ConfigLocation("/etc/fathom.conf", 14), "b 2 bytes"));
        repeated.Items.Add(new ConfigScalar(new ConfigLocation("/etc/fathom.conf", 17), "c 3 ms"));
        var settings = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
        {
            ["metric"] = ConfigSetting.From("metric", repeated),
            ["file"] = ConfigSetting.From("file", new ConfigScalar(new ConfigLocation("/etc/fathom.conf", 11), "/proc/meminfo")),
        };
        return new CollectorConfig("mem", "T, p.dll", new ConfigLocation("/etc/fathom.conf", 10), settings, "/etc");
    }

    [Fact]
    public void ToConfig_RepeatedKey_KeepsTheLineOfEachValue()
    {
        var json = JsonSerializer.Serialize(ChildSpec.From(Config(), logLevel: 2), ChildSpecJson.Default.ChildSpec);
        var config = JsonSerializer.Deserialize(json, ChildSpecJson.Default.ChildSpec)!.ToConfig();

        var metric = config.Find("metric")!;
        Assert.Equal(["a 1 count", "b 2 bytes", "c 3 ms"], metric.Values);
        var items = Assert.IsType<ConfigArray>(metric.Node).Items;
        Assert.Equal([12, 14, 17], items.Select(i => i.Location.Line));
        Assert.Equal(["a 1 count", "b 2 bytes", "c 3 ms"], items.Select(i => ((ConfigScalar)i).Value));
        Assert.Null(config.Find("file")!.Node);
        Assert.Equal(new ConfigLocation("/etc/fathom.conf", 11), config.Find("file")!.Location);
    }

    [Fact]
    public void ToConfig_SpecWithoutLines_FallsBackToTheKeysLine()
    {
        // A spec written before values carried their lines (or built by hand) still reads.
        var spec = ChildSpec.From(Config(), logLevel: 2) with { Settings = [new ChildSetting("metric", ["a 1 count", "b 2 bytes"], "/etc/fathom.conf", 12)] };

        var metric = spec.ToConfig().Find("metric")!;

        Assert.Null(metric.Node);
        Assert.Equal(12, metric.Location.Line);
    }
}
