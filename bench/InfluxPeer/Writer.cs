using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;

namespace Fathom.InfluxPeer;

/// <summary>
/// Sends line-protocol payloads with <c>concurrency</c> HTTP/1.1 connections, each posting one
/// payload and waiting for its answer before the next, until the time or the points run out.
/// Payloads are either all built before the clock starts (prebuild) or built by one producer
/// thread ahead of the senders (a bounded queue), for loads too large to hold in memory.
/// </summary>
internal sealed class Writer(Uri writeUri, int concurrency, TextWriter progress)
{
    private long _acked;
    private long _errors;
    private string? _firstError;
    private long _prebuilt;
    private volatile bool _done;

    public async Task<int> RunAsync(LineBatches batches, double seconds, long prebuild, string label)
    {
        Channel<(byte[] Payload, int Points)> queue;
        Thread producer;
        var buildWatch = Stopwatch.StartNew();
        if (prebuild > 0)
        {
            // Everything up to `prebuild` points is built before the clock starts; should the run
            // outlast it, one producer thread keeps about 200 payloads queued from there on.
            var unbounded = Channel.CreateUnbounded<(byte[], int)>(new UnboundedChannelOptions { SingleWriter = true });
            queue = unbounded;
            while (batches.Produced < prebuild && batches.Next() is { } batch)
            {
                unbounded.Writer.TryWrite(batch);
            }

            _prebuilt = batches.Produced;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"prebuilt {batches.Produced} points in {buildWatch.Elapsed.TotalSeconds:F1} s ({batches.Produced / buildWatch.Elapsed.TotalSeconds:F0} points/s on one thread)"));
            producer = new Thread(() =>
            {
                while (!_done)
                {
                    if (unbounded.Reader.Count > 200)
                    {
                        Thread.Sleep(5);
                        continue;
                    }

                    if (batches.Next() is not { } more)
                    {
                        break;
                    }

                    unbounded.Writer.TryWrite(more);
                }

                unbounded.Writer.TryComplete();
            })
            { IsBackground = true, Name = "line-protocol producer" };
            producer.Start();
        }
        else
        {
            var bounded = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(64) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
            queue = bounded;
            producer = new Thread(() =>
            {
                while (!_done && batches.Next() is { } batch)
                {
                    while (!bounded.Writer.TryWrite(batch))
                    {
                        if (_done || !bounded.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
                        {
                            return;
                        }
                    }
                }

                bounded.Writer.TryComplete();
            })
            { IsBackground = true, Name = "line-protocol producer" };
            producer.Start();
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var deadline = seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, concurrency)
            .Select(_ => Task.Run(() => SendAsync(client, queue.Reader, watch, deadline, stop.Token)))
            .ToArray();

        // Acknowledged points every 10 s: the run is "sustained" if the windows agree.
        var windows = new List<double>();
        var all = Task.WhenAll(senders);
        long lastAcked = 0;
        var lastAt = TimeSpan.Zero;
        var lastProgress = TimeSpan.Zero;
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(1)));
            var now = watch.Elapsed;
            var acked = Interlocked.Read(ref _acked);
            if (!all.IsCompleted && now - lastAt >= TimeSpan.FromSeconds(10))
            {
                windows.Add((acked - lastAcked) / (now - lastAt).TotalSeconds);
                lastAcked = acked;
                lastAt = now;
            }

            if (now - lastProgress >= TimeSpan.FromSeconds(30))
            {
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {acked} points acknowledged after {now.TotalSeconds:F0} s ({acked / now.TotalSeconds:F0}/s)"));
                lastProgress = now;
            }

            if (Interlocked.Read(ref _errors) > 10)
            {
                await stop.CancelAsync();
            }
        }

        await all;
        var elapsed = watch.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var total = Interlocked.Read(ref _acked);

        // A producer waiting for room in a full queue wakes up to a completed channel and stops.
        _done = true;
        queue.Writer.TryComplete();
        producer.Join(TimeSpan.FromSeconds(5));
        var w = windows.Count > 0 ? windows : [total / elapsed];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} points={total} seconds={elapsed:F1} points_per_s={total / elapsed:F0} window10s_min={w.Min():F0} window10s_max={w.Max():F0} batch={batches.BatchPoints} concurrency={concurrency} prebuilt_points={_prebuilt} built_during_run={batches.Produced - _prebuilt} errors={_errors} client_cpu_pct={cpu / elapsed * 100:F1}"));
        if (_firstError is not null)
        {
            await Console.Error.WriteLineAsync($"first error: {_firstError}");
        }

        return _errors == 0 ? 0 : 1;
    }

    private async Task SendAsync(HttpClient client, ChannelReader<(byte[] Payload, int Points)> reader, Stopwatch watch, TimeSpan deadline, CancellationToken stop)
    {
        try
        {
            await SendLoopAsync(client, reader, watch, deadline, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Too many errors: the run stops and reports them.
        }
        catch (HttpRequestException e)
        {
            Interlocked.Increment(ref _errors);
            Interlocked.CompareExchange(ref _firstError, e.Message, null);
        }
    }

    private async Task SendLoopAsync(HttpClient client, ChannelReader<(byte[] Payload, int Points)> reader, Stopwatch watch, TimeSpan deadline, CancellationToken stop)
    {
        while (watch.Elapsed < deadline && !stop.IsCancellationRequested && await reader.WaitToReadAsync(stop).ConfigureAwait(false))
        {
            if (!reader.TryRead(out var batch))
            {
                continue;
            }

            using var content = new ByteArrayContent(batch.Payload);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            using var response = await client.PostAsync(writeUri, content, stop).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                Interlocked.Add(ref _acked, batch.Points);
            }
            else
            {
                var body = await response.Content.ReadAsStringAsync(stop).ConfigureAwait(false);
                Interlocked.Increment(ref _errors);
                Interlocked.CompareExchange(ref _firstError, $"{(int)response.StatusCode} {body.Trim()}", null);
            }
        }
    }
}
