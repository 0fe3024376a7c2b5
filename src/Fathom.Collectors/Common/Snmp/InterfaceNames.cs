namespace Fathom.Collectors.Common.Snmp;

/// <summary>
/// An agent's interface names by ifIndex: ifName (ifXTable) and ifDescr (ifTable, for older
/// agents without ifXTable), read with two GETBULK walks at once. A name is found in ifName
/// first, then in ifDescr, lowest ifIndex first.
/// </summary>
internal sealed class InterfaceNames(IReadOnlyDictionary<uint, string> ifName, IReadOnlyDictionary<uint, string> ifDescr)
{
    public IReadOnlyDictionary<uint, string> IfName { get; } = ifName;

    public IReadOnlyDictionary<uint, string> IfDescr { get; } = ifDescr;

    public static async Task<InterfaceNames> ReadAsync(SnmpClient client, SnmpAgent agent, int maxRepetitions, CancellationToken cancellationToken)
    {
        var names = client.WalkAsync(agent, IfOids.IfName, maxRepetitions, cancellationToken);
        var descrs = client.WalkAsync(agent, IfOids.IfDescr, maxRepetitions, cancellationToken);
        return new InterfaceNames(
            Texts(await names.ConfigureAwait(false), IfOids.IfName),
            Texts(await descrs.ConfigureAwait(false), IfOids.IfDescr));
    }

    /// <summary>The ifIndex of the interface called <paramref name="name"/>, or null.</summary>
    public uint? Find(string name) => FirstIndex(IfName, name) ?? FirstIndex(IfDescr, name);

    private static uint? FirstIndex(IReadOnlyDictionary<uint, string> column, string text)
    {
        uint? best = null;
        foreach (var (index, value) in column)
        {
            if (value == text && (best is null || index < best))
            {
                best = index;
            }
        }

        return best;
    }

    private static Dictionary<uint, string> Texts(IReadOnlyList<SnmpVarBind> column, Oid prefix)
    {
        var texts = new Dictionary<uint, string>(column.Count);
        foreach (var vb in column)
        {
            if (vb.Value.Type == SnmpType.OctetString && vb.Oid.TryGetSuffix(prefix, out var index))
            {
                texts[index] = vb.Value.Text;
            }
        }

        return texts;
    }
}
