namespace Fathom.Lookup.Configuration;

/// <summary>
/// Checks a lookup server's registration URL: http or https, a host, an optional port, and the
/// path /lookup/records, because sLS clients compose every other path (lookup/TYPE/UUID) from the
/// server's root and register by POSTing to exactly that path.
/// </summary>
public static class LookupUrl
{
    /// <summary>The path every sLS server registers records at.</summary>
    public const string RecordsPath = "/lookup/records";

    /// <summary>An example for messages.</summary>
    public const string Example = "http://HOST:PORT/lookup/records";

    /// <summary>The URL, or null with <paramref name="reason"/> saying what is wrong with it.</summary>
    public static Uri? Parse(string text, out string reason)
    {
        reason = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            reason = $"'{text}' is not an http or https URL ({Example})";
            return null;
        }

        if (uri.Host.Length == 0 || uri.UserInfo.Length > 0)
        {
            reason = $"'{text}' needs a host and no user name ({Example})";
            return null;
        }

        if (uri.AbsolutePath != RecordsPath || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            reason = $"'{text}' must end in the path {RecordsPath}, without a query ({Example})";
            return null;
        }

        return uri;
    }
}
