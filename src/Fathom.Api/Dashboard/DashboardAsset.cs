using Microsoft.Net.Http.Headers;

namespace Fathom.Api.Dashboard;

/// <summary>One embedded dashboard file, read once: its bytes, content type and strong ETag (a hash of the bytes).</summary>
internal sealed record DashboardAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, EntityTagHeaderValue ETag);
