using System.Net;
using System.Net.Sockets;
using Fathom.Collectors.Common.Snmp;
using Fathom.Collectors.Common.Snmp.Ber;

namespace Fathom.Collectors.Tests.Snmp;

/// <summary>
/// A small programmable v2c agent on 127.0.0.1 for what snmpd cannot be made to do: an agent
/// without IF-MIB's ifXTable (32-bit counters only, names in ifDescr), counters set by the test
/// (a Counter32 wrap), and a GET limit answered with tooBig. GET, and GETBULK over its sorted table.
/// </summary>
internal sealed class FakeAgent : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly SortedDictionary<Oid, SnmpValue> _table = [];
    private readonly Task _loop;
    private int _gets;

    public FakeAgent()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Task.Run(LoopAsync);
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>GETs with more varbinds than this are answered tooBig.</summary>
    public int MaxGetVarBinds { get; set; } = int.MaxValue;

    public int Gets => Volatile.Read(ref _gets);

    public int TooBigs { get; private set; }

    public void Set(string oid, SnmpValue value)
    {
        lock (_table)
        {
            _table[Oid.Parse(oid)] = value;
        }
    }

    private async Task LoopAsync()
    {
        var buffer = new byte[65536];
        while (true)
        {
            SocketReceiveFromResult got;
            try
            {
                got = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0));
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            var (header, request, rejection) = SnmpPackets.Decode(buffer[..got.ReceivedBytes]);
            if (rejection is not null)
            {
                continue;
            }

            var reply = Answer(header.PduType, header.RequestId, header.ErrorIndex, request);
            try
            {
                await _socket.SendToAsync(reply, SocketFlags.None, got.RemoteEndPoint);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private byte[] Answer(byte pdu, int requestId, int maxRepetitions, List<SnmpVarBind> request)
    {
        lock (_table)
        {
            if (pdu == BerTag.GetRequest)
            {
                Interlocked.Increment(ref _gets);
                if (request.Count > MaxGetVarBinds)
                {
                    TooBigs++;
                    return SnmpPackets.Message(requestId, "public", request, errorStatus: 1, errorIndex: 0);
                }

                return SnmpPackets.Message(requestId, "public", [.. request.Select(v => new SnmpVarBind(v.Oid, _table.TryGetValue(v.Oid, out var value) ? value : SnmpValue.Exception(SnmpType.NoSuchInstance)))]);
            }

            // GETBULK, no non-repeaters: row by row, each requested OID's successor.
            var answer = new List<SnmpVarBind>();
            var cursors = request.Select(v => v.Oid).ToArray();
            for (var r = 0; r < maxRepetitions; r++)
            {
                for (var c = 0; c < cursors.Length; c++)
                {
                    var next = _table.Keys.FirstOrDefault(k => k.CompareTo(cursors[c]) > 0);
                    if (next.Length == 0)
                    {
                        answer.Add(new SnmpVarBind(cursors[c], SnmpValue.Exception(SnmpType.EndOfMibView)));
                        continue;
                    }

                    answer.Add(new SnmpVarBind(next, _table[next]));
                    cursors[c] = next;
                }
            }

            return SnmpPackets.Message(requestId, "public", answer);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }
}
