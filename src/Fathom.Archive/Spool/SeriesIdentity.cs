using Fathom.Core.Measurements;

namespace Fathom.Archive.Spool;

/// <summary>Series keys as the spool must keep them: same canonical text and same unit (SeriesKey's own equality ignores the unit).</summary>
internal sealed class SeriesIdentity : IEqualityComparer<SeriesKey>
{
    public static SeriesIdentity Instance { get; } = new();

    public bool Equals(SeriesKey? x, SeriesKey? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Equals(y) && x.Unit == y.Unit);

    public int GetHashCode(SeriesKey obj) => obj.GetHashCode();
}
