using System.Diagnostics;

namespace Fathom.Collectors.Tests.Net;

/// <summary>
/// Network namespaces for tests, named with this test process's pid and a counter so parallel
/// runs never collide; addresses from 198.18.0.0/15 and fd00::/8 only, no route out. Dispose
/// deletes every namespace and root-side veth it created, also after a failed test.
/// </summary>
internal sealed class NetLab : IDisposable
{
    private static int _counter;
    private readonly List<string> _namespaces = [];
    private readonly List<string> _links = [];

    public NetLab()
    {
        var n = Interlocked.Increment(ref _counter);
        Tag = $"{Environment.ProcessId % 100000}{(char)('a' + (n % 26))}";

        // A /24 per lab, picked from pid and counter, skipped when a route to it already exists.
        var seed = (Environment.ProcessId * 7) + (n * 13);
        for (var i = 0; i < 200; i++)
        {
            // Never 0: the v6 prefix "fd00:fa7:0" would make the tests' addresses ("fd00:fa7:0::2")
            // differ as text from their canonical form ("fd00:fa7::2") that the collectors report.
            var third = 1 + ((seed + (i * 5)) % 250);
            var prefix = $"198.19.{third}";
            if (!Run("ip", "-4", "route", "show", "table", "all").Contains(prefix + ".", StringComparison.Ordinal))
            {
                V4 = prefix;
                V6 = $"fd00:fa7:{third:x}";
                return;
            }
        }

        throw new InvalidOperationException("no free 198.19.x.0/24 for the test lab");
    }

    /// <summary>Unique per lab: pid plus a letter.</summary>
    public string Tag { get; }

    /// <summary>The lab's IPv4 /24 prefix, like "198.19.42" (split into /30s by the tests).</summary>
    public string V4 { get; } = "";

    /// <summary>The lab's IPv6 prefix, like "fd00:fa7:2a" (a /48; tests use /64s under it).</summary>
    public string V6 { get; } = "";

    /// <summary>A namespace that forwards; ICMP errors unlimited, or with the kernel's default rate limits when <paramref name="icmpRateLimit"/>.</summary>
    public string Namespace(string name, bool icmpRateLimit = false)
    {
        var ns = $"fpt{Tag}{name}";
        Run("ip", "netns", "add", ns);
        _namespaces.Add(ns);
        Exec(ns, "ip", "link", "set", "lo", "up");
        // No duplicate address detection: link-local addresses would stay tentative for a second.
        Exec(ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.accept_dad=0", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
        if (!icmpRateLimit)
        {
            Exec(ns, "sysctl", "-qw", "net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0");
        }

        return ns;
    }

    /// <summary>A veth pair between two namespaces (null: the root namespace); returns the two interface names.</summary>
    public (string A, string B) Link(string? nsA, string? nsB, string suffix)
    {
        var a = $"fv{Tag}{suffix}a";
        var b = $"fv{Tag}{suffix}b";
        Run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        _links.Add(a);
        if (nsA is not null)
        {
            Run("ip", "link", "set", a, "netns", nsA);
        }
        else
        {
            Run("sysctl", "-qw", $"net.ipv6.conf.{a}.accept_dad=0");
        }

        if (nsB is not null)
        {
            Run("ip", "link", "set", b, "netns", nsB);
        }

        In(nsA, "ip", "link", "set", a, "up");
        In(nsB, "ip", "link", "set", b, "up");
        return (a, b);
    }

    /// <summary>
    /// A veth between two namespaces with a /30 of <see cref="V4"/> (.base+1 on a, .base+2 on b)
    /// and a /64 of <see cref="V6"/> (:net::1 and :net::2): one link of a dual-stack lab path.
    /// </summary>
    public void Wire(string? a, string b, string suffix, int @base, int net)
    {
        var (ia, ib) = Link(a, b, suffix);
        In(a, "ip", "addr", "add", $"{V4}.{@base + 1}/30", "dev", ia);
        In(b, "ip", "addr", "add", $"{V4}.{@base + 2}/30", "dev", ib);
        In(a, "ip", "addr", "add", $"{V6}:{net}::1/64", "dev", ia, "nodad");
        In(b, "ip", "addr", "add", $"{V6}:{net}::2/64", "dev", ib, "nodad");
    }

    /// <summary>Adds (or with <paramref name="verb"/> changes) an IPv4 and an IPv6 route in <paramref name="ns"/>, both relative to the lab's prefixes.</summary>
    public void Route(string ns, string v4, string via4, string v6, string via6, string verb = "add")
    {
        Exec(ns, "ip", "route", verb, $"{V4}.{v4}", "via", $"{V4}.{via4}");
        Exec(ns, "ip", "-6", "route", verb, $"{V6}{v6}", "via", $"{V6}{via6}");
    }

    /// <summary>Runs a command in <paramref name="ns"/>, or in the root namespace when null.</summary>
    public static string In(string? ns, params string[] command) => ns is null ? Run(command[0], command[1..]) : Exec(ns, command);

    public static string Exec(string ns, params string[] command) => Run("ip", ["netns", "exec", ns, .. command]);

    /// <summary>Runs a program to completion (30 s at most); throws with its stderr when it fails.</summary>
    public static string Run(string file, params string[] args)
    {
        var (code, stdout, stderr) = RunRaw(file, TimeSpan.FromSeconds(30), args);
        return code == 0 ? stdout : throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {code}: {stderr}");
    }

    public static (int Code, string Stdout, string Stderr) RunRaw(string file, TimeSpan timeout, params string[] args)
    {
        using var p = new Process { StartInfo = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true } };
        p.Start();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took longer than {timeout}");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        // Deleting a namespace removes its veth ends, and with them their root-side peers.
        foreach (var ns in _namespaces)
        {
            RunRaw("ip", TimeSpan.FromSeconds(30), "netns", "del", ns);
        }

        foreach (var link in _links)
        {
            if (File.Exists($"/sys/class/net/{link}/ifindex"))
            {
                RunRaw("ip", TimeSpan.FromSeconds(30), "link", "del", link);
            }
        }
    }
}
