using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Fathom.Collectors.Probes;

namespace Fathom.Collectors.Common.Tls;

/// <summary>
/// One TLS client handshake that keeps what it saw of the server's certificate, so expiry is
/// reported even when the certificate is rejected, and a rejection has a worded reason.
/// </summary>
internal sealed class TlsHandshake(TlsSettings settings, TimeProvider time)
{
    private string? _problem;
    private string _serverName = "";

    /// <summary>The leaf certificate's NotAfter, once the server sent one.</summary>
    public DateTimeOffset? NotAfter { get; private set; }

    public async Task<SslStream> AuthenticateAsync(Stream inner, string serverName, CancellationToken cancellationToken)
    {
        _serverName = serverName;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = settings.ChainPolicy?.Clone(),
            RemoteCertificateValidationCallback = Validate,
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new ProbeException(_problem is { } p ? $"TLS: {p}" : $"TLS handshake failed: {Innermost(e)}", e);
        }
        catch (IOException e)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new ProbeException($"TLS handshake failed: {Innermost(e)}", e);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var leaf = certificate as X509Certificate2;
        if (leaf is not null)
        {
            NotAfter = new DateTimeOffset(leaf.NotAfter);
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        _problem = CertificateProblem.Describe(errors, leaf, chain, _serverName, time.GetUtcNow());
        return settings.Insecure;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
