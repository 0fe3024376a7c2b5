namespace Fathom.Collectors.Http;

/// <summary>One http probe: the last exchange (the final one after redirects), their count, the outcome.</summary>
internal sealed class HttpResult
{
    public HttpHop Last { get; set; } = new();

    public int Redirects { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>Null when the probe succeeded.</summary>
    public string? Failure { get; set; }
}
