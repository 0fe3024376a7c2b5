namespace Fathom.Pcp.Mmv;

/// <summary>Sizes, offsets and codes of the on-disk MMV layout (mmv(5), pcp/mmv_dev.h); all little-endian.</summary>
internal static class MmvFormat
{
    public const int HeaderSize = 40;
    public const int TocSize = 16;
    public const int IndomSize = 32;
    public const int Instance1Size = 80;
    public const int Instance2Size = 24;
    public const int Metric1Size = 104;
    public const int Metric2Size = 48;
    public const int ValueSize = 32;
    public const int StringSize = 256;
    public const int LabelSize = 256;

    /// <summary>v1 metric and instance names live in fixed fields of this size, NUL included.</summary>
    public const int NameMax = 64;

    /// <summary>A label's JSON payload field, NUL included.</summary>
    public const int LabelMax = 244;

    public const int Version1 = 1;
    public const int Version2 = 2;
    public const int Version3 = 3;

    public const int TocIndoms = 1;
    public const int TocInstances = 2;
    public const int TocMetrics = 3;
    public const int TocValues = 4;
    public const int TocStrings = 5;
    public const int TocLabels = 6;

    /// <summary>PM_INDOM_NULL: the metric has no instance domain.</summary>
    public const uint IndomNull = 0xFFFFFFFF;

    /// <summary>Cluster ids are 12 bits of the PMID.</summary>
    public const int MaxCluster = (1 << 12) - 1;

    // Header field offsets.
    public const int MagicOffset = 0;
    public const int VersionOffset = 4;
    public const int Generation1Offset = 8;
    public const int Generation2Offset = 16;
    public const int TocCountOffset = 24;
    public const int FlagsOffset = 28;
    public const int ProcessOffset = 32;
    public const int ClusterOffset = 36;

    /// <summary>"MMV\0" read as a little-endian 32-bit word.</summary>
    public const uint Magic = 0x00564D4D;
}
