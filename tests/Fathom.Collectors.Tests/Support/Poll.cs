namespace Fathom.Collectors.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes (no bare sleeps in tests).</summary>
internal static class Poll
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan? deadline = null)
    {
        var end = DateTime.UtcNow + (deadline ?? Deadline);
        while (!condition())
        {
            if (DateTime.UtcNow > end)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>True when the pid names a live process (a zombie counts as dead).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
