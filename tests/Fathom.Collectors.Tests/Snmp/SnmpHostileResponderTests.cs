using System.Net;
using System.Net.Sockets;
using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Tests.Support;
using Fathom.TestSupport;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>
/// A UDP responder on 127.0.0.1 that answers a request with hundreds of generated bad replies:
/// each is rejected with its reason and counted, the receive thread lives on, and the valid reply
/// that follows is still taken.
/// </summary>
public sealed class SnmpHostileResponderTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly Oid SysDescr = Oid.Parse("1.3.6.1.2.1.1.1.0");
    private readonly Socket _responder = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly ListLogger _log = new();
    private readonly SnmpClient _client;

    public SnmpHostileResponderTests()
    {
        _client = new SnmpClient(_log);
        _responder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    private SnmpAgent Agent(double timeoutSeconds, int retries) =>
        new((IPEndPoint)_responder.LocalEndPoint!, "public", TimeSpan.FromSeconds(timeoutSeconds), retries);

    [Fact]
    public async Task Get_HundredsOfBadRepliesThenAGoodOne_RejectsEachAndTakesTheGoodOne()
    {
        SnmpVarBind[] answer = [new(SysDescr, SnmpValue.OctetString("hostile but honest in the end")), new(Oid.Parse("1.3.6.1.2.1.2.2.1.10.1"), SnmpValue.Counter32(7))];
        var request = _client.GetAsync(Agent(timeoutSeconds: 60, retries: 0), [SysDescr, answer[1].Oid], CancellationToken.None);
        var (requestId, client) = await ReceiveRequestAsync();
        var bad = HostilePackets.Generate(requestId, "public", answer);
        Assert.True(bad.Count >= 500, $"only {bad.Count} bad packets generated");

        // Paced in batches the client has counted, so the socket's receive buffer never drops one.
        for (var sent = 0; sent < bad.Count;)
        {
            var batch = Math.Min(32, bad.Count - sent);
            for (var i = 0; i < batch; i++)
            {
                await _responder.SendToAsync(bad[sent + i].Packet, client);
            }

            sent += batch;
            Assert.True(await Poll.UntilAsync(() => _client.Stats.Rejected >= sent, Wait), $"{_client.Stats.Rejected} of {sent} bad packets counted");
        }

        using (var other = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            other.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            await other.SendToAsync(HostilePackets.Valid(requestId, "public", answer), client);
            Assert.True(await Poll.UntilAsync(() => _client.Stats.RejectedFor(SnmpRejectReason.WrongSource) == 1, Wait), "a reply from another port was not rejected");
        }

        Assert.False(request.IsCompleted, "a bad packet was taken as the reply");
        await _responder.SendToAsync(HostilePackets.Valid(requestId, "public", answer), client);
        var response = await request.WaitAsync(Wait);

        Assert.Equal(answer, response.VarBinds);
        Assert.Equal(bad.Count + 1, _client.Stats.Rejected);
        Assert.Equal(1, _client.Stats.Replies);
        foreach (var group in bad.Where(b => b.Reason is not null).GroupBy(b => b.Reason!.Value))
        {
            // Garbage and broken lengths are also wrong tags; the other reasons come only from their own packets.
            var counted = _client.Stats.RejectedFor(group.Key);
            Assert.True(group.Key == SnmpRejectReason.WrongTag ? counted >= group.Count() : counted == group.Count(), $"{group.Key}: {counted} counted, {group.Count()} sent");
        }

        Assert.Equal(50, _client.Stats.RejectedFor(SnmpRejectReason.UnknownRequestId));
        Assert.True(_client.Stats.RejectedFor(SnmpRejectReason.Truncated) > 60);
        Assert.True(_client.Stats.RejectedFor(SnmpRejectReason.BadLength) > 20);
        Assert.Equal(0, _client.PendingCount);
        // Rate-limited: a flood is counted, not logged line by line.
        var logged = Assert.Single(_log.Entries);
        Assert.StartsWith($"SNMP: rejected a datagram from {_responder.LocalEndPoint}: truncated", logged.Message, StringComparison.Ordinal);

        // The thread survived it all: another request still works.
        var again = _client.GetAsync(Agent(timeoutSeconds: 10, retries: 0), [SysDescr], CancellationToken.None);
        var (againId, againFrom) = await ReceiveRequestAsync();
        await _responder.SendToAsync(HostilePackets.Valid(againId, "public", [answer[0]]), againFrom);
        Assert.Equal(answer[0], Assert.Single((await again.WaitAsync(Wait)).VarBinds));
    }

    [Theory]
    [InlineData("wrong community 'private'")]
    [InlineData("truncated")]
    [InlineData("wrong version 0")]
    [InlineData("bad length field")]
    [InlineData("a Report-PDU")]
    public async Task Get_OnlyBadReplies_TimeoutSaysWhatWasRejected(string reason)
    {
        SnmpVarBind[] answer = [new(SysDescr, SnmpValue.OctetString("x"))];
        var request = _client.GetAsync(Agent(timeoutSeconds: 1, retries: 1), [SysDescr], CancellationToken.None);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (id, client) = await ReceiveRequestAsync();
            var valid = HostilePackets.Valid(id, "public", answer);
            byte[] packet = reason switch
            {
                "truncated" => valid[..^3],
                "wrong version 0" => SnmpPackets.Message(id, "public", answer, version: 0),
                "bad length field" => [0x30, 0x80, .. valid[2..]],
                "a Report-PDU" => SnmpPackets.Message(id, "public", answer, pdu: 0xA8),
                _ => SnmpPackets.Message(id, "private", answer),
            };
            await _responder.SendToAsync(packet, client);
        }

        var error = await Assert.ThrowsAsync<SnmpException>(() => request.WaitAsync(Wait));

        Assert.Equal(SnmpErrorKind.Timeout, error.Kind);
        Assert.StartsWith($"no reply from {_responder.LocalEndPoint} after 2 tries (1 s each); last rejected reply: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AgentError_IsAnAgentErrorNamingTheVarbind()
    {
        var request = _client.GetAsync(Agent(timeoutSeconds: 10, retries: 0), [SysDescr, Oid.Parse("1.3.6.1.2.1.1.5.0")], CancellationToken.None);
        var (id, client) = await ReceiveRequestAsync();
        await _responder.SendToAsync(SnmpPackets.Message(id, "public", [new(SysDescr, SnmpValue.Null), new(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.Null)], errorStatus: 2, errorIndex: 2), client);

        var error = await Assert.ThrowsAsync<SnmpException>(() => request.WaitAsync(Wait));

        Assert.Equal(SnmpErrorKind.AgentError, error.Kind);
        Assert.Equal($"agent {_responder.LocalEndPoint} error noSuchName at varbind 2 (1.3.6.1.2.1.1.5.0)", error.Message);
    }

    [Theory]
    [InlineData(1, "1 varbinds to a request for 2")]
    [InlineData(2, "1.3.6.1.2.1.1.6.0 where 1.3.6.1.2.1.1.5.0 was asked for (varbind 2)")]
    public async Task Get_ReplyNotMatchingTheRequest_IsMalformed(int count, string reason)
    {
        var request = _client.GetAsync(Agent(timeoutSeconds: 10, retries: 0), [SysDescr, Oid.Parse("1.3.6.1.2.1.1.5.0")], CancellationToken.None);
        var (id, client) = await ReceiveRequestAsync();
        SnmpVarBind[] answer = [new(SysDescr, SnmpValue.OctetString("x")), new(Oid.Parse("1.3.6.1.2.1.1.6.0"), SnmpValue.OctetString("y"))];
        await _responder.SendToAsync(SnmpPackets.Message(id, "public", answer[..count]), client);

        var error = await Assert.ThrowsAsync<SnmpException>(() => request.WaitAsync(Wait));

        Assert.Equal(SnmpErrorKind.Malformed, error.Kind);
        Assert.Equal($"agent {_responder.LocalEndPoint} answered {reason}", error.Message);
    }

    [Fact]
    public async Task Walk_AgentGoingBackwards_IsMalformed()
    {
        var root = Oid.Parse("1.3.6.1.2.1.2.2");
        var walk = _client.WalkAsync(Agent(timeoutSeconds: 10, retries: 0), root, 5, CancellationToken.None);
        var (id, client) = await ReceiveRequestAsync();
        await _responder.SendToAsync(SnmpPackets.Message(id, "public", [new(root.Append(1).Append(1).Append(2), SnmpValue.Integer(2)), new(root.Append(1).Append(1).Append(1), SnmpValue.Integer(1))]), client);

        var error = await Assert.ThrowsAsync<SnmpException>(() => walk.WaitAsync(Wait));

        Assert.Equal(SnmpErrorKind.Malformed, error.Kind);
        Assert.Contains("went backwards: 1.3.6.1.2.1.2.2.1.1.1 after 1.3.6.1.2.1.2.2.1.1.2", error.Message, StringComparison.Ordinal);
    }

    private async Task<(int RequestId, EndPoint Client)> ReceiveRequestAsync()
    {
        var buffer = new byte[65536];
        var received = await _responder.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0)).WaitAsync(Wait);
        Assert.True(SnmpMessage.TryReadHeader(buffer.AsSpan(0, received.ReceivedBytes), out var header, out var rejection), rejection.Describe());
        return (header.RequestId, received.RemoteEndPoint);
    }

    public void Dispose()
    {
        _client.Dispose();
        _responder.Dispose();
    }
}
