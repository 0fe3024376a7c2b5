using Fathom.Daemon.Hosting;
using Fathom.Daemon.Parts;

namespace Fathom.Daemon.Tests.Parts;

/// <summary>A part that writes what happens to it into a shared journal, and fails or hangs when told.</summary>
internal sealed class FakePart(string name, List<string> journal) : IDaemonPart
{
    public string Name => name;

    public Exception? FailStart { get; init; }

    public Exception? FailReload { get; init; }

    /// <summary>Never finishes stopping, whatever the token says.</summary>
    public bool HangOnStop { get; init; }

    public string? Status { get; init; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Write($"start {name}");
        return FailStart is { } e ? throw e : Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Write($"stop {name}");
        return HangOnStop ? new TaskCompletionSource().Task : Task.CompletedTask;
    }

    public Task ReloadAsync(LoadedConfig next, CancellationToken cancellationToken)
    {
        Write($"reload {name}");
        return FailReload is { } e ? throw e : Task.CompletedTask;
    }

    private void Write(string entry)
    {
        lock (journal)
        {
            journal.Add(entry);
        }
    }
}
