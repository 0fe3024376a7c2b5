namespace Fathom.Pcp.Mmv;

/// <summary>A v3 label: PM_LABEL_* flags, the cluster/item/indom it applies to, the instance (or -1) and its JSON name:value.</summary>
public sealed record MmvLabel(uint Flags, uint Identity, int Instance, string Payload);
