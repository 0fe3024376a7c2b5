using Fathom.Core.Configuration;

namespace Fathom.Core.Tests.Configuration;

/// <summary>A section a test registers for itself: &lt;probe&gt; port N &lt;/probe&gt;, as a next subsystem would.</summary>
internal sealed class ProbeSectionReader : ConfigSectionReader<ProbeSettings>
{
    public override string Block => "probe";

    protected override ProbeSettings Default { get; } = new(0, null);

    protected override string Usage => "<probe> port N </probe>";

    protected override ProbeSettings Read(ConfigObject block, ConfigSectionContext context)
    {
        var port = 0;
        foreach (var (key, node) in block.Entries())
        {
            var setting = ConfigSetting.From(key, node);
            if (key != "port")
            {
                context.Errors.Add(new ConfigException(setting.Location, $"unknown key '{key}' in <probe>"));
            }
            else if (!int.TryParse(setting.Single(), out port))
            {
                context.Errors.Add(setting.Error("must be a number"));
            }
        }

        return new ProbeSettings(port, block.Location);
    }
}
