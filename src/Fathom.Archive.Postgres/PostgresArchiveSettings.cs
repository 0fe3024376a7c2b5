using Fathom.Archive.Retention;
using Fathom.Core.Configuration;
using Fathom.Core.Storage;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// A postgresql &lt;archive&gt; block: the connection (never with a password: that comes from
/// <see cref="PasswordFile"/> or the environment), the agent's identity (<see cref="Host"/>) and retention.
/// Equal when every key is equal, wherever the block is written.
/// </summary>
public sealed class PostgresArchiveSettings : ArchiveOptions
{
    /// <summary>Settings for <paramref name="connectionString"/> (no password in it) as agent <paramref name="host"/>.</summary>
    public PostgresArchiveSettings(string connectionString, string host)
        : base(PostgresArchiveBackend.TypeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(host);
        ConnectionString = connectionString;
        Host = host;
    }

    /// <summary>The Npgsql connection string, without a password.</summary>
    public string ConnectionString { get; }

    /// <summary>This agent's identity: the <c>host</c> tag the writer adds to every series that lacks one.</summary>
    public string Host { get; }

    /// <summary>A file whose first line is the password; null: FATHOM_ARCHIVE_PASSWORD or PGPASSWORD, if set.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>Where <c>password_file</c> is set, for messages about the file.</summary>
    public ConfigLocation? PasswordFileLocation { get; init; }

    /// <summary>How long each resolution is kept.</summary>
    public RetentionSettings Retention { get; init; } = RetentionSettings.Forever;

    /// <summary>Every key of the block.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>postgresql://user@host:port/database (never the password).</summary>
    public override string Target
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            var user = string.IsNullOrEmpty(b.Username) ? "" : b.Username + "@";
            return $"postgresql://{user}{b.Host}:{b.Port}/{b.Database}";
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, string>> Summary =>
        [new("archive", $"{Type} {Target}"), new("archive host", Host), new("retain", RetentionSettingsReader.Describe(Retention))];

    /// <inheritdoc/>
    public override bool Equals(ArchiveOptions? other) =>
        other is PostgresArchiveSettings o
        && ConnectionString == o.ConnectionString
        && Host == o.Host
        && PasswordFile == o.PasswordFile
        && Retention == o.Retention
        && Options.Count == o.Options.Count
        && Options.All(kv => o.Options.TryGetValue(kv.Key, out var value) && value == kv.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, ConnectionString, Host, Retention, Options.Count);
}
