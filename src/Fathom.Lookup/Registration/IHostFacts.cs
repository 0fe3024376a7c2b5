using System.Net;

namespace Fathom.Lookup.Registration;

/// <summary>
/// What the host record says about the machine. A fact that could not be read is null (or empty)
/// and its key is left out of the record.
/// </summary>
public interface IHostFacts
{
    /// <summary>The host's fully qualified name when DNS knows one, else its host name.</summary>
    string? HostName { get; }

    /// <summary>Every address on an interface that is up, unfiltered (the builder leaves out internal ones).</summary>
    IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The distribution's name (/etc/os-release NAME, e.g. "Debian GNU/Linux").</summary>
    string? OsName { get; }

    /// <summary>The distribution's version (/etc/os-release VERSION, e.g. "12 (bookworm)").</summary>
    string? OsVersion { get; }

    /// <summary>The kernel, as uname names it ("Linux 6.1.0-18-amd64").</summary>
    string? OsKernel { get; }

    /// <summary>Physical memory in MiB (/proc/meminfo MemTotal).</summary>
    long? MemoryMiB { get; }

    /// <summary>Processor clock in MHz (/proc/cpuinfo).</summary>
    double? ProcessorSpeedMHz { get; }

    /// <summary>Processor packages (sockets).</summary>
    int? ProcessorCount { get; }

    /// <summary>Processor cores over all packages.</summary>
    int? ProcessorCores { get; }
}
