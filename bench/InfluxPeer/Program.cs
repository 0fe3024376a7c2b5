using System.Net;

namespace Fathom.InfluxPeer;

/// <summary>
/// InfluxDB 1.x peer client of the archive benchmarks.
///   ping URL [seconds]          wait until GET /ping answers 204
///   create-db URL db=NAME       CREATE DATABASE
///   write URL [key=value...]    POST line protocol to /write?db=..&amp;precision=ns
///   sink-write [key=value...]   the same writes to an in-process discard server: the client's own ceiling
///   query URL [db=bench] [runs=10]  the three queries of bench/archive-query.sh
/// write keys: db=bench shape=ingest|query|api series=10000 seconds=60 (0: until points) points=0 (0: no limit)
/// concurrency=2 batch=5000 prebuild=0 (build this many points before the clock starts, then top up
/// from a producer thread; 0: a producer thread from the start).
/// Prints one result line on stdout; progress on stderr.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 1)
        {
            await Console.Error.WriteLineAsync("usage: Fathom.InfluxPeer ping|create-db|write|sink-write|query [URL] [key=value...]");
            return 2;
        }

        switch (args[0])
        {
            case "ping":
                return await PingAsync(new Uri(args[1]), args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 30);
            case "create-db":
            {
                var o = new Options(args.Skip(2));
                using var client = new HttpClient { BaseAddress = new Uri(args[1]) };
                using var form = new FormUrlEncodedContent([new("q", $"CREATE DATABASE \"{o.Text("db", "bench")}\"")]);
                using var response = await client.PostAsync("query", form);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || body.Contains("\"error\"", StringComparison.Ordinal))
                {
                    await Console.Error.WriteLineAsync($"create-db: {(int)response.StatusCode} {body}");
                    return 1;
                }

                return 0;
            }

            case "write":
                return await WriteAsync(new Uri(args[1]), new Options(args.Skip(2)), "influxdb");
            case "sink-write":
            {
                using var sink = new DiscardSink();
                var rc = await WriteAsync(sink.Uri, new Options(args.Skip(1)), "client-alone-discard-sink");
                var (bytes, requests) = sink.Received;
                await Console.Error.WriteLineAsync($"discard sink received {bytes} bytes in {requests} requests");
                return rc;
            }

            case "query":
            {
                var o = new Options(args.Skip(2));
                return await InfluxQueries.RunAsync(new Uri(args[1]), o.Text("db", "bench"), (int)o.Number("runs", 10));
            }

            default:
                await Console.Error.WriteLineAsync($"unknown command {args[0]}");
                return 2;
        }
    }

    private static async Task<int> WriteAsync(Uri baseUri, Options o, string label)
    {
        var db = o.Text("db", "bench");
        var points = o.Number("points", 0);
        var prebuild = o.Number("prebuild", 0);
        var batches = new LineBatches(DataShape.Parse(o.Text("shape", "ingest")), (int)o.Number("series", 10_000), (int)o.Number("batch", 5_000), points);
        var writer = new Writer(new Uri(baseUri, $"write?db={Uri.EscapeDataString(db)}&precision=ns"), (int)o.Number("concurrency", 2), Console.Error);
        return await writer.RunAsync(batches, o.Real("seconds", 60), prebuild, label);
    }

    private static async Task<int> PingAsync(Uri baseUri, double seconds)
    {
        using var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(2) };
        var until = TimeProvider.System.GetTimestamp() + (long)(seconds * TimeProvider.System.TimestampFrequency);
        while (TimeProvider.System.GetTimestamp() < until)
        {
            try
            {
                using var response = await client.GetAsync("ping");
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return 0;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await Console.Error.WriteLineAsync($"no answer from {baseUri}ping within {seconds} s");
        return 1;
    }
}
