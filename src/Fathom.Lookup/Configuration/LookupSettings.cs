namespace Fathom.Lookup.Configuration;

/// <summary>
/// The &lt;lookup&gt; block as loaded: where to register, how long records live, and the values the
/// operator gives the records. Defaults: ttl 2 h, check_interval 10 min, private addresses left out.
/// </summary>
public sealed record LookupSettings
{
    /// <summary>No &lt;lookup&gt; block, or <c>enabled no</c>: nothing registers.</summary>
    public static LookupSettings Off { get; } = new() { Enabled = false };

    /// <summary>The default <c>ttl</c>: 2 h, the lookup service's own default lease.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(2);

    /// <summary>The default <c>check_interval</c>: 10 min.</summary>
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromMinutes(10);

    /// <summary>False without a block or with <c>enabled no</c>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Each <c>url</c> (http://HOST:PORT/lookup/records); the daemon registers with every one.</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [];

    /// <summary><c>hints_url</c>: an activehosts.json to choose one server from; null when not set.</summary>
    public Uri? HintsUrl { get; init; }

    /// <summary><c>hints_file</c>: the same, read from a file; null when not set.</summary>
    public string? HintsFile { get; init; }

    /// <summary><c>ttl</c>: how long a record lives at the server without a renewal (default 2 h).</summary>
    public TimeSpan Ttl { get; init; } = DefaultTtl;

    /// <summary><c>check_interval</c>: renewals happen this long before a record expires (default 10 min).</summary>
    public TimeSpan CheckInterval { get; init; } = DefaultCheckInterval;

    /// <summary><c>allow_internal_addresses</c>: register private, loopback and link-local addresses too (default no).</summary>
    public bool AllowInternalAddresses { get; init; }

    /// <summary>
    /// Values the operator sets on the host record (<c>host_name</c> → host-name, <c>site_name</c> →
    /// location-sitename, <c>city</c>, <c>country</c>, <c>latitude</c>, …), by sLS key.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> HostFields { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Values every record gets (<c>domain</c> → group-domains, <c>community</c> → group-communities), by sLS key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CommonFields { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>By value, lists and fields included, so a reload can tell whether the block changed.</summary>
    public bool Equals(LookupSettings? other) =>
        other is not null
        && Enabled == other.Enabled && Ttl == other.Ttl && CheckInterval == other.CheckInterval
        && AllowInternalAddresses == other.AllowInternalAddresses && HintsUrl == other.HintsUrl && HintsFile == other.HintsFile
        && Urls.SequenceEqual(other.Urls) && SameFields(HostFields, other.HostFields) && SameFields(CommonFields, other.CommonFields);

    public override int GetHashCode() => HashCode.Combine(Enabled, Ttl, CheckInterval, Urls.Count, HintsUrl, HintsFile);

    private static bool SameFields(IReadOnlyDictionary<string, IReadOnlyList<string>> a, IReadOnlyDictionary<string, IReadOnlyList<string>> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && kv.Value.SequenceEqual(v, StringComparer.Ordinal));
}
