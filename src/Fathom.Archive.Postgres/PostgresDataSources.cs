using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Npgsql data sources through the slim builder (only the types the archive uses: fathomd is
/// NativeAOT), with the password resolved now (<see cref="PostgresPassword"/>) and statements
/// prepared automatically.
/// </summary>
internal static class PostgresDataSources
{
    /// <summary>Statements Npgsql prepares on a session when the connection string sets no Max Auto Prepare.</summary>
    public const int AutoPrepared = 32;

    public static NpgsqlDataSource Create(PostgresArchiveSettings settings, bool pooling)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = pooling,
            ApplicationName = "fathom",
        };

        // A writer or reader keeps its session for long and sends the same few statements again and
        // again: prepared once, the server parses and plans them once (unless the connection sets Max Auto Prepare).
        if (!SetsAutoPrepare(settings.ConnectionString))
        {
            builder.MaxAutoPrepare = AutoPrepared;
            builder.AutoPrepareMinUsages = 2;
        }

        if (PostgresPassword.Resolve(settings) is { } password)
        {
            builder.Password = password;
        }

        var slim = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString);
        slim.EnableArrays();
        return slim.Build();
    }

    // "Max Auto Prepare=0" in the user's connection turns preparing off (a pooler that drops session state).
    private static bool SetsAutoPrepare(string connection)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection }.Keys;
        foreach (string key in keys)
        {
            if (key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
