namespace Fathom.Collectors.Common.Snmp;

/// <summary>Counters of one <see cref="SnmpClient"/> since it started; read at any time from any thread.</summary>
public sealed class SnmpClientStats
{
    private readonly long[] _rejected = new long[Enum.GetValues<SnmpRejectReason>().Length];
    private long _requests;
    private long _retries;
    private long _timeouts;
    private long _replies;

    /// <summary>Requests started (a walk counts each GETBULK).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests sent again after a try went unanswered.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Requests that got no acceptable reply within their tries.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Replies accepted.</summary>
    public long Replies => Interlocked.Read(ref _replies);

    /// <summary>Datagrams rejected, all reasons together.</summary>
    public long Rejected
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _rejected.Length; i++)
            {
                sum += Interlocked.Read(ref _rejected[i]);
            }

            return sum;
        }
    }

    /// <summary>Datagrams rejected for <paramref name="reason"/>.</summary>
    public long RejectedFor(SnmpRejectReason reason) => Interlocked.Read(ref _rejected[(int)reason]);

    /// <summary>A snapshot of the non-zero rejection counts by reason.</summary>
    public IReadOnlyDictionary<SnmpRejectReason, long> RejectedByReason()
    {
        var result = new Dictionary<SnmpRejectReason, long>();
        foreach (var reason in Enum.GetValues<SnmpRejectReason>())
        {
            if (RejectedFor(reason) is var count and > 0)
            {
                result[reason] = count;
            }
        }

        return result;
    }

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountRetry() => Interlocked.Increment(ref _retries);

    internal void CountTimeout() => Interlocked.Increment(ref _timeouts);

    internal void CountReply() => Interlocked.Increment(ref _replies);

    internal void CountRejected(SnmpRejectReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);
}
