namespace Fathom.Lookup.Client;

/// <summary>How a lookup server answered, as the registrar acts on it.</summary>
public enum SlsOutcome
{
    /// <summary>2xx with a usable record (uri and expires).</summary>
    Ok,

    /// <summary>404 or 403: the server does not know (or refuses) the record; register it again.</summary>
    RegisterAgain,

    /// <summary>Any other status, an unusable reply, a timeout or no connection: try again later.</summary>
    RetryLater,
}
