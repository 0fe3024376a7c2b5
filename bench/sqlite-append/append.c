/* The SQLite append limit: (series, time, value) rows written in time order over N series,
 * 10,000 rows per transaction, WAL, synchronous=NORMAL, one prepared INSERT.
 *   append <db> <rowid|keyed> <series> <seconds>
 * rowid: a plain rowid table (the append limit); keyed: (series, time) PRIMARY KEY WITHOUT ROWID
 * (the row-per-point layout of Fathom's archive schema version 1).
 * Prints: layout, points, seconds, points/s, bytes on disk (after a TRUNCATE checkpoint), bytes/point. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void check(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s <db> <rowid|keyed> <series> <seconds>\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    int keyed = strcmp(argv[2], "keyed") == 0;
    long series = atol(argv[3]);
    double seconds = atof(argv[4]);
    sqlite3 *db;
    check(sqlite3_open(path, &db), db, "open");
    check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", 0, 0, 0), db, "pragma");
    check(sqlite3_exec(db, keyed
        ? "CREATE TABLE points(series_id INTEGER NOT NULL, time_ns INTEGER NOT NULL, value REAL, PRIMARY KEY(series_id, time_ns)) WITHOUT ROWID"
        : "CREATE TABLE points(series_id INTEGER NOT NULL, time_ns INTEGER NOT NULL, value REAL)", 0, 0, 0), db, "create");
    sqlite3_stmt *insert;
    check(sqlite3_prepare_v2(db, "INSERT INTO points(series_id, time_ns, value) VALUES(?1, ?2, ?3)", -1, &insert, 0), db, "prepare");

    const long long t0 = 1795255200LL * 1000000000LL, step = 10LL * 1000000000LL;
    long long points = 0;
    double start = now(), elapsed = 0;
    for (long long round = 0; elapsed < seconds; round++) {
        for (long s = 1; s <= series; s++) {
            if (points % 10000 == 0) {
                if (points > 0) check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");
                check(sqlite3_exec(db, "BEGIN", 0, 0, 0), db, "begin");
            }
            sqlite3_bind_int64(insert, 1, s);
            sqlite3_bind_int64(insert, 2, t0 + round * step);
            sqlite3_bind_double(insert, 3, (double)((round * 7 + s) % 1000));
            check(sqlite3_step(insert), db, "insert");
            sqlite3_reset(insert);
            points++;
        }
        elapsed = now() - start;
    }
    check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");
    elapsed = now() - start;
    check(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", 0, 0, 0), db, "checkpoint");
    sqlite3_finalize(insert);
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", path);
    long long bytes = file_size(path) + file_size(wal);
    sqlite3_close(db);
    printf("%s points=%lld seconds=%.1f points_per_s=%.0f bytes=%lld bytes_per_point=%.2f\n",
           keyed ? "keyed" : "rowid", points, elapsed, points / elapsed, bytes, (double)bytes / points);
    return 0;
}
