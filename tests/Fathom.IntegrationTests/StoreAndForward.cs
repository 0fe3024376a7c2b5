using System.Globalization;
using Fathom.Archive.Postgres;
using Fathom.TestSupport.Postgres;

namespace Fathom.IntegrationTests;

/// <summary>What the store-and-forward tests share: a config with a local SQLite and a central PostgreSQL target, and every stored point read back.</summary>
internal static class StoreAndForward
{
    /// <summary>A fathomd config: noop collectors at 1 s, a local SQLite target and the PostgreSQL one as agent <paramref name="host"/>.</summary>
    public static string Config(TempDir dir, PostgresServer pg, string database, string host, string pgSpoolDir, string extra = "", int collectors = 3, string topLevel = "") =>
        dir.Write("fathom.conf", $"""
            collection_interval 1
            shutdown_timeout 5
            {topLevel}
            <archive>
                name local
                path {dir.File("local.db")}
                spool_dir {dir.File("spool-local")}
            </archive>
            <archive>
                type postgresql
                name central
                connection "Host=127.0.0.1;Port={pg.Port};Database={database};Username=postgres;Timeout=3"
                host {host}
                spool_dir {pgSpoolDir}
                retry_policy "forever x 500ms"
                {extra}
            </archive>
            {string.Join("\n", Enumerable.Range(1, collectors).Select(i => Configs.Noop($"n{i}", interval: "1")))}
            """);

    /// <summary>Every point of an archive as "name|collector|time|value", one entry per stored point (duplicates kept), the host tag set aside.</summary>
    public static List<string> Points(Fathom.Core.Storage.IArchiveReader reader, string? host = null)
    {
        var points = new List<string>();
        reader.ForEachSeries(null, long.MinValue, long.MaxValue, (key, list) =>
        {
            if (host is not null && key.Tag("host") != host)
            {
                return;
            }

            foreach (var p in list)
            {
                points.Add(string.Create(CultureInfo.InvariantCulture, $"{key.Name}|{key.Tag("collector")}|{p.TimeNs}|{p.Value}"));
            }
        });
        return points;
    }

    public static List<string> SqlitePoints(string path)
    {
        using var reader = Fathom.Archive.ArchiveReader.Open(path);
        return Points(reader);
    }

    public static List<string> PostgresPoints(PostgresServer pg, string database, string? host = null)
    {
        var backend = new PostgresArchiveBackend();
        using var reader = backend.OpenReader(backend.ForLocation($"postgresql://postgres@127.0.0.1:{pg.Port}/{database}"));
        return Points(reader, host);
    }

    /// <summary>As <see cref="PostgresPoints"/>, empty while the schema is not there yet or the server is down (for polling).</summary>
    public static List<string> PostgresPointsSoFar(PostgresServer pg, string database, string? host = null)
    {
        try
        {
            return PostgresPoints(pg, database, host);
        }
        catch (Fathom.Core.Storage.ArchiveException)
        {
            return [];
        }
    }

    /// <summary>Every point in SQLite is in PostgreSQL exactly once, and nothing else is there.</summary>
    public static void AssertSame(List<string> sqlite, List<string> postgres)
    {
        var duplicates = postgres.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).Take(5).ToList();
        Assert.True(duplicates.Count == 0, $"points stored twice in PostgreSQL: {string.Join(", ", duplicates)}");
        var local = sqlite.ToHashSet(StringComparer.Ordinal);
        var central = postgres.ToHashSet(StringComparer.Ordinal);
        var missing = local.Except(central).Take(5).ToList();
        var extra = central.Except(local).Take(5).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{local.Count} points in SQLite, {central.Count} in PostgreSQL; missing there: {string.Join(", ", missing)}; only there: {string.Join(", ", extra)}");
    }
}
