namespace Fathom.Lookup.Registration;

/// <summary>Exponential backoff with ±20 % jitter, so many daemons that lost one server do not retry in step.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 20);
        var ticks = Math.Min(initial.Ticks * (double)(1L << exponent), max.Ticks);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)(ticks * jitter));
    }
}
