using System.Globalization;

namespace Fathom.Collectors.Probes;

/// <summary>
/// A probe's own timeout joined with the run's token, and the wording of whatever ended a probe:
/// its timeout, the run's cancellation, or the failure itself.
/// </summary>
internal sealed class ProbeDeadline : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _run;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public ProbeDeadline(TimeSpan timeout, TimeProvider time, CancellationToken run)
    {
        _timeout = timeout;
        _run = run;
        _timer = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_timer.Token, run);
    }

    public CancellationToken Token => _linked.Token;

    public string Reason(Exception e, string phase)
    {
        // Checked first: a cancelled read may surface as an IOException or a worded ProbeException.
        if (_timer.IsCancellationRequested)
        {
            return $"timed out after {_timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s ({phase})";
        }

        if (_run.IsCancellationRequested)
        {
            return $"cancelled by the run's timeout or shutdown ({phase})";
        }

        return e switch
        {
            ProbeException => e.Message,
            IOException or System.Net.Sockets.SocketException => $"{Innermost(e)} ({phase})",
            _ => $"{e.GetType().Name}: {e.Message} ({phase})",
        };
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
