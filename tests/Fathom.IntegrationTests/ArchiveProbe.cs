using System.Diagnostics;
using System.Globalization;

namespace Fathom.IntegrationTests;

/// <summary>Reads an archive with the sqlite3 command-line tool, independent of Fathom's own reader.</summary>
internal static class ArchiveProbe
{
    public static long Points(string archive, string seriesName, string? collector = null)
    {
        if (!File.Exists(archive))
        {
            return 0;
        }

        var filter = collector is null ? "" : $" AND s.tags LIKE '%\"collector\":\"{collector}\"%'";
        var text = Sql(archive, $"SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id WHERE s.name = '{seriesName}'{filter};");
        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
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
