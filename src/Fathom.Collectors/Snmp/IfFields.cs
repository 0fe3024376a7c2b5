using Fathom.Collectors.Common.Snmp;

namespace Fathom.Collectors.Snmp;

/// <summary>Which column each <see cref="IfField"/> is, and which fields a poll asks for.</summary>
internal static class IfFields
{
    public const int Count = (int)IfField.Speed + 1;

    private static readonly Oid[] Columns =
    [
        IfOids.IfName, IfOids.IfDescr, IfOids.IfHCInOctets, IfOids.IfHCOutOctets, IfOids.IfInOctets, IfOids.IfOutOctets,
        IfOids.IfInErrors, IfOids.IfOutErrors, IfOids.IfInDiscards, IfOids.IfOutDiscards, IfOids.IfOperStatus,
        IfOids.IfAdminStatus, IfOids.IfHighSpeed, IfOids.IfSpeed,
    ];

    public static Oid Column(IfField field) => Columns[(int)field];

    /// <summary>
    /// The fields to read: 64-bit octet counters and ifHighSpeed unless the agent is known to lack
    /// them, their 32-bit fallbacks unless it is known to have them; the name column only when asked.
    /// </summary>
    public static void Select(List<IfField> into, bool? hasHc, bool? hasHighSpeed, IfField? nameField)
    {
        if (nameField is { } n)
        {
            into.Add(n);
        }

        if (hasHc != false)
        {
            into.Add(IfField.HcInOctets);
            into.Add(IfField.HcOutOctets);
        }

        if (hasHc != true)
        {
            into.Add(IfField.InOctets);
            into.Add(IfField.OutOctets);
        }

        into.AddRange([IfField.InErrors, IfField.OutErrors, IfField.InDiscards, IfField.OutDiscards, IfField.OperStatus, IfField.AdminStatus]);
        if (hasHighSpeed != false)
        {
            into.Add(IfField.HighSpeed);
        }

        if (hasHighSpeed != true)
        {
            into.Add(IfField.Speed);
        }
    }
}
