using System.Net;
using Fathom.Lookup.Registration;

namespace Fathom.Lookup.Tests.Support;

/// <summary>Host facts set by the test; everything known by default, null where a test wants a fact missing.</summary>
internal sealed record FakeHostFacts : IHostFacts
{
    public string? HostName { get; init; } = "ps1.example.net";

    public IReadOnlyList<IPAddress> Addresses { get; init; } = [IPAddress.Parse("198.124.252.10"), IPAddress.Parse("2001:400:201:1150::3")];

    public string? OsName { get; init; } = "Debian GNU/Linux";

    public string? OsVersion { get; init; } = "12 (bookworm)";

    public string? OsKernel { get; init; } = "Linux 6.1.0-18-amd64";

    public long? MemoryMiB { get; init; } = 16000;

    public double? ProcessorSpeedMHz { get; init; } = 2400.5;

    public int? ProcessorCount { get; init; } = 2;

    public int? ProcessorCores { get; init; } = 16;
}
