using Fathom.Core.Collectors;

namespace Fathom.Core.Tests.Scheduling;

/// <summary>
/// A collector whose every run does what <see cref="Behaviour"/> says, recording when each run
/// started and ended (wall clock of the given time provider) and how many ran at once.
/// </summary>
internal sealed class ScriptedCollector(TimeProvider time) : ICollector
{
    private readonly object _gate = new();
    private readonly List<Call> _calls = [];
    private int _active;
    private int _maxActive;

    /// <summary>What a run does; by default it returns at once with the default outcome.</summary>
    public Func<Call, Task<CollectOutcome>> Behaviour { get; set; } = static _ => Task.FromResult(CollectOutcome.Default);

    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

    public int Active => Volatile.Read(ref _active);

    public int MaxActive => Volatile.Read(ref _maxActive);

    public Call this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _calls[index];
            }
        }
    }

    public IReadOnlyList<DateTimeOffset> Starts
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls.Select(c => c.Started)];
            }
        }
    }

    public void Init(CollectorConfig config)
    {
    }

    public async ValueTask<CollectOutcome> CollectAsync(CollectContext context, CancellationToken cancellationToken)
    {
        var active = Interlocked.Increment(ref _active);
        int seen;
        while (active > (seen = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, active, seen) != seen)
        {
        }

        Call call;
        lock (_gate)
        {
            call = new Call(_calls.Count, time.GetUtcNow(), cancellationToken, context);
            _calls.Add(call);
        }

        try
        {
            return await Behaviour(call).ConfigureAwait(false);
        }
        finally
        {
            call.Ended = time.GetUtcNow();
            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>One run: its number, start, token, and a gate the test opens to let it return.</summary>
    internal sealed class Call(int index, DateTimeOffset started, CancellationToken token, CollectContext context)
    {
        private readonly TaskCompletionSource<CollectOutcome> _release = new();

        public int Index { get; } = index;

        public DateTimeOffset Started { get; } = started;

        public CancellationToken Token { get; } = token;

        public CollectContext Context { get; } = context;

        public DateTimeOffset? Ended { get; set; }

        /// <summary>Waits for <see cref="Release"/>, ignoring the token.</summary>
        public Task<CollectOutcome> Held => _release.Task;

        /// <summary>Waits for <see cref="Release"/> or the token, whichever comes first.</summary>
        public Task<CollectOutcome> HeldCooperatively => _release.Task.WaitAsync(Token);

        /// <summary>
        /// Lets the run return. Continuations only run inline where there is no synchronization
        /// context (xunit's test thread has one), so it is lifted here: when this returns, the run
        /// has returned and the runner has seen it, unless the runner hopped threads itself.
        /// </summary>
        public void Release(CollectOutcome outcome = default)
        {
            var context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                _release.TrySetResult(outcome);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }
    }
}
