using System.Collections;

namespace Fathom.Core.Storage.Delivery;

/// <summary>
/// Every &lt;archive&gt; block, in file order (at least one: the defaults when the file has none).
/// The first is the one the API and <c>fathom --config</c> read. Equal when every target is.
/// </summary>
public sealed class ArchiveTargets(IReadOnlyList<ArchiveTargetOptions> targets) : IReadOnlyList<ArchiveTargetOptions>, IEquatable<ArchiveTargets>
{
    /// <summary>The first target: what the API and the CLI read.</summary>
    public ArchiveTargetOptions Primary => targets[0];

    /// <inheritdoc/>
    public int Count => targets.Count;

    /// <inheritdoc/>
    public ArchiveTargetOptions this[int index] => targets[index];

    /// <inheritdoc/>
    public IEnumerator<ArchiveTargetOptions> GetEnumerator() => targets.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(ArchiveTargets? other) => other is not null && targets.SequenceEqual(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ArchiveTargets);

    /// <inheritdoc/>
    public override int GetHashCode() => targets.Count;
}
