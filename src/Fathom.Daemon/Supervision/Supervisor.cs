using Fathom.Api.Hosting;
using Fathom.Core.Scheduling;
using Fathom.Core.Collectors;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Supervision;

/// <summary>
/// Owns the running collectors. A reload is applied as a diff: unchanged blocks keep running,
/// changed ones restart, removed ones stop, new ones start.
/// </summary>
internal sealed partial class Supervisor(Func<PreparedCollector, ICollectorWorker> makeWorker, ILogger logger)
{
    private readonly Dictionary<string, ICollectorWorker> _workers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IReadOnlyCollection<ICollectorWorker> Workers
    {
        get
        {
            lock (_workers)
            {
                return [.. _workers.Values];
            }
        }
    }

    /// <summary>Every collector now, by id: safe to call from any thread while the supervisor runs, reloads or stops.</summary>
    public IReadOnlyList<CollectorSnapshot> Snapshot() =>
        [.. Workers.OrderBy(w => w.Config.Id, StringComparer.Ordinal).Select(SnapshotOf)];

    private static CollectorSnapshot SnapshotOf(ICollectorWorker worker)
    {
        var c = worker.Config;
        var s = worker.Stats;
        return new CollectorSnapshot(
            c.Id, c.Module, c.Interval, c.Schedule, c.Isolation, worker.State, s.LastRun,
            s.Runs, s.Failures, s.Timeouts, s.Overruns, s.Restarts, s.RunningSince, s.NextRun, worker.ChildPid, s.ManualRuns);
    }

    /// <summary>Runs collector <paramref name="id"/> now, out of its schedule (the API's admin "run now").</summary>
    public Task<RunNowResult> RunNowAsync(string id, CancellationToken cancellationToken)
    {
        ICollectorWorker? worker;
        lock (_workers)
        {
            _workers.TryGetValue(id, out worker);
        }

        return worker is null ? Task.FromResult(RunNowResult.Unknown) : worker.RunNowAsync(cancellationToken);
    }

    public void Start(IReadOnlyList<PreparedCollector> collectors)
    {
        foreach (var p in collectors)
        {
            StartOne(p);
        }
    }

    /// <summary>Applies a new, already prepared set of collectors; returns (kept, restarted, stopped, started).</summary>
    public async Task<(int Kept, int Restarted, int Stopped, int Started)> ApplyAsync(IReadOnlyList<PreparedCollector> next, TimeSpan grace)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var wanted = next.ToDictionary(p => p.Config.Id, StringComparer.Ordinal);
            int kept = 0, restarted = 0, stopped = 0, started = 0;
            foreach (var worker in Workers)
            {
                if (!wanted.TryGetValue(worker.Config.Id, out var replacement))
                {
                    await StopOneAsync(worker, grace).ConfigureAwait(false);
                    Log.Removed(logger, worker.Config.Id);
                    stopped++;
                }
                else if (replacement.Config.Fingerprint == worker.Config.Fingerprint)
                {
                    (replacement.Instance as IDisposable)?.Dispose();
                    wanted.Remove(worker.Config.Id);
                    kept++;
                }
                else
                {
                    await StopOneAsync(worker, grace).ConfigureAwait(false);
                    StartOne(replacement);
                    wanted.Remove(worker.Config.Id);
                    Log.Restarted(logger, worker.Config.Id);
                    restarted++;
                }
            }

            foreach (var p in next.Where(p => wanted.ContainsKey(p.Config.Id)))
            {
                StartOne(p);
                Log.Added(logger, p.Config.Id);
                started++;
            }

            return (kept, restarted, stopped, started);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAllAsync(TimeSpan grace)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(Workers.Select(w => StopOneAsync(w, grace))).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartOne(PreparedCollector p)
    {
        var worker = makeWorker(p);
        lock (_workers)
        {
            _workers[p.Config.Id] = worker;
        }

        worker.Start();
        Log.Started(logger, p.Config.Id, p.Config.Module, p.Config.Interval.TotalSeconds, p.Config.Schedule.ToString().ToLowerInvariant(), p.Config.Isolation.ToString().ToLowerInvariant());
    }

    private async Task StopOneAsync(ICollectorWorker worker, TimeSpan grace)
    {
        lock (_workers)
        {
            _workers.Remove(worker.Config.Id);
        }

        await worker.StopAsync(grace).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, EventName = "CollectorStarted", Level = LogLevel.Information, Message = "collector {Id} started: module {Module}, every {Seconds} s, schedule {Schedule}, isolation {Isolation}")]
        public static partial void Started(ILogger logger, string id, string module, double seconds, string schedule, string isolation);

        [LoggerMessage(EventId = 301, EventName = "CollectorRemoved", Level = LogLevel.Information, Message = "collector {Id} removed by reload")]
        public static partial void Removed(ILogger logger, string id);

        [LoggerMessage(EventId = 302, EventName = "CollectorRestarted", Level = LogLevel.Information, Message = "collector {Id} changed: restarted")]
        public static partial void Restarted(ILogger logger, string id);

        [LoggerMessage(EventId = 303, EventName = "CollectorAdded", Level = LogLevel.Information, Message = "collector {Id} added by reload")]
        public static partial void Added(ILogger logger, string id);
    }
}
