using System.Net;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Dns;

/// <summary>Reads and checks the dns collector's keys, with file:line errors.</summary>
internal static class DnsConfig
{
    public static readonly string[] Keys = ["name", "type", "server", "expect_rcode", "recursion", "tcp"];

    /// <summary>Reads every key, reporting every mistake at once (<see cref="ConfigErrors"/> when more than one).</summary>
    public static DnsSettings Read(CollectorConfig config, string resolvConf = ResolvConf.DefaultPath)
    {
        var problems = new ConfigProblems();
        var type = problems.Read(() => config.GetChoice("type", "A", DnsRecordType.Supported), "A");
        var (name, wire) = problems.Read<(string Name, byte[] Wire)>(() => Name(config, type), ("invalid.", []));
        var rcode = problems.Read(() => ExpectRcode(config), 0);
        var settings = new DnsSettings(
            new DnsQuestion(DnsName.Canonical(name), DnsRecordType.FromName(type)),
            wire,
            problems.Read(() => Servers(config, resolvConf), []),
            problems.Read(() => QueryTimeout(config), TimeSpan.FromSeconds(5)),
            rcode,
            problems.Read(() => config.GetBool("recursion", true), true),
            problems.Read(() => config.GetBool("tcp", false), false));
        problems.ThrowIfAny();
        return settings;
    }

    private static (string Name, byte[] Wire) Name(CollectorConfig config, string type)
    {
        var name = config.GetRequiredString("name");
        // A PTR query may name the address itself; it is turned into its in-addr.arpa / ip6.arpa name.
        if (type == "PTR" && IPAddress.TryParse(name, out var address))
        {
            name = DnsName.Reverse(address);
        }

        try
        {
            return (name, DnsName.ToWire(name));
        }
        catch (FormatException e)
        {
            throw config.Error("name", e.Message);
        }
    }

    private static int ExpectRcode(CollectorConfig config)
    {
        var expect = config.GetString("expect_rcode", "NOERROR");
        return DnsRcode.TryParse(expect, out var rcode)
            ? rcode
            : throw config.Error("expect_rcode", $"must be an rcode name (NOERROR, NXDOMAIN, SERVFAIL, REFUSED, ...) or a number 0 to 15, not '{expect}'");
    }

    private static List<DnsServer> Servers(CollectorConfig config, string resolvConf)
    {
        var texts = config.GetStrings("server");
        if (texts.Count == 0)
        {
            var system = ResolvConf.FirstNameserver(resolvConf)
                ?? throw config.Error("server", $"is not given and {resolvConf} names no nameserver");
            texts = [system];
        }

        var servers = new List<DnsServer>(texts.Count);
        foreach (var text in texts)
        {
            try
            {
                var server = DnsServer.Parse(text);
                servers.Add(servers.Any(s => s.Text == server.Text) ? throw config.Error("server", $"'{text}' is listed twice") : server);
            }
            catch (FormatException e)
            {
                throw config.Error("server", e.Message);
            }
        }

        return servers;
    }

    private static TimeSpan QueryTimeout(CollectorConfig config)
    {
        var timeout = config.GetDuration("timeout", TimeSpan.FromSeconds(5));
        if (timeout <= TimeSpan.Zero)
        {
            throw config.Error("timeout", "must be more than zero");
        }

        // 'timeout' is also the run's timeout: a query gives up a little earlier, so its failure is still recorded.
        var run = config.Timeout * 0.9;
        return timeout < run ? timeout : run;
    }
}
