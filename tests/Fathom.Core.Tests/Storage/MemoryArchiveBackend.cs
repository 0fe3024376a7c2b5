using Fathom.Core.Configuration;
using Fathom.Core.Storage;

namespace Fathom.Core.Tests.Storage;

/// <summary>A backend of type "memory" that a test registers: it reads its own key (<c>label</c>) and keeps what is written.</summary>
internal sealed class MemoryArchiveBackend : IArchiveBackend
{
    public string Type => "memory";

    public string DefaultLocation => "memory:default";

    public List<MemoryArchive> Opened { get; } = [];

    public ArchiveOptions ReadOptions(ConfigObject? block, ConfigSectionContext context)
    {
        var name = "default";
        foreach (var (key, value) in block?.Entries() ?? [])
        {
            if (key == "label" && value is ConfigScalar { Value: { } v })
            {
                name = v;
            }
            else if (key != "type")
            {
                context.Errors.Add(new ConfigException(value.Location, $"unknown memory archive key '{key}'"));
            }
        }

        return new MemoryArchiveOptions(name) { Location = block?.Location };
    }

    public ArchiveOptions ForLocation(string location) => new MemoryArchiveOptions(location["memory:".Length..]);

    public IReadOnlyList<ConfigException> Check(ArchiveOptions options) => [];

    public IReadOnlyList<string> OwnedFiles(ArchiveOptions options) => [];

    public IArchiveWriter OpenWriter(ArchiveOptions options, ArchiveOpenContext context)
    {
        var archive = new MemoryArchive(((MemoryArchiveOptions)options).Name);
        Opened.Add(archive);
        return archive;
    }

    public IArchiveReader OpenReader(ArchiveOptions options) => throw new ArchiveException($"memory archive {options.Target} cannot be read");
}
