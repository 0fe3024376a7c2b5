using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Npgsql data sources through the slim builder (only the types the archive uses: fathomd is
/// NativeAOT), with the password resolved now (<see cref="PostgresPassword"/>).
/// </summary>
internal static class PostgresDataSources
{
    public static NpgsqlDataSource Create(PostgresArchiveSettings settings, bool pooling)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = pooling,
            ApplicationName = "fathom",
        };
        if (PostgresPassword.Resolve(settings) is { } password)
        {
            builder.Password = password;
        }

        var slim = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString);
        slim.EnableArrays();
        return slim.Build();
    }
}
