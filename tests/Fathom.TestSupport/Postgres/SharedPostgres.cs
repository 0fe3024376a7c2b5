namespace Fathom.TestSupport.Postgres;

/// <summary>
/// The PostgreSQL every test of a run shares: FATHOM_TEST_PG (a superuser connection string, set
/// by scripts/test.sh) when set, else one private server per test process, started on first use.
/// Tests that stop the server start their own <see cref="PostgresServer"/> instead.
/// </summary>
public static class SharedPostgres
{
    public const string Variable = "FATHOM_TEST_PG";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _admin;
    private static PostgresServer? _own;
    private static int _next;

    /// <summary>A superuser connection string to the shared server's postgres database.</summary>
    public static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync(TimeSpan.FromSeconds(90)).ConfigureAwait(false);
        try
        {
            if (_admin is null)
            {
                if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment)
                {
                    _admin = fromEnvironment;
                }
                else
                {
                    _own = await PostgresServer.StartNewAsync().ConfigureAwait(false);
                    _admin = _own.AdminConnectionString;
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => _own.StopAndRemoveDetached();
                }
            }

            return _admin;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new, empty database on the shared server (named for the test), as a connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var admin = await AdminConnectionStringAsync().ConfigureAwait(false);
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _next)}_{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        return await PostgresServer.CreateDatabaseAsync(admin, name).ConfigureAwait(false);
    }
}
