namespace Fathom.Collectors.Snmp;

/// <summary>
/// Finds a configured interface in the agent's tables: an ifIndex as given; a name through
/// ifName first, then ifDescr (older agents have no ifXTable), lowest ifIndex first.
/// </summary>
internal static class InterfaceResolver
{
    /// <summary>The interface's index, its name (ifName when the agent has one, else ifDescr) and the column that name came from; null when not found.</summary>
    public static (uint Index, string Name, IfField NameField)? Resolve(
        InterfaceSpec spec, IReadOnlyDictionary<uint, string> ifName, IReadOnlyDictionary<uint, string> ifDescr)
    {
        uint? index = spec.Index;
        if (index is null)
        {
            index = Find(ifName, spec.Text) ?? Find(ifDescr, spec.Text);
        }

        if (index is not { } i)
        {
            return null;
        }

        if (ifName.TryGetValue(i, out var name) && name.Length > 0)
        {
            return (i, name, IfField.Name);
        }

        return ifDescr.TryGetValue(i, out var descr) ? (i, descr, IfField.Descr) : null;
    }

    private static uint? Find(IReadOnlyDictionary<uint, string> column, string text)
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
}
