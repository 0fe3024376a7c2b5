namespace Fathom.Collectors.Common.Processes;

/// <summary>Lets reader threads act for a run only until it returns (a stray reader may outlive it).</summary>
internal sealed class RunGate
{
    private readonly Lock _lock = new();
    private bool _closed;

    public void Run(Action action)
    {
        lock (_lock)
        {
            if (!_closed)
            {
                action();
            }
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
        }
    }
}
