using Fathom.Core.Storage;

namespace Fathom.IntegrationTests;

/// <summary>Counts what the daemon under test stored, through Fathom's archive reader.</summary>
internal static class ArchiveProbe
{
    /// <summary>Points stored for a series name (and collector), read with Fathom's own archive reader.</summary>
    public static long Points(string archive, string seriesName, string? collector = null)
    {
        if (!File.Exists(archive))
        {
            return 0;
        }

        try
        {
            using var reader = Fathom.Archive.ArchiveReader.Open(archive);
            return reader.ListSeries(seriesName)
                .Where(s => collector is null || s.Key.Tag("collector") == collector)
                .Sum(s => s.PointCount);
        }
        catch (Fathom.Core.Storage.ArchiveException)
        {
            return 0; // not created yet, or the schema is still being written
        }
    }
}
