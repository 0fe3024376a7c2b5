/*
 * PCP side of bench/timer-registry.sh: libpcp_web's pmWebTimerRegister/pmWebTimerRelease
 * (timer.c) measured the same way as Fathom's TimerRegistry (bench/Fathom.Benchmarks).
 *
 *   pcp-timer-bench regrel   N OPS RUNS   release a random live handle + register a new one
 *   pcp-timer-bench dispatch N TICKS      per-callback cost of one real 1 s tick, N no-op callbacks
 *   pcp-timer-bench metrics  TICKS        one real tick with only pmWebTimerSetMetricRegistry's refresh
 *   pcp-timer-bench replica  OPS RUNS     the body of server_metrics_refresh (static in timer.c),
 *                                         retyped with the same libpcp/libpcp_mmv calls, in a loop
 *
 * Output: one "RESULT key=value ..." line per measurement (median over runs/ticks, plus min/max).
 * The random indices come from splitmix64 with seed 42, as in the C# harness, and are generated
 * before the clock starts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <uv.h>
#include <pcp/pmapi.h>
#include <pcp/pmwebapi.h>
#include <pcp/mmv_stats.h>

/* exported by libpcp.so.3 (PCP_3.0) but declared only in PCP's private libpcp.h */
extern int __pmProcessDataSize(unsigned long *);
extern int __pmProcessRunTimes(double *, double *);

static uv_loop_t *loop;

static inline uint64_t
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t
splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void
report(const char *what, long n, double *v, int count, const char *extra)
{
    qsort(v, count, sizeof(double), cmp_double);
    double median = (count % 2) ? v[count / 2] : (v[count / 2 - 1] + v[count / 2]) / 2;
    printf("RESULT side=pcp bench=%s n=%ld median_ns=%.2f min_ns=%.2f max_ns=%.2f samples=%d%s%s\n",
           what, n, median, v[0], v[count - 1], count, extra ? " " : "", extra ? extra : "");
    fflush(stdout);
}

static void noop(void *data) { (void)data; }

static volatile uint64_t stamp_first, stamp_last;
static void stamp_first_cb(void *data) { (void)data; stamp_first = now_ns(); }
static void stamp_last_cb(void *data) { (void)data; stamp_last = now_ns(); }

static void
must(int sts, const char *what)
{
    if (sts < 0) {
        fprintf(stderr, "pcp-timer-bench: %s: %s\n", what, strerror(-sts));
        exit(1);
    }
}

/* Benchmark 1: with N live timers, release a random live handle and register a new one. */
static void
bench_regrel(long n, long ops, int runs)
{
    int *handles = malloc(sizeof(int) * n);
    uint32_t *idx = malloc(sizeof(uint32_t) * ops);
    double *results = malloc(sizeof(double) * runs);
    uint64_t rng = 42;

    for (long i = 0; i < ops; i++)
        idx[i] = (uint32_t)((splitmix64(&rng) >> 32) % (uint64_t)n);
    for (long i = 0; i < n; i++)
        must(handles[i] = pmWebTimerRegister(noop, NULL), "register");

    for (int r = -1; r < runs; r++) {   /* run -1 is the warm-up */
        uint64_t t0 = now_ns();
        for (long i = 0; i < ops; i++) {
            uint32_t k = idx[i];
            if (pmWebTimerRelease(handles[k]) != 0) {
                fprintf(stderr, "pcp-timer-bench: release %d failed\n", handles[k]);
                exit(1);
            }
            handles[k] = pmWebTimerRegister(noop, NULL);
        }
        uint64_t t1 = now_ns();
        if (r >= 0)
            results[r] = (double)(t1 - t0) / (double)ops;
    }
    char extra[64];
    snprintf(extra, sizeof extra, "ops_per_run=%ld", ops);
    report("regrel", n, results, runs, extra);
    pmWebTimerClose();      /* frees the list in one pass (releasing one by one is O(N^2)) */
    free(handles); free(idx); free(results);
}

/*
 * Benchmarks 2 and 3: real ticks of PCP's own uv timer (1 s period). The list is LIFO, so
 * registering the last-stamp first and the first-stamp last brackets exactly the callbacks in
 * between: (last - first) is the time timer_worker spends walking and calling them.
 * The first tick is a warm-up and is not counted.
 */
static void
run_ticks(const char *what, long n, int ticks)
{
    double *results = malloc(sizeof(double) * ticks);
    for (int t = -1; t < ticks; t++) {
        stamp_first = stamp_last = 0;
        uv_run(loop, UV_RUN_ONCE);  /* blocks until the 1 s timer fires once */
        if (stamp_first == 0 || stamp_last < stamp_first) {
            fprintf(stderr, "pcp-timer-bench: tick did not run the callbacks\n");
            exit(1);
        }
        if (t >= 0)
            results[t] = (double)(stamp_last - stamp_first);
    }
    report(what, n, results, ticks, NULL);
    free(results);
}

static void
bench_dispatch(long n, int ticks)
{
    must(pmWebTimerRegister(stamp_last_cb, NULL), "register");
    for (long i = 0; i < n; i++)
        must(pmWebTimerRegister(noop, NULL), "register");
    must(pmWebTimerRegister(stamp_first_cb, NULL), "register");
    run_ticks("dispatch_tick", n, ticks);
    pmWebTimerClose();
}

static mmv_registry_t *
make_registry(const char *name)
{
    mmv_registry_t *registry = mmv_stats_registry(name, 379, 0);
    if (registry == NULL) {
        fprintf(stderr, "pcp-timer-bench: mmv_stats_registry failed (PCP_TMP_DIR=%s)\n",
                getenv("PCP_TMP_DIR") ? getenv("PCP_TMP_DIR") : "(unset)");
        exit(1);
    }
    return registry;
}

static void
bench_metrics(int ticks)
{
    must(pmWebTimerRegister(stamp_last_cb, NULL), "register");
    must(pmWebTimerSetMetricRegistry(make_registry("pcptimerbench")), "pmWebTimerSetMetricRegistry");
    must(pmWebTimerRegister(stamp_first_cb, NULL), "register");
    run_ticks("metrics_tick", 1, ticks);
    pmWebTimerClose();
}

/* server_metrics_refresh's body (timer.c, PCP 6.0.3) with the same calls, looped for many samples. */
static pmAtomValue *replica_metrics[6];

static void
replica_refresh(void *map)
{
    double usr, sys;
    unsigned long long datasz = 0;
    struct rusage usage = {0};

    (void)getrusage(RUSAGE_SELF, &usage);
    __pmProcessDataSize((unsigned long *)&datasz);
    __pmProcessRunTimes(&usr, &sys);
    usr *= 1000.0;
    sys *= 1000.0;
    mmv_set_value(map, replica_metrics[1], usr);
    mmv_set_value(map, replica_metrics[2], sys);
    mmv_set_value(map, replica_metrics[3], usr + sys);
    mmv_set(map, replica_metrics[4], &usage.ru_maxrss);
    mmv_set(map, replica_metrics[5], &datasz);
}

static void
bench_replica(long ops, int runs)
{
    static const char *names[] = { "pid", "cpu.user", "cpu.sys", "cpu.total", "mem.maxrss", "mem.datasz" };
    pmUnits none = MMV_UNITS(0, 0, 0, 0, 0, 0);
    mmv_registry_t *registry = make_registry("pcptimerreplica");
    for (int i = 0; i < 6; i++)
        mmv_stats_add_metric(registry, names[i], i, i == 0 ? MMV_TYPE_U32 : MMV_TYPE_U64,
                             i == 0 ? MMV_SEM_DISCRETE : MMV_SEM_COUNTER, none, MMV_INDOM_NULL, "", "");
    void *map = mmv_stats_start(registry);
    if (map == NULL) {
        fprintf(stderr, "pcp-timer-bench: mmv_stats_start failed\n");
        exit(1);
    }
    for (int i = 0; i < 6; i++)
        replica_metrics[i] = mmv_lookup_value_desc(map, names[i], NULL);

    double *results = malloc(sizeof(double) * runs);
    for (int r = -1; r < runs; r++) {
        uint64_t t0 = now_ns();
        for (long i = 0; i < ops; i++)
            replica_refresh(map);
        uint64_t t1 = now_ns();
        if (r >= 0)
            results[r] = (double)(t1 - t0) / (double)ops;
    }
    char extra[64];
    snprintf(extra, sizeof extra, "ops_per_run=%ld", ops);
    report("metrics_replica", 1, results, runs, extra);
    free(results);
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s regrel N OPS RUNS | dispatch N TICKS | metrics TICKS | replica OPS RUNS\n", argv[0]);
        return 2;
    }
    loop = uv_default_loop();
    pmWebTimerSetup();
    pmWebTimerSetEventLoop(loop);   /* Register starts PCP's uv timer on this loop */

    if (strcmp(argv[1], "regrel") == 0 && argc == 5)
        bench_regrel(atol(argv[2]), atol(argv[3]), atoi(argv[4]));
    else if (strcmp(argv[1], "dispatch") == 0 && argc == 4)
        bench_dispatch(atol(argv[2]), atoi(argv[3]));
    else if (strcmp(argv[1], "metrics") == 0 && argc == 3)
        bench_metrics(atoi(argv[2]));
    else if (strcmp(argv[1], "replica") == 0 && argc == 4)
        bench_replica(atol(argv[2]), atoi(argv[3]));
    else {
        fprintf(stderr, "pcp-timer-bench: bad arguments\n");
        return 2;
    }
    return 0;
}
