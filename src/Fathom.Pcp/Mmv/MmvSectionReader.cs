using Fathom.Core.Configuration;

namespace Fathom.Pcp.Mmv;

/// <summary>Reads the &lt;mmv&gt; block: whether, under which name and in which folder the daemon publishes its metrics.</summary>
public sealed class MmvSectionReader : ConfigSectionReader<MmvSettings>
{
    public const string Name = "mmv";

    public override string Block => Name;

    protected override MmvSettings Default => MmvSettings.Default;

    protected override string Usage => "<mmv> name fathom dir DIR enabled yes </mmv>";

    protected override MmvSettings Read(ConfigObject block, ConfigSectionContext context)
    {
        var result = MmvSettings.Default;
        foreach (var (key, value) in block.Entries())
        {
            var setting = ConfigSetting.From(key, value);
            try
            {
                result = key switch
                {
                    "enabled" => result with { Enabled = ValueParsers.TryParseBool(setting.Single(), out var on) ? on : throw setting.Error($"must be yes or no, not '{setting.Single()}'") },
                    "name" => result with { Name = PlainName(setting) },
                    "dir" => result with { Dir = Path.GetFullPath(setting.Single(), context.FolderOf(value)) },
                    _ => throw new ConfigException(setting.Location, $"unknown key '{key}' in <mmv> (known: enabled, name, dir)"),
                };
            }
            catch (ConfigException e)
            {
                context.Errors.Add(e);
            }
        }

        return result;
    }

    private static string PlainName(ConfigSetting setting)
    {
        var name = setting.Single();
        return name.Length <= 200 && !name.Contains('/', StringComparison.Ordinal) && name[0] != '.' ? name : throw setting.Error($"must be a plain file name, not '{name}'");
    }
}
