using Fathom.Archive.Files;
using Fathom.Archive.Sqlite;
using Fathom.Core.Storage;

namespace Fathom.Archive;

/// <summary>
/// Shrinks an archive file: checkpoints the WAL into the database, VACUUMs, and truncates the WAL.
/// Refused with <see cref="ArchiveInUseException"/> while a writer (fathomd) holds the archive's
/// lock, which compaction takes itself meanwhile, or while another connection holds SQLite's lock
/// past the busy timeout; the message says who and ends where "; stop it and try again" may follow.
/// </summary>
internal static class ArchiveCompaction
{
    /// <summary>Compacts the archive at <paramref name="path"/>; returns its size (file plus WAL) before and after.</summary>
    public static (long Before, long After) Run(string path, TimeSpan busyTimeout)
    {
        // The read-only open refuses a missing or foreign file, so the read-write open below never creates one.
        string full;
        using (var reader = ArchiveReader.Open(path))
        {
            full = reader.Path;
        }

        ArchiveLock writerLock;
        try
        {
            writerLock = ArchiveLock.Acquire(full);
        }
        catch (ArchiveInUseException e)
        {
            throw new ArchiveInUseException($"{e.Message} (a running fathomd)", e);
        }

        using (writerLock)
        {
            var before = SizeOf(full);
            try
            {
                using var connection = SqliteConnection.Open(full, readOnly: false, busyTimeout);
                Checkpoint(connection);
                connection.Execute("VACUUM");

                // VACUUM in WAL mode writes the new pages to the WAL; the file shrinks only when they are copied back.
                Checkpoint(connection);
            }
            catch (SqliteException e) when (e.PrimaryCode == SqliteCodes.Busy)
            {
                throw new ArchiveInUseException($"{full} is in use by another process (is fathomd writing to it?)", e);
            }

            return (before, SizeOf(full));
        }
    }

    /// <summary>The database file plus its WAL, if any.</summary>
    public static long SizeOf(string path)
    {
        var wal = new FileInfo(path + "-wal");
        return new FileInfo(path).Length + (wal.Exists ? wal.Length : 0);
    }

    private static void Checkpoint(SqliteConnection connection)
    {
        using var checkpoint = connection.Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
        if (checkpoint.Step() && checkpoint.Int64(0) != 0)
        {
            throw new SqliteException(connection.Path, SqliteCodes.Busy, "the WAL could not be checkpointed: another connection is using the archive");
        }
    }
}
