using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.Cli.Tests;

/// <summary>A backend that only resolves locations: for what the CLI does with a type it cannot compact.</summary>
internal sealed class NoCompactionBackend : IArchiveBackend
{
    public string Type => "nocompact";

    public string DefaultLocation => "nocompact:default";

    public ArchiveOptions ReadOptions(ConfigObject? block, ConfigSectionContext context) => new Options("default");

    public ArchiveOptions ForLocation(string location) => new Options(location);

    public IReadOnlyList<ConfigException> Check(ArchiveOptions options) => [];

    public IReadOnlyList<string> OwnedFiles(ArchiveOptions options) => [];

    public IArchiveWriter OpenWriter(ArchiveOptions options, ArchiveOpenContext context) => throw new NotSupportedException();

    public IArchiveReader OpenReader(ArchiveOptions options) => throw new ArchiveException($"{options.Target} cannot be read");

    private sealed class Options(string target) : ArchiveOptions("nocompact")
    {
        public override string Target => target;

        public override IReadOnlyList<KeyValuePair<string, string>> Summary => [];

        public override bool Equals(ArchiveOptions? other) => other is Options o && o.Target == Target;

        public override int GetHashCode() => Target.GetHashCode(StringComparison.Ordinal);
    }
}
