using System.Net;

namespace Fathom.Lookup.Server;

/// <summary>How a lookup server listens, where it keeps its records, and the lease bounds it grants.</summary>
public sealed class LookupServerOptions
{
    /// <summary>Where to listen (port 0 picks a free port). Default 127.0.0.1:8090.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 8090);

    /// <summary>The SQLite store file (created when absent). Required.</summary>
    public required string StorePath { get; init; }

    /// <summary>The lease given when a record asks for none, for 0, or for one outside [<see cref="MinTtl"/>, <see cref="MaxTtl"/>]. Default 2 h.</summary>
    public TimeSpan DefaultTtl { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The shortest lease granted as asked. Default 30 s.</summary>
    public TimeSpan MinTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest lease granted as asked. Default 30 days.</summary>
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often expired records are removed from the store (they are never served after expiry in between). Default 5 s.</summary>
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest request body accepted; a bigger one is a 400. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The problems with these options, each naming the option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(StorePath))
        {
            problems.Add("--store: a store file is required");
        }

        if (MinTtl <= TimeSpan.Zero)
        {
            problems.Add("--min-ttl: must be positive");
        }

        if (MaxTtl < MinTtl)
        {
            problems.Add($"--max-ttl: {MaxTtl} is below --min-ttl {MinTtl}");
        }

        if (DefaultTtl < MinTtl || DefaultTtl > MaxTtl)
        {
            problems.Add($"--default-ttl: {DefaultTtl} is outside [--min-ttl {MinTtl}, --max-ttl {MaxTtl}]");
        }

        if (PruneInterval <= TimeSpan.Zero)
        {
            problems.Add("prune interval: must be positive");
        }

        return problems;
    }
}
