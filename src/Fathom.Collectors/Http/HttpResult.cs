namespace Fathom.Collectors.Http;

/// <summary>
/// One http probe: the last exchange (the final one after redirects), their count, the time the
/// redirects took and the total (both set only when the final exchange completed), the outcome.
/// </summary>
internal sealed class HttpResult
{
    public HttpHop Last { get; set; } = new();

    public int Redirects { get; set; }

    /// <summary>From the probe's start to the start of the final exchange (curl's time_redirect); 0 without redirects.</summary>
    public double? RedirectMs { get; set; }

    /// <summary>Every exchange, redirects included (curl's time_total): <see cref="RedirectMs"/> plus the last hop's phases.</summary>
    public double? TotalMs { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>Null when the probe succeeded.</summary>
    public string? Failure { get; set; }
}
