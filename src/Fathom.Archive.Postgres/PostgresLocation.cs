using System.Globalization;
using Fathom.Core.Storage;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// A command-line location, postgresql://user@host:port/database (or postgres://), as settings; the
/// password never goes in the URL (FATHOM_ARCHIVE_PASSWORD or PGPASSWORD in the environment).
/// </summary>
internal static class PostgresLocation
{
    public static PostgresArchiveSettings Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        const string Usage = "use postgresql://user@host:port/database";
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || (uri.Scheme != "postgresql" && uri.Scheme != "postgres"))
        {
            throw new ArchiveException($"'{Redacted(location)}' is not a PostgreSQL location: {Usage}");
        }

        var user = Uri.UnescapeDataString(uri.UserInfo);
        if (user.Contains(':', StringComparison.Ordinal))
        {
            throw new ArchiveException($"the archive location must not hold the password: {Usage} with {PostgresPassword.Variable} or {PostgresPassword.LibpqVariable} in the environment");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (uri.Host.Length == 0 || database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new ArchiveException($"'{location}' names no host or database: {Usage}");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = database,
        };
        if (user.Length > 0)
        {
            builder.Username = user;
        }

        return new PostgresArchiveSettings(builder.ConnectionString, PostgresArchiveSettingsReader.DefaultHost())
        {
            Options = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["connection"] = builder.ConnectionString,
                ["port"] = builder.Port.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    // A location that failed to parse may still carry user:password@: never echo that part.
    private static string Redacted(string location)
    {
        var at = location.LastIndexOf('@');
        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? location[..(scheme + 3)] + "…" + location[at..] : location;
    }
}
