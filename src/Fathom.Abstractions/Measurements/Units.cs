namespace Fathom.Core.Measurements;

/// <summary>
/// The one spelling of each unit recorded beside a series. Built-in modules use only these;
/// a script's series carry no unit (empty).
/// </summary>
public static class Units
{
    /// <summary>Milliseconds: "ms".</summary>
    public const string Milliseconds = "ms";

    /// <summary>Days: "days" (a certificate's time to expiry).</summary>
    public const string Days = "days";

    /// <summary>Bytes: "bytes".</summary>
    public const string Bytes = "bytes";

    /// <summary>Bits per second: "bits/s".</summary>
    public const string BitsPerSecond = "bits/s";

    /// <summary>Percent, 0 to 100: "percent".</summary>
    public const string Percent = "percent";

    /// <summary>A number of things (packets, hops, runnable tasks, points in a bucket): "count".</summary>
    public const string Count = "count";

    /// <summary>A number of things per second (errors, discards): "count/s".</summary>
    public const string CountPerSecond = "count/s";

    /// <summary>0 (no) or 1 (yes): "bool".</summary>
    public const string Bool = "bool";

    /// <summary>A protocol's result code (an HTTP status, a DNS rcode): "code".</summary>
    public const string Code = "code";

    /// <summary>An operational or administrative state (status ranges): "state".</summary>
    public const string State = "state";

    /// <summary>Every canonical spelling.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Milliseconds, Days, Bytes, BitsPerSecond, Percent, Count, CountPerSecond, Bool, Code, State];
}
