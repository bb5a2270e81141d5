/*
 * eb_micro.c: two micro-benchmarks of the client/server interplay (issues #3 and #5).
 *
 *   interrupt  Interrupt latency: a query that runs for minutes (the count of a cross join of
 *              two ranges) is started, left running for --delay-ms, then interrupted with
 *              Interrupt(OPERATION_ID); the time from sending the Interrupt to the end of the
 *              result stream (which must fail with OPERATION_CANCELED) is one sample.
 *   rss        Client memory of a streaming collect: spark.range(N) with three columns is
 *              collected batch by batch and every batch released at once, as a streaming
 *              consumer does; the growth of this process's peak RSS (VmHWM) over its RSS
 *              before the collect is the client's cost. A client that buffered the whole
 *              result would grow by the result's size (printed beside it).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "eb.h"

static int eb_micro_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static ember_session *eb_micro_open(const char *url)
{
    ember_session_options opts = {.url = url, .disable_reattach = true};
    ember_session *s = NULL;
    ember_error err;
    ember_error_clear(&err);
    if (ember_session_open_ex(&opts, &s, &err) != EMBER_OK) {
        fprintf(stderr, "ember-bench: %s\n", err.message);
        return NULL;
    }
    return s;
}

/* The same UUID v4 form the tpch command uses, from /dev/urandom. */
static void eb_micro_uuid(char *buf)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char b[16] = {0};
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

/* ----- interrupt --------------------------------------------------------------------------- */

typedef struct eb_long_query {
    ember_dataframe *df;
    char op_id[64];
    double t_end;
    int rc;
    ember_error err;
} eb_long_query;

static void *eb_long_query_main(void *arg)
{
    eb_long_query *q = arg;
    struct ArrowArrayStream stream;
    q->rc = ember_df_collect_with_id(q->df, q->op_id, &stream, &q->err);
    if (q->rc == EMBER_OK && eb_drain_stream(&stream, NULL, &q->err) < 0)
        q->rc = q->err.status ? q->err.status : EMBER_ESERVER;
    q->t_end = eb_now();
    return NULL;
}

/* spark.range(n).crossJoin(spark.range(n)).agg(count("*")): minutes of work at n = 10^6. */
static int eb_cross_count(ember_session *s, int64_t n, ember_dataframe **out, ember_error *err)
{
    ember_dataframe *a = NULL, *b = NULL, *j = NULL;
    int rc = ember_range(s, 0, n, 1, 0, &a, err);
    if (rc == EMBER_OK)
        rc = ember_range(s, 0, n, 1, 0, &b, err);
    if (rc == EMBER_OK)
        rc = ember_df_cross_join(a, b, &j, err);
    if (rc == EMBER_OK) {
        ember_column *aggs[1] = {ember_call("count", ember_col("*"), NULL)};
        rc = ember_df_agg(j, aggs, 1, out, err);
    }
    ember_df_free(j);
    ember_df_free(b);
    ember_df_free(a);
    return rc;
}

int eb_cmd_interrupt(int argc, char **argv)
{
    const char *url = eb_opt(argc, argv, "--url");
    const char *runs_s = eb_opt(argc, argv, "--runs");
    const char *delay_s = eb_opt(argc, argv, "--delay-ms");
    int runs = runs_s ? atoi(runs_s) : 5;
    int delay_ms = delay_s ? atoi(delay_s) : 500;
    if (!url || runs < 1 || runs > 100 || delay_ms < 0) {
        fprintf(stderr, "usage: ember-bench interrupt --url sc://HOST:PORT [--runs N] "
                        "[--delay-ms MS]\n");
        return 2;
    }
    ember_session *s = eb_micro_open(url);
    if (!s)
        return 1;
    double ms[100];
    int done = 0;
    const char *failure = NULL;
    char failure_text[512] = "";
    for (int r_idx = 0; r_idx < runs && !failure; r_idx++) {
        eb_long_query q = {0};
        ember_error_clear(&q.err);
        if (eb_cross_count(s, 1000000, &q.df, &q.err) != EMBER_OK) {
            failure = "BUILD";
            snprintf(failure_text, sizeof failure_text, "%s", q.err.message);
            break;
        }
        eb_micro_uuid(q.op_id);
        pthread_t worker;
        if (pthread_create(&worker, NULL, eb_long_query_main, &q) != 0) {
            ember_df_free(q.df);
            failure = "THREAD";
            break;
        }
        usleep((useconds_t)delay_ms * 1000);
        double t_int = eb_now();
        ember_error ierr;
        ember_error_clear(&ierr);
        int irc = ember_interrupt_operation(s, q.op_id, NULL, NULL, &ierr);
        /* A query that ignores the interrupt is reported, not waited for: the driver stops the
         * server (by its pid) afterwards. */
        struct timespec limit;
        clock_gettime(CLOCK_REALTIME, &limit);
        limit.tv_sec += 10;
        if (pthread_timedjoin_np(worker, NULL, &limit) != 0) {
            failure = "NOT_STOPPED";
            snprintf(failure_text, sizeof failure_text, "still running 10 s after Interrupt");
            printf("{\"bench\":\"interrupt\",\"ok\":false,\"error\":\"%s\",\"message\":\"%s\"}\n",
                   failure, failure_text);
            fflush(stdout);
            _exit(1); /* the worker still holds the session */
        }
        ember_df_free(q.df);
        if (irc != EMBER_OK) {
            failure = "INTERRUPT_FAILED";
            snprintf(failure_text, sizeof failure_text, "%s", ierr.message);
        } else if (q.rc == EMBER_OK) {
            failure = "FINISHED_FIRST";
            snprintf(failure_text, sizeof failure_text, "the query ended before the interrupt");
        } else if (strcmp(q.err.error_class, "OPERATION_CANCELED") != 0) {
            failure = q.err.error_class[0] ? q.err.error_class : ember_status_name(q.rc);
            snprintf(failure_text, sizeof failure_text, "%s", q.err.message);
        } else {
            ms[done++] = (q.t_end - t_int) * 1000;
            fprintf(stderr, "ember-bench: interrupt run %d: %.2f ms\n", r_idx + 1, ms[done - 1]);
        }
    }
    ember_session_stop(s, NULL);
    ember_session_free(s);
    if (failure) {
        for (char *p = failure_text; *p; p++)
            if (*p == '"' || *p == '\\' || *p == '\n' || *p == '\t')
                *p = ' ';
        printf("{\"bench\":\"interrupt\",\"ok\":false,\"error\":\"%s\",\"message\":\"%s\"}\n",
               failure, failure_text);
        return 1;
    }
    printf("{\"bench\":\"interrupt\",\"ok\":true,\"delay_ms\":%d,\"ms\":[", delay_ms);
    for (int k = 0; k < done; k++)
        printf("%s%.3f", k ? "," : "", ms[k]);
    qsort(ms, (size_t)done, sizeof ms[0], eb_micro_cmp);
    printf("],\"p50_ms\":%.3f,\"max_ms\":%.3f}\n", ms[(done - 1) / 2], ms[done - 1]);
    return 0;
}

/* ----- rss ----------------------------------------------------------------------------------- */

int eb_cmd_rss(int argc, char **argv)
{
    const char *url = eb_opt(argc, argv, "--url");
    const char *rows_s = eb_opt(argc, argv, "--rows");
    long long rows = rows_s ? atoll(rows_s) : 10000000;
    if (!url || rows < 0) {
        fprintf(stderr, "usage: ember-bench rss --url sc://HOST:PORT [--rows N]\n");
        return 2;
    }
    ember_session *s = eb_micro_open(url);
    if (!s)
        return 1;
    ember_error err;
    ember_error_clear(&err);
    /* spark.range(N).selectExpr("id", "id * 2 AS twice", "CAST(id AS STRING) AS text"). */
    ember_dataframe *range = NULL, *df = NULL, *warm = NULL;
    const char *exprs[3] = {"id", "id * 2 AS twice", "CAST(id AS STRING) AS text"};
    int rc = ember_range(s, 0, rows, 1, 0, &range, &err);
    if (rc == EMBER_OK)
        rc = ember_df_select_expr(range, exprs, 3, &df, &err);
    /* A small collect first, so one-time costs (channel, decoder) are not counted. */
    struct ArrowArrayStream stream;
    if (rc == EMBER_OK)
        rc = ember_df_limit(df, 1000, &warm, &err);
    if (rc == EMBER_OK)
        rc = ember_df_collect(warm, &stream, &err);
    if (rc == EMBER_OK && eb_drain_stream(&stream, NULL, &err) < 0)
        rc = EMBER_ESERVER;
    double before = eb_proc_mib(0, "VmRSS");
    double t0 = eb_now();
    int64_t got = -1;
    if (rc == EMBER_OK)
        rc = ember_df_collect(df, &stream, &err);
    if (rc == EMBER_OK) {
        got = eb_drain_stream(&stream, NULL, &err);
        if (got < 0)
            rc = EMBER_ESERVER;
    }
    double secs = eb_now() - t0;
    double peak = eb_proc_mib(0, "VmHWM");
    ember_df_free(warm);
    ember_df_free(df);
    ember_df_free(range);
    ember_session_stop(s, NULL);
    ember_session_free(s);
    if (rc != EMBER_OK) {
        fprintf(stderr, "ember-bench: rss: %s %s\n", err.error_class, err.message);
        printf("{\"bench\":\"rss\",\"ok\":false,\"error\":\"%s\"}\n",
               err.error_class[0] ? err.error_class : ember_status_name(rc));
        return 1;
    }
    /* Values alone: two int64 columns and the decimal text of each id with its int32 offset. */
    double digits = 0;
    for (long long p = 1, d = 1; p <= rows; p *= 10, d++)
        digits += (double)((rows < p * 10 ? rows : p * 10) - p) * (double)d;
    double result_mib = ((double)rows * 20 + digits + (rows > 0 ? 1 : 0)) / (1 << 20);
    printf("rows=%lld rss_growth_mib=%.1f\n", (long long)got, peak - before);
    printf("{\"bench\":\"rss\",\"ok\":true,\"rows\":%lld,\"rss_before_mib\":%.1f,"
           "\"rss_peak_mib\":%.1f,\"rss_growth_mib\":%.1f,\"result_mib\":%.1f,\"seconds\":%.3f}\n",
           (long long)got, before, peak, peak - before, result_mib, secs);
    return 0;
}
