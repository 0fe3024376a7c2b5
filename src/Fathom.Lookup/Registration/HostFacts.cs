using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Fathom.Core.Native;
using Microsoft.Extensions.Logging;

namespace Fathom.Lookup.Registration;

/// <summary>
/// This machine's facts, read once: name (FQDN when DNS has one), interface addresses,
/// /etc/os-release, uname, /proc/meminfo and /proc/cpuinfo. What cannot be read is left out
/// with one warning naming every missing fact; reading never throws.
/// </summary>
public sealed partial class HostFacts : IHostFacts
{
    public string? HostName { get; private init; }

    public IReadOnlyList<IPAddress> Addresses { get; private init; } = [];

    public string? OsName { get; private init; }

    public string? OsVersion { get; private init; }

    public string? OsKernel { get; private init; }

    public long? MemoryMiB { get; private init; }

    public double? ProcessorSpeedMHz { get; private init; }

    public int? ProcessorCount { get; private init; }

    public int? ProcessorCores { get; private init; }

    /// <summary>Reads the facts from the running system (files under <paramref name="root"/>, "/" normally; tests give a folder).</summary>
    public static HostFacts Read(ILogger logger, string root = "/")
    {
        ArgumentNullException.ThrowIfNull(logger);
        var missing = new List<string>();
        var os = HostFactFiles.OsRelease(root);
        var cpu = HostFactFiles.CpuInfo(root);
        var facts = new HostFacts
        {
            HostName = Try(FullName, "host name", missing),
            Addresses = Try(InterfaceAddresses, "addresses", missing) ?? [],
            OsName = Note(os.GetValueOrDefault("NAME"), "os name (os-release)", missing),
            OsVersion = Note(os.GetValueOrDefault("VERSION") ?? os.GetValueOrDefault("VERSION_ID"), "os version (os-release)", missing),
            OsKernel = Note(Libc.Uname() is { } u ? $"{u.SysName} {u.Release}" : null, "kernel (uname)", missing),
            MemoryMiB = Note(HostFactFiles.MemTotalKiB(root) / 1024, "memory (meminfo)", missing),
            ProcessorSpeedMHz = Note(cpu.SpeedMHz, "processor speed (cpuinfo)", missing),
            ProcessorCount = Note(cpu.Packages, "processor count (cpuinfo)", missing),
            ProcessorCores = Note(cpu.Cores, "processor cores (cpuinfo)", missing),
        };
        if (missing.Count > 0)
        {
            Log.FactsMissing(logger, string.Join(", ", missing));
        }

        return facts;
    }

    private static string FullName()
    {
        var name = Dns.GetHostName();
        try
        {
            // The canonical name from the resolver (/etc/hosts first); a bare name when it has none.
            var entry = Dns.GetHostEntry(name);
            return entry.HostName.Contains('.', StringComparison.Ordinal) ? entry.HostName : name;
        }
        catch (SocketException)
        {
            return name;
        }
    }

    private static IReadOnlyList<IPAddress> InterfaceAddresses() =>
        [.. NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)];

    private static T? Try<T>(Func<T> read, string what, List<string> missing)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NetworkInformationException or SocketException or PlatformNotSupportedException)
        {
            missing.Add($"{what}: {e.Message}");
            return null;
        }
    }

    private static string? Note(string? value, string what, List<string> missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            missing.Add(what);
            return null;
        }

        return value;
    }

    private static T? Note<T>(T? value, string what, List<string> missing)
        where T : struct
    {
        if (value is null)
        {
            missing.Add(what);
        }

        return value;
    }
}
