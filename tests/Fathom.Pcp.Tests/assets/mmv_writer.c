/*
 * Test helper for Fathom.Pcp.Tests: writes an MMV file with the real libpcp_mmv so our
 * reader can be checked against PCP's own writer.
 *
 * Usage: mmv_writer NAME [labels]
 * (label values are JSON: strings carry their quotes)
 *   The file is $PCP_TMP_DIR/mmv/NAME (the test points PCP_TMP_DIR at a temp folder).
 *   "labels" adds a long (> 63 byte) metric name and labels, so libpcp_mmv writes a v3 file;
 *   without it the library picks the v1 layout.
 * Prints "ready" once all values are set, then exits (the file stays).
 */
#include <pcp/pmapi.h>
#include <pcp/mmv_stats.h>
#include <stdio.h>
#include <string.h>

#define CLUSTER 123
#define INDOM 7
#define LONG_NAME "a.really.long.metric.name.that.does.not.fit.in.the.sixty.four.byte.v1.field"

static int
check(int sts, const char *what)
{
    if (sts != 0) {
	fprintf(stderr, "mmv_writer: %s failed: %s\n", what, strerror(sts < 0 ? -sts : sts));
	exit(1);
    }
    return sts;
}

/* libpcp_mmv 6.0.3 returns -1 from mmv_stats_add_instance even on success, so its result is
 * not checked; lookup() below fails if an instance is really missing. */
static void
add_instance(mmv_registry_t *reg, int serial, int id, const char *name)
{
    (void)mmv_stats_add_instance(reg, serial, id, name);
}

static pmAtomValue *
lookup(void *base, const char *metric, const char *inst)
{
    pmAtomValue *v = mmv_lookup_value_desc(base, metric, inst);
    if (v == NULL) {
	fprintf(stderr, "mmv_writer: no value for %s[%s]\n", metric, inst ? inst : "");
	exit(1);
    }
    return v;
}

int
main(int argc, char **argv)
{
    mmv_registry_t *reg;
    void *base;
    pmAtomValue atom;
    int labels = argc > 2 && strcmp(argv[2], "labels") == 0;
    pmUnits none = MMV_UNITS(0,0,0,0,0,0);
    pmUnits count = MMV_UNITS(0,0,1,0,0,PM_COUNT_ONE);
    pmUnits kbyte = MMV_UNITS(1,0,0,PM_SPACE_KBYTE,0,0);
    pmUnits msec = MMV_UNITS(0,1,0,0,PM_TIME_MSEC,0);

    if (argc < 2) {
	fprintf(stderr, "Usage: %s NAME [labels]\n", argv[0]);
	return 1;
    }
    if ((reg = mmv_stats_registry(argv[1], CLUSTER, 0)) == NULL) {
	perror("mmv_stats_registry");
	return 1;
    }

    check(mmv_stats_add_indom(reg, INDOM, "Test workers", "The three workers of the test program"), "add_indom");
    add_instance(reg, INDOM, 0, "alpha");
    add_instance(reg, INDOM, 1, "beta");
    add_instance(reg, INDOM, 2, "gamma");

    check(mmv_stats_add_metric(reg, "requests", 1, MMV_TYPE_U32, MMV_SEM_COUNTER, count,
	    PM_INDOM_NULL, "Requests served", "Requests served since start, a counter"), "add requests");
    check(mmv_stats_add_metric(reg, "traffic", 2, MMV_TYPE_U64, MMV_SEM_COUNTER, kbyte,
	    PM_INDOM_NULL, "Traffic in KB", "Kilobytes moved since start"), "add traffic");
    check(mmv_stats_add_metric(reg, "offset", 3, MMV_TYPE_I64, MMV_SEM_INSTANT, none,
	    PM_INDOM_NULL, "A signed 64-bit value", ""), "add offset");
    check(mmv_stats_add_metric(reg, "load", 4, MMV_TYPE_DOUBLE, MMV_SEM_INSTANT, none,
	    PM_INDOM_NULL, "", ""), "add load");
    check(mmv_stats_add_metric(reg, "version", 5, MMV_TYPE_STRING, MMV_SEM_DISCRETE, none,
	    PM_INDOM_NULL, "Version string", "The version of the test program"), "add version");
    check(mmv_stats_add_metric(reg, "latency", 6, MMV_TYPE_I32, MMV_SEM_INSTANT, msec,
	    INDOM, "Latency per worker", "Last latency of each worker in milliseconds"), "add latency");
    check(mmv_stats_add_metric(reg, "ratio", 7, MMV_TYPE_FLOAT, MMV_SEM_INSTANT, none,
	    PM_INDOM_NULL, "A float", ""), "add ratio");
    if (labels) {
	check(mmv_stats_add_metric(reg, LONG_NAME, 8, MMV_TYPE_U32, MMV_SEM_INSTANT, none,
		PM_INDOM_NULL, "Long name", ""), "add long");
	check(mmv_stats_add_registry_label(reg, "app", "\"mmv_writer\"", MMV_STRING_TYPE, 0), "registry label");
	check(mmv_stats_add_metric_label(reg, 6, "unit", "\"ms\"", MMV_STRING_TYPE, 0), "metric label");
	check(mmv_stats_add_instance_label(reg, INDOM, 1, "role", "\"backup\"", MMV_STRING_TYPE, 1), "instance label");
	check(mmv_stats_add_registry_label(reg, "answer", "42", MMV_NUMBER_TYPE, 0), "number label");
    }

    if ((base = mmv_stats_start(reg)) == NULL) {
	perror("mmv_stats_start");
	return 1;
    }

    mmv_set_value(base, lookup(base, "requests", NULL), 4000000000.0);
    atom.ull = 18000000000000000000ULL;
    mmv_set_atomvalue(base, lookup(base, "traffic", NULL), &atom);
    atom.ll = -1234567890123LL;
    mmv_set_atomvalue(base, lookup(base, "offset", NULL), &atom);
    mmv_set_value(base, lookup(base, "load", NULL), 3.25);
    mmv_set_string(base, lookup(base, "version", NULL), "mmv_writer 1.0", strlen("mmv_writer 1.0"));
    mmv_set_value(base, lookup(base, "latency", "alpha"), -5);
    mmv_set_value(base, lookup(base, "latency", "beta"), 0);
    mmv_set_value(base, lookup(base, "latency", "gamma"), 42);
    mmv_set_value(base, lookup(base, "ratio", NULL), 0.5);
    if (labels)
	mmv_set_value(base, lookup(base, LONG_NAME, NULL), 77);

    printf("ready\n");
    fflush(stdout);
    return 0;
}
