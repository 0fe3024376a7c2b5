namespace Fathom.Collectors.Snmp;

/// <summary>Per-second rates between two readings of an SNMP counter (RFC 2578 §7.1.6, §7.1.10).</summary>
internal static class CounterRate
{
    private const ulong Counter32Modulus = 1UL << 32;

    /// <summary>
    /// The rate, or null when none can be told: no gap, an agent restart, or a Counter64 going
    /// back (a discontinuity, not a wrap: 2^64 octets take centuries). A Counter32 lower than
    /// before on the same agent run wrapped once.
    /// </summary>
    public static double? PerSecond(ulong previous, ulong current, bool counter32, double seconds, bool agentRestarted)
    {
        if (agentRestarted || !(seconds > 0))
        {
            return null;
        }

        ulong delta;
        if (current >= previous)
        {
            delta = current - previous;
        }
        else if (counter32 && previous < Counter32Modulus && current < Counter32Modulus)
        {
            delta = Counter32Modulus - previous + current;
        }
        else
        {
            return null;
        }

        return delta / seconds;
    }

    /// <summary>
    /// Seconds between two sysUpTime readings (TimeTicks, hundredths of a second), and whether
    /// the agent restarted in between (the later reading is lower). TimeTicks wrap after 497
    /// days: that one poll is taken for a restart and gives no rates, which errs on the safe side.
    /// </summary>
    public static (double Seconds, bool Restarted) Gap(ulong previousTicks, ulong currentTicks) =>
        currentTicks < previousTicks ? (0, true) : ((currentTicks - previousTicks) / 100.0, false);
}
