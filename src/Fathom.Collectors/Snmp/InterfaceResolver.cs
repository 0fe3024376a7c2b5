using Fathom.Collectors.Common.Snmp;

namespace Fathom.Collectors.Snmp;

/// <summary>
/// Finds a configured interface in the agent's tables: an ifIndex as given; a name through
/// <see cref="InterfaceNames.Find"/> (ifName first, then ifDescr, lowest ifIndex first).
/// </summary>
internal static class InterfaceResolver
{
    /// <summary>The interface's index, its name (ifName when the agent has one, else ifDescr) and the column that name came from; null when not found.</summary>
    public static (uint Index, string Name, IfField NameField)? Resolve(InterfaceSpec spec, InterfaceNames names)
    {
        if ((spec.Index ?? names.Find(spec.Text)) is not { } i)
        {
            return null;
        }

        if (names.IfName.TryGetValue(i, out var name) && name.Length > 0)
        {
            return (i, name, IfField.Name);
        }

        return names.IfDescr.TryGetValue(i, out var descr) ? (i, descr, IfField.Descr) : null;
    }
}
