namespace Fathom.IntegrationTests;

/// <summary>Polls a condition until a deadline: the only way these tests wait.</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The same, for a condition that must itself wait (a command run each time).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what}");
            }

            await Task.Delay(200);
        }
    }

    public static async Task<T> ForAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class
    {
        T? value = null;
        await UntilAsync(() => (value = probe()) is not null, timeout, what);
        return value!;
    }
}
