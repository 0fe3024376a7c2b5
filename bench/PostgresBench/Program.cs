using System.Globalization;

namespace Fathom.PostgresBench;

/// <summary>
/// PostgreSQL ingest and fleet driver of bench/postgres-ingest.sh and bench/fleet.sh. Every command
/// prints one result line of key=value pairs.
///   rows-copy   CONNSTR SERIES ROUNDS      row per point over binary COPY, a round (SERIES points) a COPY
///   rows-insert CONNSTR SERIES ROUNDS      the same rows by multi-row INSERT (1,000 rows a statement)
///   fathom-pg   CONNSTR SERIES ROUNDS      Fathom's PostgreSQL writer (the write port), a round a batch
///   fathom-sqlite PATH SERIES ROUNDS       Fathom's SQLite writer on the same batches
///   fleet CONNSTR FIRST AGENTS SPEEDUP SECONDS   AGENTS agents (host ids from FIRST) × 100 series at 10 s, time sped up
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 4)
        {
            await Console.Error.WriteLineAsync("usage: Fathom.PostgresBench rows-copy|rows-insert|fathom-pg|fathom-sqlite TARGET SERIES ROUNDS | fleet CONNSTR FIRST AGENTS SPEEDUP SECONDS");
            return 2;
        }

        int Int(int i) => int.Parse(args[i], CultureInfo.InvariantCulture);
        var line = args[0] switch
        {
            "rows-copy" => await RowIngest.CopyAsync(args[1], Int(2), Int(3)),
            "rows-insert" => await RowIngest.InsertAsync(args[1], Int(2), Int(3)),
            "fathom-pg" => await PortIngest.RunAsync(Backends.Postgres(args[1], "bench-agent"), Int(2), Int(3)),
            "fathom-sqlite" => await PortIngest.RunAsync(Backends.Sqlite(args[1]), Int(2), Int(3)),
            "fleet" => await Fleet.RunAsync(args[1], Int(2), Int(3), double.Parse(args[4], CultureInfo.InvariantCulture), double.Parse(args[5], CultureInfo.InvariantCulture)),
            _ => null,
        };
        if (line is null)
        {
            await Console.Error.WriteLineAsync($"unknown command {args[0]}");
            return 2;
        }

        Console.WriteLine(line);
        return 0;
    }
}
