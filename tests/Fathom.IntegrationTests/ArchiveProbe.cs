using System.Diagnostics;
using System.Globalization;

namespace Fathom.IntegrationTests;

/// <summary>Reads an archive with the sqlite3 command-line tool, independent of Fathom's own reader.</summary>
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
        catch (Fathom.Archive.ArchiveException)
        {
            return 0; // not created yet, or the schema is still being written
        }
    }

    public static string Sql(string archive, string sql)
    {
        var info = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-readonly");
        info.ArgumentList.Add(archive);
        info.ArgumentList.Add(sql);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
