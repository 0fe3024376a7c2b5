namespace Fathom.Core.Storage.Delivery;

/// <summary>One segment of a retry policy: this many attempts (null: forever), each after <paramref name="Wait"/>.</summary>
/// <param name="Attempts">Attempts in the segment; null repeats forever (only the last segment may).</param>
/// <param name="Wait">The wait before each attempt of the segment.</param>
public readonly record struct RetrySegment(int? Attempts, TimeSpan Wait);
