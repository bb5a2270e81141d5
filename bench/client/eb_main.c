/*
 * eb_main.c: `ember-bench` entry point and the `tpch` subcommand: load the tables, then run the
 * driver's queries one by one (the driver alternates them with DuckDB's), each as PySpark runs
 * spark.sql(text).collect(): ExecutePlan(sql_command), then ExecutePlan of the returned
 * relation, every row fetched. A query that runs past --timeout seconds is interrupted
 * (Interrupt OPERATION_ID) and reported as failed with its error class.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/em_mem.h"
#include "eb.h"

double eb_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *eb_opt(int argc, char **argv, const char *name)
{
    for (int a_idx = 1; a_idx + 1 < argc; a_idx++)
        if (strcmp(argv[a_idx], name) == 0)
            return argv[a_idx + 1];
    return NULL;
}

/* A one-line copy of text (tabs and newlines become spaces) for the driver protocol. */
static void eb_one_line(char *dst, size_t cap, const char *src)
{
    size_t n = 0;
    for (; src && *src && n + 1 < cap; src++)
        dst[n++] = (*src == '\n' || *src == '\t' || *src == '\r') ? ' ' : *src;
    dst[n] = '\0';
}

static char *eb_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = len >= 0 ? em_malloc((size_t)len + 1) : NULL;
    if (text) {
        size_t got = fread(text, 1, (size_t)len, f);
        text[got] = '\0';
    }
    fclose(f);
    return text;
}

double eb_proc_mib(int pid, const char *key)
{
    char path[64], line[256];
    if (pid > 0)
        snprintf(path, sizeof path, "/proc/%d/status", pid);
    else
        snprintf(path, sizeof path, "/proc/self/status");
    FILE *f = fopen(path, "r");
    double mib = -1;
    size_t key_len = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, key_len) == 0 && line[key_len] == ':')
            mib = (double)atoll(line + key_len + 1) / 1024.0;
    if (f)
        fclose(f);
    return mib;
}

/*
 * The watchdog of one query. Every 50 ms it checks the deadline and the server's RSS; past
 * either it interrupts the operation (Interrupt OPERATION_ID) and records why. A server that
 * is still running kill_after seconds after the interrupt (or, with the default, still above the
 * RSS cap 10 s after it) is killed (SIGKILL to the pid the driver started), so a runaway query
 * can never push the machine into the kernel's OOM killer nor stall the run.
 */
typedef struct eb_watch {
    ember_session *s;
    char op_id[64];
    double timeout;
    int server_pid;
    double max_rss_mib;
    double kill_after; /* seconds after the interrupt */
    bool done;
    const char *fired; /* NULL, "TIMEOUT", "MEMORY_LIMIT" */
    bool killed;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} eb_watch;

static void *eb_watch_main(void *arg)
{
    eb_watch *w = arg;
    double t0 = eb_now(), fired_at = 0;
    pthread_mutex_lock(&w->mu);
    while (!w->done) {
        struct timespec tick;
        clock_gettime(CLOCK_REALTIME, &tick);
        tick.tv_nsec += 50 * 1000 * 1000;
        if (tick.tv_nsec >= 1000000000) {
            tick.tv_sec++;
            tick.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&w->cv, &w->mu, &tick);
        if (w->done)
            break;
        double rss = w->server_pid > 0 ? eb_proc_mib(w->server_pid, "VmRSS") : -1;
        const char *why = NULL;
        if (w->timeout > 0 && eb_now() - t0 > w->timeout)
            why = "TIMEOUT";
        else if (w->max_rss_mib > 0 && rss > w->max_rss_mib)
            why = "MEMORY_LIMIT";
        if (why && !w->fired) {
            w->fired = why;
            fired_at = eb_now();
            pthread_mutex_unlock(&w->mu);
            ember_interrupt_operation(w->s, w->op_id, NULL, NULL, NULL);
            pthread_mutex_lock(&w->mu);
        } else if (w->fired && !w->killed && w->server_pid > 0 &&
                   (eb_now() - fired_at > w->kill_after ||
                    (eb_now() - fired_at > 10 && rss > w->max_rss_mib))) {
            w->killed = true;
            kill(w->server_pid, SIGKILL);
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* A random UUID v4 text for an operation id. */
static void eb_uuid(char *buf)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char b[16];
    FILE *f = fopen("/dev/urandom", "rb");
    if (!f || fread(b, 1, 16, f) != 16)
        for (int k = 0; k < 16; k++)
            b[k] = (unsigned char)rand();
    if (f)
        fclose(f);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    int n = 0;
    for (int k = 0; k < 16; k++) {
        if (k == 4 || k == 6 || k == 8 || k == 10)
            buf[n++] = '-';
        buf[n++] = hex[b[k] >> 4];
        buf[n++] = hex[b[k] & 15];
    }
    buf[n] = '\0';
}

/* The watchdog's limits of every query of a tpch session. */
typedef struct eb_limits {
    double timeout;     /* seconds before Interrupt */
    int server_pid;     /* 0: no RSS cap, never killed */
    double max_rss_mib; /* server RSS before Interrupt */
    double kill_after;  /* seconds from Interrupt to SIGKILL */
} eb_limits;

/* Builds the DataFrame of one command from its argument (talking to the server if needed). */
typedef int (*eb_build_fn)(ember_session *s, const char *arg, ember_dataframe **df,
                           ember_error *err);

/* QUERY: spark.sql(<text of the file arg>). */
static int eb_build_sql(ember_session *s, const char *arg, ember_dataframe **df, ember_error *err)
{
    char *sql = eb_read_file(arg);
    if (!sql) {
        ember_error_clear(err);
        err->status = EMBER_EINVAL;
        snprintf(err->error_class, sizeof err->error_class, "IO_ERROR");
        snprintf(err->message, sizeof err->message, "cannot read %s", arg);
        return EMBER_EINVAL;
    }
    int rc = ember_sql(s, sql, NULL, 0, df, err);
    em_free(sql);
    return rc;
}

/* RANGEAGG: spark.range(rows).groupBy((col("id") % groups).alias("k"))
 *           .agg(F.sum("id"), F.count("*")); arg is "<rows> <groups>". */
static int eb_build_range_agg(ember_session *s, const char *arg, ember_dataframe **df,
                              ember_error *err)
{
    long long rows = 0, groups = 0;
    if (sscanf(arg, "%lld %lld", &rows, &groups) != 2 || rows < 0 || groups <= 0) {
        ember_error_clear(err);
        err->status = EMBER_EINVAL;
        snprintf(err->message, sizeof err->message, "RANGEAGG <rows> <groups>: %s", arg);
        return EMBER_EINVAL;
    }
    ember_dataframe *range = NULL;
    ember_grouped *g = NULL;
    int rc = ember_range(s, 0, rows, 1, 0, &range, err);
    if (rc == EMBER_OK) {
        ember_column *keys[1] = {
            ember_alias(ember_mod(ember_col("id"), ember_lit_long(groups)), "k")};
        rc = ember_df_group_by(range, keys, 1, &g, err);
    }
    if (rc == EMBER_OK) {
        ember_column *aggs[2] = {ember_call("sum", ember_col("id"), NULL),
                                 ember_call("count", ember_col("*"), NULL)};
        rc = ember_grouped_agg(g, aggs, 2, df, err);
    }
    ember_grouped_free(g);
    ember_df_free(range);
    return rc;
}

/* Runs one command (its DataFrame from build(arg)); prints the driver's answer line. */
static void eb_run_query(ember_session *s, eb_build_fn build, const char *arg, const char *out_path,
                         const eb_limits *lim)
{
    ember_error err;
    ember_error_clear(&err);
    double t0 = eb_now();
    ember_dataframe *df = NULL;
    int64_t rows = -1;
    eb_watch w = {.s = s,
                  .timeout = lim->timeout,
                  .server_pid = lim->server_pid,
                  .max_rss_mib = lim->max_rss_mib,
                  .kill_after = lim->kill_after};
    pthread_mutex_init(&w.mu, NULL);
    pthread_cond_init(&w.cv, NULL);
    eb_uuid(w.op_id);
    pthread_t watcher;
    bool watching = pthread_create(&watcher, NULL, eb_watch_main, &w) == 0;
    int rc = build(s, arg, &df, &err);
    if (rc == EMBER_OK) {
        struct ArrowArrayStream stream;
        rc = ember_df_collect_with_id(df, w.op_id, &stream, &err);
        if (rc == EMBER_OK) {
            FILE *out = fopen(out_path, "w");
            rows = eb_drain_stream(&stream, out, &err);
            if (out)
                fclose(out);
            if (rows < 0)
                rc = err.status ? err.status : EMBER_ESERVER;
        }
    }
    double ms = (eb_now() - t0) * 1000;
    if (watching) {
        pthread_mutex_lock(&w.mu);
        w.done = true;
        pthread_cond_signal(&w.cv);
        pthread_mutex_unlock(&w.mu);
        pthread_join(watcher, NULL);
    }
    ember_df_free(df);
    if (rc == EMBER_OK) {
        printf("OK %.3f %lld\n", ms, (long long)rows);
    } else {
        char msg[1024];
        eb_one_line(msg, sizeof msg, err.message);
        const char *cls = w.killed             ? "SERVER_KILLED"
                          : w.fired            ? w.fired
                          : err.error_class[0] ? err.error_class
                                               : ember_status_name(rc);
        printf("ERR %.3f %s %s\n", ms, cls, msg);
    }
    pthread_mutex_destroy(&w.mu);
    pthread_cond_destroy(&w.cv);
    fflush(stdout);
}

int eb_cmd_tpch(int argc, char **argv)
{
    const char *url = eb_opt(argc, argv, "--url");
    const char *parquet = eb_opt(argc, argv, "--parquet");
    const char *data = eb_opt(argc, argv, "--data");
    const char *timeout_s = eb_opt(argc, argv, "--timeout");
    const char *chunk_s = eb_opt(argc, argv, "--chunk-rows");
    const char *pid_s = eb_opt(argc, argv, "--server-pid");
    const char *rss_s = eb_opt(argc, argv, "--max-rss-mib");
    const char *kill_s = eb_opt(argc, argv, "--kill-after");
    eb_limits lim = {.timeout = timeout_s ? atof(timeout_s) : 300,
                     .server_pid = pid_s ? atoi(pid_s) : 0,
                     .max_rss_mib = rss_s ? atof(rss_s) : 8192,
                     .kill_after = kill_s ? atof(kill_s) : 30};
    int64_t chunk_rows = chunk_s ? atoll(chunk_s) : 200000;
    if (!url || (!data && !parquet)) {
        fprintf(stderr, "usage: ember-bench tpch --url sc://HOST:PORT (--parquet DIR | --data DIR) "
                        "[--timeout SEC] [--chunk-rows N] [--server-pid PID] "
                        "[--max-rss-mib MIB] [--kill-after SEC]\n");
        return 2;
    }
    ember_session *s = NULL;
    ember_error err;
    ember_error_clear(&err);
    /* Plain ExecutePlan requests unless EMBER_BENCH_REATTACH=1: with reattachable executions, a
     * ReleaseExecute racing the end of an operation can cancel it on the server today. */
    const char *reattach = getenv("EMBER_BENCH_REATTACH");
    ember_session_options opts = {.url = url,
                                  .disable_reattach = !reattach || strcmp(reattach, "1") != 0};
    if (ember_session_open_ex(&opts, &s, &err) != EMBER_OK) {
        fprintf(stderr, "ember-bench: %s\n", err.message);
        return 1;
    }
    double t0 = eb_now();
    int64_t n_rows = 0;
    int rc =
        parquet ? eb_read_tpch(s, parquet, &err) : eb_load_tpch(s, data, chunk_rows, &n_rows, &err);
    if (rc != EMBER_OK) {
        char msg[1024];
        eb_one_line(msg, sizeof msg, err.message);
        printf("LOADERR %s %s\n", err.error_class[0] ? err.error_class : ember_status_name(rc),
               msg);
    } else {
        printf("LOADED %.3f %lld\n", (eb_now() - t0) * 1000, (long long)n_rows);
    }
    fflush(stdout);
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strcmp(line, "QUIT") == 0)
            break;
        /* QUERY <name> <sql file> <result file> / RANGEAGG <rows> <groups> <result file> /
         * CONF <key> <value> (arguments without spaces). */
        char *words[4] = {0};
        int n_words = 0;
        for (char *p = line; *p && n_words < 4;) {
            words[n_words++] = p;
            p = strchr(p, ' ');
            if (!p)
                break;
            *p++ = '\0';
        }
        if (n_words == 4 && strcmp(words[0], "QUERY") == 0) {
            eb_run_query(s, eb_build_sql, words[2], words[3], &lim);
        } else if (n_words == 4 && strcmp(words[0], "RANGEAGG") == 0) {
            char arg[128];
            snprintf(arg, sizeof arg, "%s %s", words[1], words[2]);
            eb_run_query(s, eb_build_range_agg, arg, words[3], &lim);
        } else if (n_words == 3 && strcmp(words[0], "CONF") == 0) {
            ember_error_clear(&err);
            if (ember_conf_set(s, words[1], words[2], &err) == EMBER_OK) {
                printf("OK 0 0\n");
            } else {
                char msg[1024];
                eb_one_line(msg, sizeof msg, err.message);
                printf("ERR 0 %s %s\n",
                       err.error_class[0] ? err.error_class : ember_status_name(err.status), msg);
            }
            fflush(stdout);
        } else {
            printf("ERR 0 BAD_COMMAND %s\n", words[0] ? words[0] : "");
            fflush(stdout);
        }
    }
    ember_session_stop(s, NULL);
    ember_session_free(s);
    return rc == EMBER_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ember-bench tpch|proto|startup|interrupt|rss [options]\n");
        return 2;
    }
    if (strcmp(argv[1], "tpch") == 0)
        return eb_cmd_tpch(argc - 1, argv + 1);
    if (strcmp(argv[1], "proto") == 0)
        return eb_cmd_proto(argc - 1, argv + 1);
    if (strcmp(argv[1], "startup") == 0)
        return eb_cmd_startup(argc - 1, argv + 1);
    if (strcmp(argv[1], "interrupt") == 0)
        return eb_cmd_interrupt(argc - 1, argv + 1);
    if (strcmp(argv[1], "rss") == 0)
        return eb_cmd_rss(argc - 1, argv + 1);
    fprintf(stderr, "ember-bench: unknown command %s\n", argv[1]);
    return 2;
}
