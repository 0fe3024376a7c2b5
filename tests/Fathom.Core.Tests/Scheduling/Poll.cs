namespace Fathom.Core.Tests.Scheduling;

/// <summary>Waits for a condition another thread makes true: short spins, then 1 ms naps, up to a deadline.</summary>
internal static class Poll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Returns when <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var end = DateTime.UtcNow + (deadline ?? Deadline);
        var spins = 0;
        while (!condition())
        {
            if (DateTime.UtcNow > end)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }

            if (spins++ < 50)
            {
                Thread.Yield();
            }
            else
            {
                await Task.Delay(1);
            }
        }
    }

    /// <summary>Awaits <paramref name="task"/> with a deadline, failing the test when it passes.</summary>
    public static async Task WithDeadline(Task task, string what, TimeSpan? deadline = null)
    {
        try
        {
            await task.WaitAsync(deadline ?? Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out waiting for: {what}");
        }
    }
}
