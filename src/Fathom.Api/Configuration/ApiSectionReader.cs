using System.Globalization;
using System.Net;
using Fathom.Core.Configuration;

namespace Fathom.Api.Configuration;

/// <summary>
/// Reads and checks the &lt;api&gt; block: listen addresses (repeatable, IPv4 or [IPv6], port 0
/// for any free one), token_file (read now, so a missing or empty file is a config error with its
/// file:line), TLS certificate and key (both or neither, PEM files that exist), max_points.
/// A listen beyond loopback without a token is refused: the admin endpoints and every measurement
/// would be open to the network.
/// </summary>
public sealed class ApiSectionReader : ConfigSectionReader<ApiSettings>
{
    public const string Name = "api";

    private const string Known = "enabled, listen, token_file, certificate, key, max_points";

    public override string Block => Name;

    protected override ApiSettings Default => ApiSettings.Off;

    protected override string Usage => "<api> listen 127.0.0.1:8085 token_file FILE </api>";

    protected override ApiSettings Read(ConfigObject block, ConfigSectionContext context)
    {
        var enabled = true;
        var listen = new List<ApiListen>();
        string? tokenFile = null, token = null, certificate = null, key = null;
        ConfigLocation? certificateAt = null, keyAt = null;
        var maxPoints = ApiSettings.DefaultMaxPoints;
        foreach (var (name, value) in block.Entries())
        {
            var setting = ConfigSetting.From(name, value);
            try
            {
                switch (name)
                {
                    case "enabled":
                        enabled = ValueParsers.TryParseBool(setting.Single(), out var on) ? on : throw setting.Error($"must be yes or no, not '{setting.Single()}'");
                        break;
                    case "listen":
                        foreach (var item in value is ConfigArray array ? array.Items : [value])
                        {
                            listen.Add(item is ConfigScalar { Value: { Length: > 0 } text }
                                ? ParseListen(text, item.Location)
                                : throw new ConfigException(item.Location, "'listen' needs ADDRESS:PORT, e.g. 127.0.0.1:8085"));
                        }

                        break;
                    case "token_file":
                        tokenFile = Path.GetFullPath(setting.Single(), context.FolderOf(value));
                        token = ReadToken(tokenFile, setting.Location);
                        break;
                    case "certificate":
                        certificateAt = setting.Location;
                        certificate = ExistingFile(setting, context.FolderOf(value));
                        break;
                    case "key":
                        keyAt = setting.Location;
                        key = ExistingFile(setting, context.FolderOf(value));
                        break;
                    case "max_points":
                        maxPoints = int.TryParse(setting.Single(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1000 and <= 100_000_000
                            ? n
                            : throw setting.Error($"must be a whole number from 1000 to 100000000, not '{setting.Single()}'");
                        break;
                    default:
                        throw new ConfigException(setting.Location, $"unknown key '{name}' in <api> (known: {Known})");
                }
            }
            catch (ConfigException e)
            {
                context.Errors.Add(e);
            }
        }

        // Paired by what was given: a given file that does not exist is its own error, not a missing half.
        if ((certificateAt is null) != (keyAt is null))
        {
            context.Errors.Add(new ConfigException(certificateAt ?? keyAt ?? block.Location, "<api> TLS needs both 'certificate' and 'key' (PEM files)"));
        }

        if (certificate is null || key is null)
        {
            certificate = key = null; // never half a TLS setup
        }

        if (listen.Count == 0)
        {
            listen.Add(new ApiListen(IPAddress.Loopback, ApiSettings.DefaultPort, block.Location));
        }

        if (enabled && tokenFile is null)
        {
            foreach (var l in listen.Where(l => !l.IsLoopback))
            {
                context.Errors.Add(new ConfigException(
                    l.Location,
                    $"<api> listen {l} is not a loopback address: set token_file (a file holding a secret token) so the network gets no unauthenticated access"));
            }
        }

        return new ApiSettings(enabled, listen, tokenFile, token, certificate, key, maxPoints);
    }

    /// <summary>"127.0.0.1:8085", "[::1]:8085", "0.0.0.0:8085", "[::]:0", "localhost:8085" (127.0.0.1).</summary>
    internal static ApiListen ParseListen(string text, ConfigLocation at)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new ConfigException(at, $"listen '{text}' must be ADDRESS:PORT, e.g. 127.0.0.1:8085 or [::1]:8085");
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ConfigException(at, $"listen '{text}': port '{portText}' is not a number from 0 to 65535");
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw new ConfigException(at, $"listen '{text}': write an IPv6 address in brackets, e.g. [::1]:{portText}");
        }

        if (host == "localhost")
        {
            return new ApiListen(IPAddress.Loopback, port, at);
        }

        return IPAddress.TryParse(host, out var address)
            ? new ApiListen(address, port, at)
            : throw new ConfigException(at, $"listen '{text}': '{host}' is not an IP address (host names are not resolved: write 127.0.0.1, [::1], 0.0.0.0 or [::])");
    }

    private static string ReadToken(string path, ConfigLocation at)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(at, $"token_file '{path}': {e.Message}");
        }

        var token = text.Trim();
        if (token.Length < 16 || token.Contains('\n', StringComparison.Ordinal) || token.Any(char.IsWhiteSpace))
        {
            throw new ConfigException(at, $"token_file '{path}' must hold one token of at least 16 characters without spaces (e.g. from 'openssl rand -hex 32')");
        }

        return token;
    }

    private static string ExistingFile(ConfigSetting setting, string folder)
    {
        var path = Path.GetFullPath(setting.Single(), folder);
        return File.Exists(path) ? path : throw setting.Error($"'{path}' does not exist");
    }
}
