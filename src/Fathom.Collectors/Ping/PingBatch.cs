using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Fathom.Collectors.Ping;

/// <summary>
/// One run's probes on one endpoint, in send order. The endpoint's thread sends each when due,
/// tallies the answers, and completes the batch when every probe is settled, when the probe
/// timeout has passed since the last send, or when the run is cancelled. Reused run after run,
/// so a run allocates neither probes nor a task.
/// </summary>
internal sealed class PingBatch : IValueTaskSource
{
    private readonly List<PingProbe> _probes = [];
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private volatile bool _cancelled;
    private bool _completed = true;

    public int Count { get; private set; }

    /// <summary>
    /// Stopwatch timestamp at which the endpoint took the batch: the schedule counts from here, so a
    /// late wakeup of the endpoint's thread delays the whole run instead of bunching its first rounds.
    /// </summary>
    public long Origin { get; set; }

    /// <summary>The next probe to send (endpoint thread).</summary>
    public int Next { get; set; }

    /// <summary>Sent and not yet settled (endpoint thread).</summary>
    public int Outstanding { get; set; }

    /// <summary>Stopwatch timestamp at which unanswered probes are lost: the probe timeout after the last send.</summary>
    public long Deadline { get; set; } = long.MaxValue;

    public long TimeoutTicks { get; private set; }

    /// <summary>How early a staggered probe may go out with others, in Stopwatch ticks.</summary>
    public long EarlyTicks { get; private set; }

    public double TimeoutMs { get; private set; }

    public int PayloadLength { get; private set; }

    public bool Cancelled => _cancelled;

    public PingProbe this[int index] => _probes[index];

    /// <summary>When probe <paramref name="index"/> is due, as a Stopwatch timestamp.</summary>
    public long DueOf(int index) => Origin + _probes[index].Offset;

    /// <summary>True when probe <paramref name="index"/> may go at <paramref name="now"/>: it is due, or may go early and is due within one batch of sends.</summary>
    public bool IsDue(int index, long now)
    {
        var due = DueOf(index);
        return due <= now || (_probes[index].MayGoEarly && due - EarlyTicks <= now);
    }

    /// <summary>Empties the batch for a new run (only once the last one completed).</summary>
    public void Start(TimeSpan probeTimeout, TimeSpan early, int payloadLength)
    {
        if (!_completed)
        {
            throw new InvalidOperationException("ping batch still in flight");
        }

        Count = 0;
        Next = 0;
        Outstanding = 0;
        Deadline = long.MaxValue;
        TimeoutTicks = (long)(probeTimeout.TotalSeconds * Stopwatch.Frequency);
        TimeoutMs = probeTimeout.TotalMilliseconds;
        EarlyTicks = (long)(early.TotalSeconds * Stopwatch.Frequency);
        PayloadLength = payloadLength;
        _cancelled = false;
    }

    /// <summary>Called by the endpoint as it takes the batch: from now on it is in flight until completed.</summary>
    public void Begin()
    {
        _completed = false;
        _core.Reset();
    }

    public void Add(PingTarget target, long offset, bool mayGoEarly)
    {
        if (Count == _probes.Count)
        {
            _probes.Add(new PingProbe(this));
        }

        _probes[Count++].Reset(target, offset, mayGoEarly);
    }

    /// <summary>The run was cancelled: the endpoint drops what is unsent and completes the batch (any thread).</summary>
    public void Cancel() => _cancelled = true;

    public ValueTask Completion => new(this, _core.Version);

    /// <summary>Called once by the endpoint's thread when the batch is over.</summary>
    public void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            _core.SetResult(true);
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
