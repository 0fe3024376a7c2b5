using System.Globalization;
using Fathom.Core.Measurements;
using static Fathom.Archive.Tests.Data;

namespace Fathom.Archive.Tests;

/// <summary>
/// The child of the kill -9 test: writes batches to an archive forever and prints the number of
/// time steps committed after each commit, until it is killed.
/// </summary>
internal static class KillTarget
{
    public const string Verb = "kill-target";
    public const int Series = 100;
    public const int StepsPerBatch = 3;

    /// <summary>Each round writes from its own base time, an hour after the previous round's.</summary>
    public static long BaseTime(int round) => T0 + (round * 3600 * Second);

    public static SeriesKey KeyOf(int series) => Key("kill", "ms", ("target", series.ToString("D3", CultureInfo.InvariantCulture)));

    public static int Run(string path, int round)
    {
        var keys = Enumerable.Range(0, Series).Select(KeyOf).ToArray();
        var batch = new Measurement[Series * StepsPerBatch];
        using var archive = new SqliteArchive(path);
        for (var step = 0; ; step += StepsPerBatch)
        {
            var n = 0;
            for (var s = step; s < step + StepsPerBatch; s++)
            {
                foreach (var key in keys)
                {
                    batch[n++] = Point(key, BaseTime(round) + (s * Second), s);
                }
            }

            archive.WriteBatch(batch);
            Console.Out.WriteLine((step + StepsPerBatch).ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }
    }
}
