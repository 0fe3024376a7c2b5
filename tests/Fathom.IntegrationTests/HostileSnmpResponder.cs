using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fathom.IntegrationTests;

/// <summary>
/// A UDP "agent" on 127.0.0.1 that answers every SNMP request with several hundred bad replies
/// and never a good one: every truncation of a valid reply, every length field replaced by a huge,
/// a wrong or an indefinite one, wrong communities, request ids, versions and PDU types, and
/// random bytes. Built with a small BER writer of its own (the daemon under test is a binary).
/// </summary>
internal sealed class HostileSnmpResponder : IDisposable
{
    private static readonly byte[] SysUpTime = [0x2B, 6, 1, 2, 1, 1, 3, 0];
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _requests;
    private long _sent;

    public HostileSnmpResponder()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Task.Run(LoopAsync);
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public long Requests => Interlocked.Read(ref _requests);

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The bad replies to one request (request id and community of that request).</summary>
    public static List<byte[]> Replies(int requestId, byte[] community)
    {
        var valid = Reply(1, community, 0xA2, requestId);
        var replies = new List<byte[]>();
        for (var length = 0; length < valid.Length; length++)
        {
            replies.Add(valid[..length]);
        }

        foreach (var at in LengthPositions(valid))
        {
            // Each length field replaced: 4 GB claimed, one byte more or less than there is, indefinite form.
            foreach (byte[] field in (byte[][])[[0x84, 0xFF, 0xFF, 0xFF, 0xFF], [0x83, 0xFF, 0xFF, 0xFF], [0x81, 0xFF], [0x80], [(byte)(valid[at] + 1)], [(byte)(valid[at] - 1)]])
            {
                replies.Add([.. valid[..at], .. field, .. valid[(at + 1)..]]);
            }
        }

        for (var i = 1; i <= 50; i++)
        {
            replies.Add(Reply(1, Encoding.ASCII.GetBytes($"wrong{i}"), 0xA2, requestId));
            // Far from any id in flight: the daemon's concurrent requests have neighbouring ids.
            replies.Add(Reply(1, community, 0xA2, requestId ^ (0x4000_0000 + i)));
        }

        foreach (var version in (int[])[0, 2, 3, 255])
        {
            replies.Add(Reply(version, community, 0xA2, requestId));
        }

        foreach (var pdu in (byte[])[0xA0, 0xA1, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8])
        {
            replies.Add(Reply(1, community, pdu, requestId));
        }

        var random = new Random(requestId);
        for (var i = 0; i < 100; i++)
        {
            var garbage = new byte[random.Next(1, 300)];
            random.NextBytes(garbage);
            replies.Add(garbage);
        }

        return replies;
    }

    // Where each TLV's (short-form) length byte is, nested elements included.
    private static List<int> LengthPositions(byte[] packet)
    {
        var positions = new List<int>();
        Walk(0, packet.Length);
        return positions;

        void Walk(int from, int to)
        {
            for (var at = from; at + 1 < to;)
            {
                var (tag, length) = (packet[at], packet[at + 1]);
                positions.Add(at + 1);
                if (tag is 0x30 or >= 0xA0 and <= 0xA8)
                {
                    Walk(at + 2, at + 2 + length);
                }

                at += 2 + length;
            }
        }
    }

    private static byte[] Reply(int version, byte[] community, byte pdu, int requestId) =>
        Tlv(0x30, [.. Integer(version), .. Tlv(0x04, community), .. Tlv(pdu, [.. Integer(requestId), .. Integer(0), .. Integer(0),
            .. Tlv(0x30, Tlv(0x30, [.. Tlv(0x06, SysUpTime), .. Tlv(0x43, [0x01, 0x02, 0x03, 0x04])]))])]);

    private static byte[] Integer(int value)
    {
        var bytes = new List<byte>();
        var v = value;
        do
        {
            bytes.Insert(0, (byte)v);
            v >>= 8;
        }
        while (v != 0 && v != -1);
        if ((value >= 0) != ((bytes[0] & 0x80) == 0))
        {
            bytes.Insert(0, value >= 0 ? (byte)0 : (byte)0xFF);
        }

        return Tlv(0x02, [.. bytes]);
    }

    private static byte[] Tlv(byte tag, byte[] content) =>
        content.Length < 0x80 ? [tag, (byte)content.Length, .. content]
        : content.Length < 0x100 ? [tag, 0x81, (byte)content.Length, .. content]
        : [tag, 0x82, (byte)(content.Length >> 8), (byte)content.Length, .. content];

    // The request's id and community: SEQUENCE { INTEGER version, OCTET STRING community, PDU { INTEGER id ... } }.
    private static bool TryParse(ReadOnlySpan<byte> packet, out int requestId, out byte[] community)
    {
        requestId = 0;
        community = [];
        var at = 0;
        if (!Header(packet, ref at, 0x30, out _) || !Header(packet, ref at, 0x02, out var vlen))
        {
            return false;
        }

        at += vlen;
        if (!Header(packet, ref at, 0x04, out var clen) || at + clen > packet.Length)
        {
            return false;
        }

        community = packet.Slice(at, clen).ToArray();
        at += clen;
        if (at >= packet.Length || !Header(packet, ref at, packet[at], out _) || !Header(packet, ref at, 0x02, out var ilen) || ilen is < 1 or > 4 || at + ilen > packet.Length)
        {
            return false;
        }

        var id = (sbyte)packet[at];
        requestId = id;
        for (var i = 1; i < ilen; i++)
        {
            requestId = (requestId << 8) | packet[at + i];
        }

        return true;
    }

    private static bool Header(ReadOnlySpan<byte> packet, ref int at, byte tag, out int length)
    {
        length = 0;
        if (at + 2 > packet.Length || packet[at] != tag)
        {
            return false;
        }

        var first = packet[at + 1];
        at += 2;
        if (first < 0x80)
        {
            length = first;
            return true;
        }

        var n = first & 0x7F;
        if (n is 0 or > 3 || at + n > packet.Length)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            length = (length << 8) | packet[at++];
        }

        return true;
    }

    private async Task LoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult got;
            try
            {
                got = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (!TryParse(buffer.AsSpan(0, got.ReceivedBytes), out var id, out var community))
            {
                continue;
            }

            Interlocked.Increment(ref _requests);
            foreach (var reply in Replies(id, community))
            {
                try
                {
                    await _socket.SendToAsync(reply, SocketFlags.None, got.RemoteEndPoint, _stop.Token);
                    Interlocked.Increment(ref _sent);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException)
                {
                    // The daemon's socket went away (it stopped): nothing more to send to.
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
