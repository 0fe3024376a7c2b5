using Fathom.Collectors.Status;
using Fathom.Collectors.Tests.Support;
using Fathom.Core.Collectors;
using Fathom.Core.Configuration;

namespace Fathom.Collectors.Tests.Status;

public sealed class StatusConfigTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private IReadOnlyList<string> Errors(string body, IsolationMode isolation = IsolationMode.Thread)
    {
        var thrown = Assert.ThrowsAny<Exception>(() => new StatusCollector().Init(StatusBlock.Parse(_dir.Path, body, isolation: isolation)));
        IEnumerable<ConfigException> errors = thrown switch
        {
            ConfigErrors all => all.Errors,
            ConfigException one => [one],
            _ => throw thrown,
        };
        return [.. errors.Select(e => e.Message.Replace(_dir.Path + "/", "", StringComparison.Ordinal))];
    }

    [Fact]
    public void Init_NoElement_Error()
    {
        Assert.Equal(["status.conf:1: collector 'st' (module status) needs at least one <element> block"], Errors(""));
    }

    [Fact]
    public void Init_EveryMistake_ReportedAtItsLine()
    {
        var errors = Errors("""
            <element>
                <agent>
                    type constant
                    status_type oper
                    value up
                </agent>
            </element>
            <element>
                id b
                colour red
            </element>
            <element>
                id c
                <agent>
                    type telnet
                    status_type oper
                </agent>
                <agent>
                    type constant
                    status_type operational
                    value up
                </agent>
                <agent>
                    type constant
                    status_type admin
                    value up
                </agent>
                <agent>
                    type constant
                    status_type oper/admin
                    value up
                </agent>
                <agent>
                    type script
                    status_type oper
                    command ./missing.sh
                    value up
                </agent>
                <agent>
                    status_type oper
                </agent>
            </element>
            <element>
                id b
                <agent>
                    type constant
                    status_type oper
                    value up
                </agent>
            </element>
            """);

        Assert.Equal(
            [
                "status.conf:3: <element> needs at least one 'id'",
                "status.conf:12: 'colour' is not a key of <element> (it accepts: id, agent)",
                "status.conf:10: <element> needs at least one <agent> block",
                "status.conf:17: 'type' must be one of script, constant, snmp, not 'telnet'",
                "status.conf:22: 'status_type' must be one of oper, admin, oper/admin, not 'operational'",
                "status.conf:28: 'value' unknown administrative state 'up' (one of normaloperation, maintenance, troubleshooting, underrepair, unknown)",
                "status.conf:33: 'value' must be oper,admin for status_type oper/admin (e.g. up,normaloperation), not 'up'",
                "status.conf:39: 'value' is not a key of <agent> of type script (it accepts: type, status_type, timeout, command, arguments)",
                "status.conf:38: 'command' missing.sh does not exist",
                "status.conf:41: <agent> needs 'type'",
                "status.conf:46: 'id' 'b' is already the id of the element at status.conf:10; an id belongs to one element",
            ],
            errors);
    }

    [Fact]
    public void Init_AgentTimeoutNotBelowTheCollectors_Error()
    {
        _dir.Script("ok.sh", "echo 1,up");
        var errors = Errors("""
            <element>
                id a
                <agent>
                    type script
                    status_type oper
                    command ok.sh
                    timeout 10s
                </agent>
            </element>
            """);

        Assert.Equal(["status.conf:9: 'timeout' (10 s) must be shorter than the collector's timeout (10 s), so a slow agent reads unknown instead of losing the poll"], errors);
    }

    [Fact]
    public void Init_SnmpAgentMistakes_EachReportedOnce()
    {
        var errors = Errors("""
            <element>
                id a
                <agent>
                    type snmp
                    status_type oper
                    address 127.0.0.1
                    port 70000
                    community public
                    community_file secret
                    timeout 4s
                </agent>
            </element>
            """);

        Assert.Equal(
            [
                "status.conf:11: 'community_file' cannot be given beside 'community'; use one",
                "status.conf:12: 'timeout' (4 s) × 3 tries must be shorter than the collector's timeout (10 s)",
                "status.conf:5: <agent> needs 'interface'",
                "status.conf:9: 'port' must be a whole number between 1 and 65535, not '70000'",
            ],
            errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Init_SnmpAgentUnderAShortCollectorTimeout_DefaultRequestTimeoutFits()
    {
        new StatusCollector().Init(StatusBlock.Parse(_dir.Path, """
            <element>
                id a
                <agent>
                    type snmp
                    status_type oper
                    address 127.0.0.1
                    community public
                    interface lo
                </agent>
            </element>
            """, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void Init_ProcessIsolation_RefusedWithTheReason()
    {
        var errors = Errors("""
            isolation process
            <element>
                id a
                <agent>
                    type constant
                    status_type oper
                    value up
                </agent>
            </element>
            """, IsolationMode.Process);

        Assert.Equal(["status.conf:3: 'isolation' process is not available to the status collector (its <element> blocks stay in the daemon); its agents' scripts run in their own process groups anyway"], errors);
    }
}
