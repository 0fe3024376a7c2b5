using Fathom.Core.Collectors;
using Fathom.Core.Configuration;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests;

/// <summary>Every built-in module reports every mistake of its block at once, each with its line.</summary>
public sealed class ModuleConfigErrorsTests
{
    public static TheoryData<string, (string, string)[], string[]> Blocks() => new()
    {
        // module, keys (written from test.conf:2 on), one message fragment per mistake
        { "ping", [("target", "127.0.0.1"), ("size", "70000"), ("ttl", "0")], ["test.conf:3: 'size' must be between 0 and", "test.conf:4: 'ttl' must be between 1 and 255"] },
        { "trace", [("target", "127.0.0.1"), ("max_hops", "0"), ("protocol", "tcp"), ("probe_timeout", "1ms")], ["test.conf:3: 'max_hops'", "test.conf:4: 'protocol'", "test.conf:5: 'probe_timeout' must be at least 10 ms"] },
        { "tcp", [("target", "no-port"), ("server_name", "a.example"), ("insecure", "yes")], ["test.conf:2: 'target'", "test.conf:3: 'server_name' is only used with tls yes", "test.conf:4: 'insecure' is only used with tls yes"] },
        { "http", [("url", "ftp://example.net/"), ("method", "GE T"), ("expect_body", "([")], ["test.conf:2: 'url'", "test.conf:3: 'method'", "test.conf:4: 'expect_body'"] },
        { "dns", [("name", "example.net"), ("type", "BOGUS"), ("server", "127.0.0.1"), ("expect_rcode", "NOPE")], ["test.conf:3: 'type'", "test.conf:5: 'expect_rcode'"] },
        { "throughput", [("target", "-x"), ("port", "0"), ("streams", "0")], ["test.conf:2: 'target'", "test.conf:3: 'port'", "test.conf:4: 'streams'"] },
        { "script", [("command", "/nonexistent/check.sh"), ("format", "xml"), ("environment", "=x")], ["test.conf:2: 'command'", "test.conf:3: 'format'", "test.conf:4: 'environment'"] },
        { "host", [("interfaces", "[eth]"), ("mounts", "relative")], ["test.conf:2: 'interfaces'", "test.conf:3: 'mounts'"] },
        { "snmp", [("address", "a b"), ("port", "0"), ("community_file", "/nonexistent/community"), ("version", "1"), ("interface", "lo"), ("oid", "up 1.3.6 ticks")], ["test.conf:2: 'address'", "test.conf:3: 'port'", "test.conf:4: 'community_file' cannot read", "test.conf:5: 'version' must be 2c", "test.conf:7: 'oid' unit must be one of"] },
        { "noop", [("emit", "maybe"), ("fail", "perhaps")], ["test.conf:2: 'emit'", "test.conf:3: 'fail'"] },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Init_SeveralMistakes_AllReported(string module, (string, string)[] keys, string[] expected)
    {
        var descriptor = new CollectorCatalog(BuiltinCollectors.All).Resolve(module, new ConfigLocation("test.conf", 1), "/tmp");
        var collector = descriptor.Factory();

        var errors = Assert.Throws<ConfigErrors>(() => collector.Init(TestConfig.Collector(module, "/tmp", keys)));

        Assert.Equal(expected.Length, errors.Errors.Count);
        foreach (var fragment in expected)
        {
            Assert.Contains(errors.Errors, e => e.Message.StartsWith(fragment, StringComparison.Ordinal));
        }
    }
}
