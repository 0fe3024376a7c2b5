using Fathom.Core.Configuration;
using Fathom.Daemon.Cli;
using Fathom.Daemon.Hosting;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Parts;

/// <summary>
/// Starts parts in order and stops them in reverse, each stop bounded by <paramref name="stopTimeout"/>:
/// a part that does not stop in time is logged and left behind so the others still stop.
/// A failed start stops the parts already started.
/// </summary>
internal sealed partial class DaemonPartRunner(IReadOnlyList<IDaemonPart> parts, TimeSpan stopTimeout, ILogger logger)
{
    private readonly List<IDaemonPart> _started = [];

    public IReadOnlyList<IDaemonPart> Parts => parts;

    /// <summary>The joined status of the parts that report one, last started first ("2 collector(s) running; archive sqlite /x").</summary>
    public string Status => string.Join("; ", Enumerable.Reverse(_started).Select(p => p.Status).OfType<string>());

    /// <summary>Null when every part started; else the failure, after the started parts have been stopped.</summary>
    public async Task<PartStartFailure?> StartAsync(CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            try
            {
                await part.StartAsync(cancellationToken).ConfigureAwait(false);
                _started.Add(part);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var (code, message) = Describe(e);
                var failure = new PartStartFailure(part.Name, code, $"cannot start {part.Name}: {message}");
                _ = await StopAsync().ConfigureAwait(false);
                return failure;
            }
        }

        return null;
    }

    /// <summary>Stops the started parts, last first; false when one did not stop in time or failed to.</summary>
    public async Task<bool> StopAsync()
    {
        var clean = true;
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            var part = _started[i];
            using var cts = new CancellationTokenSource(stopTimeout);
            try
            {
                await part.StopAsync(cts.Token).WaitAsync(stopTimeout).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                Log.StopTimedOut(logger, part.Name, stopTimeout.TotalSeconds);
                clean = false;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.StopFailed(logger, part.Name, e.Message);
                clean = false;
            }
        }

        _started.Clear();
        return clean;
    }

    /// <summary>Offers a valid new configuration to every started part, in start order.</summary>
    public async Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken)
    {
        foreach (var part in _started)
        {
            try
            {
                await part.ReloadAsync(next, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.ReloadFailed(logger, part.Name, e.Message);
            }
        }
    }

    /// <summary>Never a stack trace: the message of what is expected, the type too for what is not.</summary>
    private static (int Code, string Message) Describe(Exception e) => e switch
    {
        DaemonPartException p => (p.ExitCode, p.Message),
        ConfigErrors c => (ExitCodes.Usage, string.Join("; ", c.Errors.Select(x => x.Message))),
        ConfigException c => (ExitCodes.Usage, c.Message),
        InvalidOperationException or IOException or UnauthorizedAccessException => (ExitCodes.Failure, e.Message),
        _ => (ExitCodes.Failure, $"{e.GetType().Name}: {e.Message}"),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, EventName = "PartStopTimedOut", Level = LogLevel.Error, Message = "{Part} did not stop within {Seconds} s; left behind")]
        public static partial void StopTimedOut(ILogger logger, string part, double seconds);

        [LoggerMessage(EventId = 21, EventName = "PartStopFailed", Level = LogLevel.Error, Message = "stopping {Part} failed: {Error}")]
        public static partial void StopFailed(ILogger logger, string part, string error);

        [LoggerMessage(EventId = 22, EventName = "PartReloadFailed", Level = LogLevel.Error, Message = "reload of {Part} failed: {Error}")]
        public static partial void ReloadFailed(ILogger logger, string part, string error);
    }
}
