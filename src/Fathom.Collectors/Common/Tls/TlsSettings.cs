using System.Security.Cryptography.X509Certificates;

namespace Fathom.Collectors.Common.Tls;

/// <summary>
/// How a TLS peer is checked: against the system's trust store unless <see cref="ChainPolicy"/>
/// names other anchors (tests use a CA of their own); <see cref="Insecure"/> accepts any certificate.
/// </summary>
internal sealed record TlsSettings(bool Insecure, X509ChainPolicy? ChainPolicy = null);
