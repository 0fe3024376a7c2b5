using Fathom.Core.Native;
using Fathom.Core.Processes;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Supervision;

/// <summary>
/// The last step of a clean stop: every descendant still alive once the collectors stopped
/// (orphans a subreaper adopted: setsid or double-forked children of scripts) gets SIGTERM,
/// then SIGKILL after the grace period, so nothing fathomd started outlives it.
/// </summary>
internal static partial class DescendantStopper
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(2);

    /// <summary>Becomes the subreaper of every descendant; on a kernel that refuses, says so and goes on.</summary>
    public static void Adopt(ILogger logger)
    {
        try
        {
            Subreaper.Enable();
        }
        catch (IOException e)
        {
            Log.NoSubreaper(logger, e.Message);
        }
    }

    public static async Task StopAllAsync(TimeSpan grace, TimeProvider time, ILogger logger)
    {
        var left = Subreaper.Descendants();
        if (left.Count == 0)
        {
            return;
        }

        Log.Stopping(logger, left.Count, string.Join(", ", left.Take(10)));
        Send(left, Signals.SIGTERM);
        if (await GoneWithinAsync(grace, time).ConfigureAwait(false))
        {
            return;
        }

        // Killing a parent may orphan more: SIGKILL whatever is left, again until none is.
        var start = time.GetTimestamp();
        List<int> stubborn;
        while ((stubborn = Subreaper.Descendants()).Count > 0 && time.GetElapsedTime(start) < KillWait)
        {
            Log.Killing(logger, stubborn.Count, grace.TotalSeconds);
            Send(stubborn, Signals.SIGKILL);
            await GoneWithinAsync(Poll * 4, time).ConfigureAwait(false);
        }
    }

    private static void Send(List<int> pids, int signal)
    {
        foreach (var pid in pids)
        {
            _ = Libc.kill(pid, signal);
        }
    }

    private static async Task<bool> GoneWithinAsync(TimeSpan limit, TimeProvider time)
    {
        var start = time.GetTimestamp();
        while (Subreaper.Descendants().Count > 0)
        {
            if (time.GetElapsedTime(start) >= limit)
            {
                return false;
            }

            await Task.Delay(Poll, time).ConfigureAwait(false);
        }

        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 410, EventName = "DescendantsStopping", Level = LogLevel.Warning, Message = "{Count} process(es) started by collectors outlived them (pids {Pids}); sending SIGTERM")]
        public static partial void Stopping(ILogger logger, int count, string pids);

        [LoggerMessage(EventId = 411, EventName = "DescendantsKilled", Level = LogLevel.Warning, Message = "{Count} process(es) did not stop within {Seconds} s of SIGTERM; sending SIGKILL")]
        public static partial void Killing(ILogger logger, int count, double seconds);

        [LoggerMessage(EventId = 412, EventName = "NoSubreaper", Level = LogLevel.Warning, Message = "cannot become the subreaper of collectors' processes ({Reason}); their orphans will outlive a stop")]
        public static partial void NoSubreaper(ILogger logger, string reason);
    }
}
