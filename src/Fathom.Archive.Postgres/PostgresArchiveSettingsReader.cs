using Fathom.Archive.Retention;
using Fathom.Core.Configuration;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Reads a postgresql &lt;archive&gt; block: connection (required, no password in it), password_file,
/// host and retention. Unknown keys are errors: the delivery keys (spool_*, retry_policy, name) are
/// taken out of the block by the catalog before it gets here, so a misspelt one is caught too.
/// </summary>
internal static class PostgresArchiveSettingsReader
{
    private static readonly string[] Keys = ["type", "connection", "password_file", "host", .. RetentionSettings.Keys];

    public static PostgresArchiveSettings Read(ConfigObject? block, ConfigSectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = context.Errors;
        if (block is null)
        {
            errors.Add(new ConfigException("archive type postgresql needs a 'connection'"));
            return Placeholder();
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in block.Entries())
        {
            if (value is ConfigScalar { Value: { } v })
            {
                options[key] = v;
            }
            else if (key != "type")
            {
                errors.Add(new ConfigException(value.Location, $"archive '{key}' takes one value"));
            }
        }

        foreach (var key in options.Keys)
        {
            if (!Keys.Contains(key))
            {
                errors.Add(new ConfigException(At(block, key), $"unknown archive key '{key}' (known: {string.Join(", ", Keys)}; and for every archive name, spool, spool_dir, spool_sync, spool_max_bytes, spool_full, retry_policy)"));
            }
        }

        var connection = "";
        if (!options.TryGetValue("connection", out var text) || text.Length == 0)
        {
            errors.Add(new ConfigException(block.Location, "archive type postgresql needs a 'connection' (\"Host=…;Port=…;Database=…;Username=…\")"));
        }
        else if (ConnectionProblem(text) is { } problem)
        {
            errors.Add(new ConfigException(At(block, "connection"), problem));
        }
        else
        {
            connection = text;
        }

        string? passwordFile = null;
        if (options.TryGetValue("password_file", out var file))
        {
            passwordFile = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(context.FolderOf(block), file));
        }

        var host = options.TryGetValue("host", out var h) ? h.Trim() : DefaultHost();
        if (host.Length == 0)
        {
            errors.Add(new ConfigException(At(block, "host"), "archive 'host' must not be empty"));
            host = DefaultHost();
        }

        var retention = RetentionSettingsReader.Read(block, options, errors);
        return new PostgresArchiveSettings(connection.Length == 0 ? PlaceholderConnection : connection, host)
        {
            Location = block.Location,
            Options = options,
            Retention = retention,
            PasswordFile = passwordFile,
            PasswordFileLocation = block.TryGet("password_file", out var node) ? node.Location : null,
        };
    }

    /// <summary>Why <paramref name="text"/> cannot be the connection (malformed, a password inside, no host or database); null when fine.</summary>
    public static string? ConnectionProblem(string text)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or KeyNotFoundException)
        {
            // Npgsql's message may quote the text, and the text may hold a password: say only what is wrong.
            return "archive 'connection' is not a valid connection string (\"Host=…;Port=…;Database=…;Username=…\")";
        }

        if (!string.IsNullOrEmpty(builder.Password))
        {
            return "archive 'connection' must not hold the password: use 'password_file FILE', or FATHOM_ARCHIVE_PASSWORD / PGPASSWORD in the environment";
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            return "archive 'connection' names no Host";
        }

        return string.IsNullOrEmpty(builder.Database) ? "archive 'connection' names no Database" : null;
    }

    /// <summary>The machine's host name: the agent's identity when the block names none.</summary>
    public static string DefaultHost() => System.Net.Dns.GetHostName() is { Length: > 0 } name ? name : Environment.MachineName;

    private const string PlaceholderConnection = "Host=localhost;Database=fathom";

    // Returned beside errors so the loader has options to show; never opened (the errors stop start-up).
    private static PostgresArchiveSettings Placeholder() => new(PlaceholderConnection, DefaultHost());

    private static ConfigLocation At(ConfigObject block, string key) => block.TryGet(key, out var n) ? n.Location : block.Location;
}
