using Fathom.Core.Collectors;
using Fathom.Collectors.Dns;
using Fathom.Collectors.Host;
using Fathom.Collectors.Http;
using Fathom.Collectors.Noop;
using Fathom.Collectors.Ping;
using Fathom.Collectors.Script;
using Fathom.Collectors.Snmp;
using Fathom.Collectors.Status;
using Fathom.Collectors.Tcp;
using Fathom.Collectors.Throughput;
using Fathom.Collectors.Trace;

namespace Fathom.Collectors;

/// <summary>The modules a &lt;collector&gt; block can name without loading an assembly.</summary>
public static class BuiltinCollectors
{
    public static IReadOnlyList<CollectorDescriptor> All { get; } =
    [
        NoopCollector.Descriptor,
        HostCollector.Descriptor,
        ScriptCollector.Descriptor,
        PingCollector.Descriptor,
        TraceCollector.Descriptor,
        TcpCollector.Descriptor,
        HttpCollector.Descriptor,
        DnsCollector.Descriptor,
        ThroughputCollector.Descriptor,
        StatusCollector.Descriptor,
        SnmpCollector.Descriptor,
    ];
}
