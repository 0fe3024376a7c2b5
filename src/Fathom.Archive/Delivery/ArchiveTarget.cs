using System.Threading.Channels;
using Fathom.Archive.Spool;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;
using Fathom.Core.Storage.Delivery;
using Microsoft.Extensions.Logging;

namespace Fathom.Archive.Delivery;

/// <summary>
/// One archive target and its own delivery: batches go into its spool (a local fsync'd append) or,
/// unspooled, its bounded memory queue, and its own loop writes them to the archive in order,
/// retrying under the target's retry policy. A slow or dead target holds up nobody but itself.
/// </summary>
public sealed partial class ArchiveTarget : IAsyncDisposable
{
    private readonly Func<IArchiveWriter> _open;
    private readonly ISpool? _spool;
    private readonly Channel<Measurement[]>? _queue;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _idle = new();
    private readonly CancellationTokenSource _hard = new();
    private IArchiveWriter? _writer;
    private Task? _loop;
    private long _queuedBatches, _queuedMeasurements, _queueDropped, _queueDropsLogged;
    private long _deliveredBatches, _deliveredMeasurements, _duplicates, _retries, _appendErrors, _appendFailuresInRow;
    private long _spoolLossLogged;
    private volatile string _state = "unknown";
    private volatile string? _lastError;
    private volatile bool _draining;

    /// <summary>
    /// A target that opens its writer with <paramref name="open"/> (at the first delivery, and again
    /// after a failed open) and, when <paramref name="spool"/> is given, delivers from it; otherwise
    /// from a memory queue of <paramref name="queueBatches"/> batches (oldest dropped, counted).
    /// </summary>
    public ArchiveTarget(ArchiveTargetOptions options, Func<IArchiveWriter> open, ISpool? spool, ILogger logger, TimeProvider time, int queueBatches = 64)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _open = open;
        _spool = spool;
        _logger = logger;
        _time = time;
        if (spool is null)
        {
            _queue = Channel.CreateBounded<Measurement[]>(
                new BoundedChannelOptions(queueBatches) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
                OnQueueDropped);
        }
    }

    /// <summary>The target's settings.</summary>
    public ArchiveTargetOptions Options { get; }

    /// <summary>The target's stable name.</summary>
    public string Name => Options.Name;

    /// <summary>The writer, once opened (a writer opened before start may be handed in with <see cref="UseWriter"/>).</summary>
    public IArchiveWriter? Writer => _writer;

    /// <summary>Whether the last spool append failed (the daemon is not ready then).</summary>
    public bool AppendFailing => Interlocked.Read(ref _appendFailuresInRow) > 0;

    /// <summary>Uses a writer opened already (at start, so that its errors are start-up errors).</summary>
    public void UseWriter(IArchiveWriter writer) => _writer = writer;

    /// <summary>Starts the delivery loop.</summary>
    public void Start()
    {
        var s = Status();
        DeliveryLog.Started(_logger, Name, Description, _spool is null ? "memory queue" : $"spool {Options.Delivery.SpoolDir}", s.PendingBatches, s.PendingMeasurements);
        _loop = Task.Run(RunAsync);
    }

    private string Description => _writer?.Description ?? $"{Options.Backend.Type} {Options.Backend.Target}";

    /// <summary>
    /// Takes <paramref name="batch"/> for delivery: appended to the spool (throws <see cref="SpoolException"/>
    /// when it cannot be; the caller keeps the batch) or copied into the memory queue.
    /// </summary>
    public async ValueTask EnqueueAsync(ReadOnlyMemory<Measurement> batch, CancellationToken cancellationToken)
    {
        if (_spool is null)
        {
            Interlocked.Increment(ref _queuedBatches);
            Interlocked.Add(ref _queuedMeasurements, batch.Length);
            if (!_queue!.Writer.TryWrite(batch.ToArray()))
            {
                // Only after stop completed the queue: too late for this target.
                Interlocked.Decrement(ref _queuedBatches);
                Interlocked.Add(ref _queuedMeasurements, -batch.Length);
                Interlocked.Add(ref _queueDropped, batch.Length);
            }

            return;
        }

        try
        {
            await _spool.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SpoolException or IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _appendErrors);
            _lastError = e.Message;
            if (Interlocked.Increment(ref _appendFailuresInRow) == 1)
            {
                DeliveryLog.AppendFailed(_logger, Name, e.Message);
            }

            throw;
        }

        var failures = Interlocked.Exchange(ref _appendFailuresInRow, 0);
        if (failures > 0)
        {
            DeliveryLog.AppendRecovered(_logger, Name, failures);
        }

        ReportSpoolLoss();
    }

    /// <summary>
    /// Stops: the loop gets <paramref name="grace"/> to deliver what waits; what is left stays in the
    /// spool for the next start (a memory queue's rest is lost, counted as dropped). Logs one line.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _draining = true;
        _queue?.Writer.TryComplete();
        await _idle.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            try
            {
                await loop.WaitAsync(grace, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await _hard.CancelAsync().ConfigureAwait(false);
                await loop.ConfigureAwait(false);
            }
        }

        var left = Status();
        string rest;
        if (left.PendingBatches == 0)
        {
            rest = "nothing left to deliver";
        }
        else if (_spool is not null)
        {
            rest = $"{left.PendingBatches} batches / {left.PendingMeasurements} measurements left in the spool for the next start";
        }
        else
        {
            Interlocked.Add(ref _queueDropped, left.PendingMeasurements);
            rest = $"{left.PendingMeasurements} measurements in the memory queue lost (unspooled target)";
        }

        DeliveryLog.Stopped(_logger, Name, Interlocked.Read(ref _deliveredMeasurements), rest);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_loop is not null && !_loop.IsCompleted)
        {
            await _hard.CancelAsync().ConfigureAwait(false);
            await _idle.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }

        _writer?.Dispose();
        _spool?.Dispose();
        _idle.Dispose();
        _hard.Dispose();
    }

    /// <summary>The target's state now.</summary>
    public ArchiveTargetStatus Status()
    {
        long batches, measurements, bytes = 0, dropped, corrupt = 0;
        double? oldest = null;
        if (_spool is not null)
        {
            var s = _spool.Stats;
            (batches, measurements, bytes, dropped, corrupt) = (s.PendingBatches, s.PendingMeasurements, s.PendingBytes, s.DroppedMeasurements, s.CorruptRecords);
            if (s.OldestPendingUnixNs is { } ns)
            {
                oldest = Math.Max(0, (_time.GetUtcNow().ToUnixTimeMilliseconds() - (ns / 1_000_000)) / 1000.0);
            }
        }
        else
        {
            batches = Math.Max(0, Interlocked.Read(ref _queuedBatches));
            measurements = Math.Max(0, Interlocked.Read(ref _queuedMeasurements));
            dropped = Interlocked.Read(ref _queueDropped);
        }

        return new ArchiveTargetStatus(
            Name, Description, _state, _spool is not null, batches, measurements, bytes, oldest, dropped, corrupt,
            Interlocked.Read(ref _deliveredBatches), Interlocked.Read(ref _deliveredMeasurements), Interlocked.Read(ref _duplicates),
            Interlocked.Read(ref _retries), Interlocked.Read(ref _appendErrors), _lastError);
    }

    private void OnQueueDropped(Measurement[] dropped)
    {
        Interlocked.Decrement(ref _queuedBatches);
        Interlocked.Add(ref _queuedMeasurements, -dropped.Length);
        var n = Interlocked.Add(ref _queueDropped, dropped.Length);
        // The first drop and then each doubling: a long outage does not flood the log.
        var logged = Interlocked.Read(ref _queueDropsLogged);
        if (n >= logged * 2 && Interlocked.CompareExchange(ref _queueDropsLogged, Math.Max(n, 1), logged) == logged)
        {
            DeliveryLog.QueueDropped(_logger, Name, n);
        }
    }

    // Spool drops (spool_max_bytes) and corruption: said at the first and at each doubling.
    private void ReportSpoolLoss()
    {
        var s = _spool!.Stats;
        var loss = s.DroppedMeasurements + s.CorruptRecords;
        var logged = Interlocked.Read(ref _spoolLossLogged);
        if (loss > 0 && loss >= logged * 2 && Interlocked.CompareExchange(ref _spoolLossLogged, loss, logged) == logged)
        {
            DeliveryLog.SpoolLoss(_logger, Name, s.DroppedMeasurements, s.CorruptRecords);
        }
    }
}
