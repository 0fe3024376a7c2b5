namespace Fathom.IntegrationTests;

/// <summary>Reads back the points the daemon under test stored, with their times and values.</summary>
internal static class StoredPoints
{
    /// <summary>Every stored point of a series name and collector, by time; empty when none.</summary>
    public static IReadOnlyList<(long TimeNs, double Value)> Of(string archive, string seriesName, string collector)
    {
        using var reader = Fathom.Archive.ArchiveReader.Open(archive);
        return reader.Query(seriesName, [new("collector", collector)], long.MinValue, long.MaxValue)
            .SelectMany(s => s.Points)
            .Select(p => (p.TimeNs, p.Value))
            .OrderBy(p => p.TimeNs)
            .ToList();
    }
}
