using Microsoft.Extensions.Logging;

namespace Fathom.Archive.Spool;

/// <summary>
/// The disk spool: a folder of append-only segment files (named by their first sequence) holding
/// framed, CRC-32C-checked records, and a state file (stream id, acknowledgement watermark,
/// reserved sequences, drop counters) replaced atomically. Open with <see cref="Open"/>.
/// </summary>
public sealed partial class DiskSpool : ISpool
{
    // Sequences are reserved this many at a time in the state file, so a reopen after a crash
    // starts above any sequence that might have been handed out (and read) before it.
    internal const long ReserveBlock = 1024;

    private readonly Lock _gate = new();
    private readonly string _folder;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _maxBytes;
    private readonly long _segmentBytes;
    private readonly TimeSpan? _syncInterval;
    private readonly SpoolFullPolicy _fullPolicy;
    private readonly SpoolState _state;
    private readonly List<SpoolSegment> _segments = [];
    private readonly BatchEncoder _encoder = new();
    private readonly SeriesCache _seriesCache = new();
    private readonly int _lockFd;
    private readonly AckLog _ackLog;
    private readonly ITimer? _syncTimer;
    private byte[] _readBuffer = new byte[64 * 1024];
    private SpoolSegment? _active;
    private long _next;
    private long _pendingBatches;
    private long _pendingMeasurements;
    private long _totalBytes;
    private long _corruptRecords;
    private long _corruptBytes;
    private long _writeErrors;
    private string? _lastError;
    private bool _unsynced;
    private long _lastSyncTimestamp;
    private bool _blockedLogged;
    private bool _disposed;
    private TaskCompletionSource _recordSignal = NewSignal();
    private TaskCompletionSource _roomSignal = NewSignal();

    private DiskSpool(SpoolOptions options, SpoolState state, int lockFd)
    {
        _folder = options.Folder;
        _logger = options.Logger;
        _time = options.TimeProvider;
        _maxBytes = options.MaxBytes;
        _segmentBytes = options.EffectiveSegmentBytes;
        _syncInterval = options.SyncInterval;
        _fullPolicy = options.FullPolicy;
        _state = state;
        _lockFd = lockFd;
        _ackLog = new AckLog(_folder);
        _lastSyncTimestamp = _time.GetTimestamp();
        if (_syncInterval is { } interval)
        {
            _syncTimer = _time.CreateTimer(static s => ((DiskSpool)s!).SyncTick(), this, interval, interval);
        }
    }

    /// <inheritdoc />
    public Guid StreamId => _state.StreamId;

    /// <inheritdoc />
    public long Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _state.Acknowledged;
            }
        }
    }

    /// <summary>The spool's folder.</summary>
    public string Folder => _folder;

    /// <inheritdoc />
    public SpoolStats Stats
    {
        get
        {
            lock (_gate)
            {
                long? oldest = FindAfter(_state.Acknowledged) is var (seg, i) ? seg.Records[i].AppendedUnixNs : null;
                return new SpoolStats(_pendingBatches, _pendingMeasurements, _totalBytes, _segments.Count, oldest,
                    _state.DroppedBatches, _state.DroppedMeasurements, _corruptRecords, _corruptBytes, _writeErrors, _lastError);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Pulse(ref TaskCompletionSource signal)
    {
        var old = signal;
        signal = NewSignal();
        old.TrySetResult();
    }

    // The first readable record above a sequence: its segment and index.
    private (SpoolSegment Segment, int Index)? FindAfter(long sequence)
    {
        foreach (var seg in _segments)
        {
            if (seg.LastSequence <= sequence)
            {
                continue;
            }

            var i = seg.IndexAfter(sequence);
            if (i < seg.Records.Count)
            {
                return (seg, i);
            }
        }

        return null;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static string Reason(Exception e) => e.Message;

    private static bool IsIo(Exception e) => e is IOException or UnauthorizedAccessException;
}
