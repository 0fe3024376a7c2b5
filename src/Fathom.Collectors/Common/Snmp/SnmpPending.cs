using System.Buffers;
using System.Net;

namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// One request in flight: its encoded datagram (a pooled buffer, kept for retries), where it goes,
/// what a reply must carry (request-id, community), and its tries. Mutable fields are touched
/// under the socket's gate.
/// </summary>
internal sealed class SnmpPending
{
    private readonly TaskCompletionSource<SnmpResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SnmpPending(SnmpAgent agent, IPEndPoint endPoint, byte[] community, int requestId, byte pduType, IReadOnlyList<Oid> oids)
    {
        Agent = agent;
        PduType = pduType;
        EndPoint = endPoint;
        Community = community;
        RequestId = requestId;
        Oids = oids;
    }

    public SnmpAgent Agent { get; }

    /// <summary>The agent's endpoint, IPv4-mapped addresses unmapped (what the socket reports replies from).</summary>
    public IPEndPoint EndPoint { get; }

    public byte[] Community { get; }

    public int RequestId { get; }

    /// <summary>GetRequest, GetNextRequest or GetBulkRequest.</summary>
    public byte PduType { get; }

    public IReadOnlyList<Oid> Oids { get; }

    public byte[] SockAddr { get; } = new byte[Net.SockAddr.MaxLength];

    public int SockAddrLength { get; set; }

    /// <summary>A pooled buffer holding the datagram at [Start, Start + Length); null once returned.</summary>
    public byte[]? Buffer { get; set; }

    public int Start { get; set; }

    public int Length { get; set; }

    public int Tries { get; set; }

    public long StartTicks { get; set; }

    public long Deadline { get; set; }

    public bool Done { get; set; }

    public CancellationTokenRegistration Registration { get; set; }

    public Task<SnmpResponse> Task => _completion.Task;

    /// <summary>Settles the request once (outside the gate): the buffer goes back to the pool.</summary>
    public void Settle(SnmpResponse? response, Exception? error, CancellationToken cancelled = default)
    {
        Registration.Dispose();
        if (Buffer is { } buffer)
        {
            Buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (response is not null)
        {
            _completion.TrySetResult(response);
        }
        else if (error is not null)
        {
            _completion.TrySetException(error);
        }
        else
        {
            _completion.TrySetCanceled(cancelled);
        }
    }
}
