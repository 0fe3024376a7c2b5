using Fathom.Core.Storage;
using Npgsql;

namespace Fathom.Archive.Postgres;

/// <summary>The state table, one agent's rows (by host); a short connection per call, the schema made on first use.</summary>
internal sealed class PostgresArchiveState(PostgresArchiveSettings settings) : IArchiveState
{
    private NpgsqlDataSource? _source;
    private bool _ready;

    public string? Get(string name) => Run(connection =>
    {
        using var select = new NpgsqlCommand("SELECT value FROM state WHERE host = $1 AND key = $2", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = settings.Host });
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return select.ExecuteScalar() as string;
    });

    public void Set(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _ = Run(connection =>
        {
            using var command = new NpgsqlCommand(value is null
                ? "DELETE FROM state WHERE host = $1 AND key = $2"
                : "INSERT INTO state(host, key, value) VALUES($1, $2, $3) ON CONFLICT(host, key) DO UPDATE SET value = excluded.value", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = settings.Host });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            if (value is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
            }

            return command.ExecuteNonQuery();
        });
    }

    public IReadOnlyDictionary<string, string> List(string prefix) => Run(connection =>
    {
        using var select = new NpgsqlCommand("SELECT key, value FROM state WHERE host = $1 AND starts_with(key, $2) ORDER BY key", connection);
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = settings.Host });
        select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
        using var reader = select.ExecuteReader();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return (IReadOnlyDictionary<string, string>)result;
    });

    public void Dispose() => _source?.Dispose();

    private T Run<T>(Func<NpgsqlConnection, T> action)
    {
        try
        {
            _source ??= PostgresDataSources.Create(settings, pooling: true);
            using var connection = _source.OpenConnection();
            if (!_ready)
            {
                PostgresSchema.Ensure(connection, settings.Target);
                _ready = true;
            }

            return action(connection);
        }
        catch (Exception e) when (e is not ArchiveException && PostgresFailures.IsDatabaseError(e))
        {
            throw PostgresFailures.Wrap(settings.Target, "use the state of", e);
        }
    }
}
