using Fathom.Archive.Sqlite;
using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>The whole-archive check: one series at a time, so memory stays bounded.</summary>
internal sealed partial class ArchiveReader
{
    /// <summary>
    /// Runs SQLite's integrity check, decodes every point of every series (the block reader
    /// validates each block against its row) and compares the 1 h and 1 d summaries with the raw
    /// points they summarise; every problem found is listed, none when sound.
    /// </summary>
    public override ArchiveCheckReport Check()
    {
        var problems = new List<string>();
        try
        {
            using var integrity = _connection.Prepare("PRAGMA integrity_check");
            while (integrity.Step())
            {
                // A row may hold several lines under a "*** in database main ***" heading.
                foreach (var line in (integrity.Text(0) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (line is not ("ok" or "*** in database main ***"))
                    {
                        problems.Add($"integrity check: {line}");
                    }
                }
            }
        }
        catch (SqliteException e)
        {
            problems.Add($"integrity check: {e.SqliteMessage}");
        }

        long series = 0, points = 0, events = 0, status = 0;
        try
        {
            InSnapshot(() =>
            {
                var all = AllSeries();
                series = all.Count;
                try
                {
                    Points.BeginSnapshot(null);
                }
                catch (ArchiveException e) when (e is not SqliteException)
                {
                    problems.Add(e.Message);
                }

                var buffer = new List<TimePoint>();
                foreach (var (id, key) in all)
                {
                    points += CheckSeries(id, key, buffer, problems);
                }

                events = _connection.ScalarInt64("SELECT count(*) FROM events");
                status = _connection.ScalarInt64("SELECT count(*) FROM status");
                var backwards = _connection.ScalarInt64("SELECT count(*) FROM status WHERE end_ns < start_ns");
                if (backwards > 0)
                {
                    problems.Add($"{backwards} status ranges end before they start");
                }
            });
        }
        catch (SqliteException e)
        {
            // Damage bad enough to stop reading; the counts so far stand, the rest is unknown.
            problems.Add($"reading stopped: {e.SqliteMessage}");
        }

        return new ArchiveCheckReport(series, points, events, status, problems) { SizeBytes = ArchiveCompaction.SizeOf(Path) };
    }

    private static bool ContainsAll(IReadOnlyList<KeyValuePair<string, string>> have, IReadOnlyList<KeyValuePair<string, string>> wanted)
    {
        foreach (var tag in wanted)
        {
            if (!have.Any(h => h.Key == tag.Key && h.Value == tag.Value))
            {
                return false;
            }
        }

        return true;
    }

    // Returns the points decoded; a bad series is reported and the check goes on with the next.
    private long CheckSeries(long id, SeriesKey key, List<TimePoint> buffer, List<string> problems)
    {
        buffer.Clear();
        try
        {
            Points.ReadRange(id, long.MinValue, long.MaxValue, buffer);
            var (count, _, _) = Points.Stats(id);
            if (count != buffer.Count)
            {
                problems.Add($"series {key.Canonical}: its rows count {count} points, decoding gives {buffer.Count}");
            }

            for (var i = 1; i < buffer.Count; i++)
            {
                if (buffer[i].TimeNs < buffer[i - 1].TimeNs)
                {
                    problems.Add($"series {key.Canonical}: points out of time order at {buffer[i].TimeNs}");
                    break;
                }
            }

            CheckSummaries(id, key.Canonical, buffer, problems);
        }
        catch (Exception e) when (e is ArchiveException or SqliteException)
        {
            problems.Add($"series {key.Canonical}: {e.Message}");
        }

        return buffer.Count;
    }
}
