using Fathom.Collectors.Common.Snmp;

namespace Fathom.Collectors.Snmp;

/// <summary>
/// One GET of any number of OIDs: split into PDUs of at most <see cref="MaxVarBinds"/> sent at
/// once (one round trip), a PDU the agent finds too big (tooBig) halved until it fits.
/// </summary>
internal static class SnmpGets
{
    // 48 varbinds of an interface's columns make a reply of about 1.5 KB: inside one Ethernet frame.
    public const int MaxVarBinds = 48;

    public static async Task<SnmpValue[]> GetAsync(SnmpClient client, SnmpAgent agent, IReadOnlyList<Oid> oids, CancellationToken cancellationToken)
    {
        var result = new SnmpValue[oids.Count];
        if (oids.Count <= MaxVarBinds)
        {
            await GetChunkAsync(client, agent, oids, 0, oids.Count, result, cancellationToken).ConfigureAwait(false);
            return result;
        }

        var chunks = new List<Task>((oids.Count / MaxVarBinds) + 1);
        for (var start = 0; start < oids.Count; start += MaxVarBinds)
        {
            chunks.Add(GetChunkAsync(client, agent, oids, start, Math.Min(MaxVarBinds, oids.Count - start), result, cancellationToken));
        }

        await Task.WhenAll(chunks).ConfigureAwait(false);
        return result;
    }

    private static async Task GetChunkAsync(SnmpClient client, SnmpAgent agent, IReadOnlyList<Oid> oids, int start, int length, SnmpValue[] result, CancellationToken cancellationToken)
    {
        var request = new Oid[length];
        for (var i = 0; i < length; i++)
        {
            request[i] = oids[start + i];
        }

        SnmpResponse response;
        try
        {
            response = await client.GetAsync(agent, request, cancellationToken).ConfigureAwait(false);
        }
        catch (SnmpException e) when (e.Kind == SnmpErrorKind.AgentError && e.ErrorStatus == SnmpException.TooBig && length > 1)
        {
            // The reply would not fit the agent's message size: ask in two halves.
            var half = length / 2;
            await Task.WhenAll(
                GetChunkAsync(client, agent, oids, start, half, result, cancellationToken),
                GetChunkAsync(client, agent, oids, start + half, length - half, result, cancellationToken)).ConfigureAwait(false);
            return;
        }

        // The client has checked that a GET reply answers the request varbind for varbind.
        for (var i = 0; i < length; i++)
        {
            result[start + i] = response.VarBinds[i].Value;
        }
    }
}
