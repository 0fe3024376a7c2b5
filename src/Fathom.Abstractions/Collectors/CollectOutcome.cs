namespace Fathom.Core.Collectors;

/// <summary>What a run asks of the scheduler; the default keeps the configured schedule.</summary>
public readonly record struct CollectOutcome(TimeSpan? NextDelay)
{
    /// <summary>Keep the configured schedule.</summary>
    public static CollectOutcome Default => default;

    /// <summary>Ask for the next run after <paramref name="delay"/> (sleep schedule only).</summary>
    public static CollectOutcome After(TimeSpan delay) => new(delay);
}
