using Fathom.Core.Configuration;

namespace Fathom.Core.Storage;

/// <summary>
/// One archive's settings as its backend read them, from the &lt;archive&gt; block or from a
/// location named on a command line. Equal when every setting is equal (wherever the block is
/// written): a reload compares the new settings with the running ones.
/// </summary>
public abstract class ArchiveOptions : IEquatable<ArchiveOptions>
{
    /// <summary>Settings of the backend named <paramref name="type"/>.</summary>
    protected ArchiveOptions(string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        Type = type;
    }

    /// <summary>The backend's <see cref="IArchiveBackend.Type"/>.</summary>
    public string Type { get; }

    /// <summary>Where the archive is, for messages: for sqlite the file's full path.</summary>
    public abstract string Target { get; }

    /// <summary>Where the &lt;archive&gt; block is; null for the defaults or a command-line location.</summary>
    public ConfigLocation? Location { get; init; }

    /// <summary>What <c>fathomd --check</c> prints, label and text, e.g. ("archive", "sqlite /var/lib/fathom/archive.db").</summary>
    public abstract IReadOnlyList<KeyValuePair<string, string>> Summary { get; }

    public static bool operator ==(ArchiveOptions? left, ArchiveOptions? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ArchiveOptions? left, ArchiveOptions? right) => !(left == right);

    /// <inheritdoc/>
    public abstract bool Equals(ArchiveOptions? other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ArchiveOptions);

    /// <inheritdoc/>
    public abstract override int GetHashCode();
}
