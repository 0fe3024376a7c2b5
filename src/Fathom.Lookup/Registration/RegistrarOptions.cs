namespace Fathom.Lookup.Registration;

/// <summary>How the registrar paces itself. Defaults: ttl 2 h, renewals 10 min before expiry, calls bounded at 10 s, retries from 2 s doubling to 5 min.</summary>
public sealed record RegistrarOptions
{
    /// <summary>The ttl each record asks for.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How long before <c>expires</c> a record is renewed; at most half the ttl is used.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The most one call to a server may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry's delay after a server failed; it doubles per failure.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before expiry a renewal is due: check_interval, or half the ttl when check_interval is not shorter than it.</summary>
    public TimeSpan RenewLead => CheckInterval < Ttl ? CheckInterval : Ttl / 2;
}
