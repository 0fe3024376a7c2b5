using Fathom.Core.Storage;

namespace Fathom.Core.Tests.Storage;

internal sealed class MemoryArchiveOptions(string name) : ArchiveOptions("memory")
{
    public string Name { get; } = name;

    public override string Target => $"memory:{Name}";

    public override IReadOnlyList<KeyValuePair<string, string>> Summary => [new("archive", Target)];

    public override bool Equals(ArchiveOptions? other) => other is MemoryArchiveOptions o && o.Name == Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}
