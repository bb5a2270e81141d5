/*
 * eb_proto.c: protocol costs against their physical ceiling, measured in the same run.
 *
 *   proto    AnalyzePlan(schema) latency and range(1).collect() round trips (p50/p99), beside a
 *            raw gRPC unary echo of an empty message (the ceiling of any round trip); a collect
 *            of range(N) int64 rows in MiB/s of values, beside a raw gRPC server stream carrying
 *            the same number of messages of the same size (the ceiling of result streaming).
 *            The raw server runs in this process on a wire/ server (gRPC C core, loopback TCP),
 *            the same transport Ember's server uses, with zero-copy sends.
 *   startup  time from spawning `ember serve` to its "listening" line and to the first
 *            answered request (AnalyzePlan spark_version), and the idle RSS one second later.
 */
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "eb.h"
#include "wire/wire.h"

extern char **environ;

static int eb_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts samples and returns the q-quantile (nearest rank). */
static double eb_quantile(double *v, int n, double q)
{
    qsort(v, (size_t)n, sizeof *v, eb_cmp_double);
    int k = (int)(q * n + 0.999999) - 1;
    if (k < 0)
        k = 0;
    if (k >= n)
        k = n - 1;
    return v[k];
}

/* ----- the raw gRPC ceiling ---------------------------------------------------------------- */

#define EB_RAW_STREAM "/ember.bench.Raw/Stream"
#define EB_RAW_ECHO   "/ember.bench.Raw/Echo"

static uint8_t *eb_raw_payload;
static size_t eb_raw_payload_len;

static void eb_raw_noop_release(void *arg) {}

/* Request: two little-endian int64 (messages, bytes per message). */
static void eb_raw_stream(wire_call *call, void *ctx)
{
    const uint8_t *req;
    size_t len;
    int64_t spec[2] = {0, 0};
    if (wire_call_request(call, &req, &len) == 0 && len == sizeof spec)
        memcpy(spec, req, sizeof spec);
    size_t msg_len = (size_t)spec[1] < eb_raw_payload_len ? (size_t)spec[1] : eb_raw_payload_len;
    for (int64_t m_idx = 0; m_idx < spec[0]; m_idx++) {
        wire_piece piece = {eb_raw_payload, msg_len, eb_raw_noop_release, NULL};
        if (wire_call_send_pieces(call, &piece, 1) != 0)
            break;
    }
    wire_call_finish(call, WIRE_STATUS_OK, NULL, NULL, 0);
}

static void eb_raw_echo(wire_call *call, void *ctx)
{
    const uint8_t *req;
    size_t len;
    if (wire_call_request(call, &req, &len) != 0)
        len = 0;
    wire_call_reply(call, req, len);
}

typedef struct eb_raw {
    wire_server *server;
    wire_channel *channel;
} eb_raw;

static int eb_raw_start(eb_raw *raw, size_t max_msg)
{
    em_error err;
    eb_raw_payload_len = max_msg;
    eb_raw_payload = em_calloc(1, max_msg);
    raw->server = wire_server_new(NULL, &err);
    if (!raw->server || !eb_raw_payload)
        return -1;
    wire_server_register(raw->server, EB_RAW_STREAM, WIRE_SERVER_STREAM, eb_raw_stream, NULL);
    wire_server_register(raw->server, EB_RAW_ECHO, WIRE_UNARY, eb_raw_echo, NULL);
    int port = 0;
    if (wire_server_start(raw->server, &port, &err) != 0)
        return -1;
    char target[64];
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    raw->channel = wire_channel_new(target, NULL, &err);
    return raw->channel ? 0 : -1;
}

static void eb_raw_stop(eb_raw *raw)
{
    wire_channel_free(raw->channel);
    if (raw->server) {
        wire_server_shutdown(raw->server);
        wire_server_free(raw->server);
    }
    em_free(eb_raw_payload);
    eb_raw_payload = NULL;
}

static double eb_raw_echo_once(eb_raw *raw)
{
    double t0 = eb_now();
    uint8_t *resp = NULL;
    size_t resp_len = 0;
    wire_status st = {0};
    wire_unary(raw->channel, EB_RAW_ECHO, (const uint8_t *)"", 0, NULL, 0, 10000, &resp, &resp_len,
               &st);
    em_free(resp);
    wire_status_release(&st);
    return eb_now() - t0;
}

/* Streams n_msgs messages of msg_len bytes; returns seconds (negative on failure). */
static double eb_raw_stream_once(eb_raw *raw, int64_t n_msgs, int64_t msg_len, int64_t *bytes)
{
    int64_t spec[2] = {n_msgs, msg_len};
    double t0 = eb_now();
    wire_stream *st = wire_stream_start(raw->channel, EB_RAW_STREAM, (const uint8_t *)spec,
                                        sizeof spec, NULL, 0, NULL);
    if (!st)
        return -1;
    uint8_t *msg;
    size_t len;
    *bytes = 0;
    while (wire_stream_next(st, &msg, &len) == 1) {
        *bytes += (int64_t)len;
        em_free(msg);
    }
    double secs = eb_now() - t0;
    bool ok = wire_stream_status(st)->code == 0;
    wire_stream_free(st);
    return ok ? secs : -1;
}

/* ----- Ember measurements ------------------------------------------------------------------ */

static void eb_print_latency(const char *name, double *samples, int n)
{
    double p50 = eb_quantile(samples, n, 0.50) * 1e3, p99 = eb_quantile(samples, n, 0.99) * 1e3;
    printf("{\"metric\":\"%s\",\"n\":%d,\"p50_ms\":%.4f,\"p99_ms\":%.4f}\n", name, n, p50, p99);
}

/* Collects a stream, counting rows and batches; returns the row count (-1 on error). */
static int64_t eb_count_stream(struct ArrowArrayStream *stream, int64_t *n_batches)
{
    struct ArrowSchema schema = {0};
    int64_t rows = 0;
    *n_batches = 0;
    if (stream->get_schema(stream, &schema) != 0) {
        stream->release(stream);
        return -1;
    }
    for (;;) {
        struct ArrowArray batch = {0};
        if (stream->get_next(stream, &batch) != 0) {
            rows = -1;
            break;
        }
        if (!batch.release)
            break;
        rows += batch.length;
        (*n_batches)++;
        batch.release(&batch);
    }
    schema.release(&schema);
    stream->release(stream);
    return rows;
}

int eb_cmd_proto(int argc, char **argv)
{
    const char *url = eb_opt(argc, argv, "--url");
    const char *rows_s = eb_opt(argc, argv, "--rows");
    const char *iters_s = eb_opt(argc, argv, "--iters");
    int64_t n_big = rows_s ? atoll(rows_s) : 100000000;
    int iters = iters_s ? atoi(iters_s) : 1000;
    if (!url || iters < 10) {
        fprintf(stderr, "usage: ember-bench proto --url sc://HOST:PORT [--rows N] [--iters N]\n");
        return 2;
    }
    ember_session *s = NULL;
    ember_error err;
    ember_error_clear(&err);
    if (ember_session_open(url, &s, &err) != EMBER_OK) {
        fprintf(stderr, "ember-bench: %s\n", err.message);
        return 1;
    }
    double *samples = em_calloc((size_t)iters, sizeof *samples);
    ember_dataframe *one = NULL, *big = NULL;
    int rc = ember_range(s, 0, 1, 1, 0, &one, &err);
    if (rc == EMBER_OK)
        rc = ember_range(s, 0, n_big, 1, 0, &big, &err);
    /* AnalyzePlan(schema): warm up, then measure. A fresh DataFrame each time, as libember
     * (like PySpark 4) caches a DataFrame's schema after the first answer; a projection, so
     * the client cannot know the answer without asking. */
    for (int k = 0; rc == EMBER_OK && k < iters + 20; k++) {
        struct ArrowSchema schema;
        ember_dataframe *base = NULL, *fresh = NULL;
        const char *expr = "id * 2 AS x";
        rc = ember_range(s, 0, 1, 1, 0, &base, &err);
        if (rc == EMBER_OK)
            rc = ember_df_select_expr(base, &expr, 1, &fresh, &err);
        ember_df_free(base);
        double t0 = eb_now();
        if (rc == EMBER_OK)
            rc = ember_df_schema(fresh, &schema, &err);
        ember_df_free(fresh);
        if (rc == EMBER_OK)
            schema.release(&schema);
        if (k >= 20)
            samples[k - 20] = eb_now() - t0;
    }
    if (rc == EMBER_OK)
        eb_print_latency("analyze_schema", samples, iters);
    /* range(1).collect(). */
    for (int k = 0; rc == EMBER_OK && k < iters + 20; k++) {
        struct ArrowArrayStream stream;
        int64_t n_batches;
        double t0 = eb_now();
        rc = ember_df_collect(one, &stream, &err);
        if (rc == EMBER_OK && eb_count_stream(&stream, &n_batches) != 1)
            rc = EMBER_ESERVER;
        if (k >= 20)
            samples[k - 20] = eb_now() - t0;
    }
    if (rc == EMBER_OK)
        eb_print_latency("range1_collect", samples, iters);
    /* collect of range(N): int64 values. */
    int64_t n_batches = 0;
    double big_secs = 0;
    if (rc == EMBER_OK) {
        struct ArrowArrayStream stream;
        double t0 = eb_now();
        rc = ember_df_collect(big, &stream, &err);
        int64_t got = rc == EMBER_OK ? eb_count_stream(&stream, &n_batches) : -1;
        big_secs = eb_now() - t0;
        if (got != n_big)
            rc = rc ? rc : EMBER_ESERVER;
        else
            printf("{\"metric\":\"collect_int64\",\"rows\":%lld,\"batches\":%lld,\"secs\":%.4f,"
                   "\"mib_per_s\":%.1f}\n",
                   (long long)n_big, (long long)n_batches, big_secs,
                   (double)n_big * 8 / 1048576.0 / big_secs);
    }
    if (rc != EMBER_OK) {
        char msg[512];
        size_t n = strnlen(err.message, sizeof msg - 1);
        memcpy(msg, err.message, n);
        msg[n] = '\0';
        for (char *p = msg; *p; p++)
            if (*p == '"' || *p == '\\' || *p == '\n')
                *p = ' ';
        printf("{\"metric\":\"error\",\"class\":\"%s\",\"message\":\"%s\"}\n",
               err.error_class[0] ? err.error_class : ember_status_name(rc), msg);
    }
    fflush(stdout);
    /* The raw ceiling, same shapes. */
    eb_raw raw = {0};
    int64_t per_msg = n_batches > 0 ? n_big * 8 / n_batches + 256 : 4 << 20;
    int64_t n_msgs = n_batches > 0 ? n_batches : (n_big * 8 + per_msg - 1) / per_msg;
    if (eb_raw_start(&raw, (size_t)per_msg) == 0) {
        for (int k = 0; k < iters + 20; k++) {
            double secs = eb_raw_echo_once(&raw);
            if (k >= 20)
                samples[k - 20] = secs;
        }
        eb_print_latency("raw_unary_echo", samples, iters);
        int64_t bytes = 0;
        double secs = eb_raw_stream_once(&raw, n_msgs, per_msg, &bytes);
        if (secs > 0)
            printf("{\"metric\":\"raw_stream\",\"messages\":%lld,\"bytes\":%lld,\"secs\":%.4f,"
                   "\"mib_per_s\":%.1f}\n",
                   (long long)n_msgs, (long long)bytes, secs, (double)bytes / 1048576.0 / secs);
    } else {
        printf("{\"metric\":\"error\",\"class\":\"RAW_SERVER\",\"message\":\"cannot start\"}\n");
    }
    eb_raw_stop(&raw);
    em_free(samples);
    ember_df_free(one);
    ember_df_free(big);
    ember_session_stop(s, NULL);
    ember_session_free(s);
    return rc == EMBER_OK ? 0 : 1;
}

/* ----- startup ----------------------------------------------------------------------------- */

static int eb_free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    int port = -1;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0 &&
        getsockname(fd, (struct sockaddr *)&addr, &len) == 0)
        port = ntohs(addr.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static int64_t eb_proc_kib(pid_t pid, const char *key)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    int64_t v = -1;
    size_t klen = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, klen) == 0 && line[klen] == ':')
            v = atoll(line + klen + 1);
    if (f)
        fclose(f);
    return v;
}

static bool eb_file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    bool found = false;
    while (f && !found && fgets(line, sizeof line, f))
        found = strstr(line, needle) != NULL;
    if (f)
        fclose(f);
    return found;
}

int eb_cmd_startup(int argc, char **argv)
{
    const char *ember = eb_opt(argc, argv, "--ember");
    const char *runs_s = eb_opt(argc, argv, "--runs");
    const char *threads = eb_opt(argc, argv, "--threads");
    int runs = runs_s ? atoi(runs_s) : 5;
    if (!ember || runs < 1 || runs > 100) {
        fprintf(stderr, "usage: ember-bench startup --ember PATH [--runs N] [--threads N]\n");
        return 2;
    }
    double listen_s[100], answer_s[100], rss_kib[100];
    int done = 0;
    for (int r_idx = 0; r_idx < runs; r_idx++) {
        int port = eb_free_port();
        char port_s[16], log_path[64], url[64];
        snprintf(port_s, sizeof port_s, "%d", port);
        snprintf(log_path, sizeof log_path, "/tmp/ember-bench-startup-%d.log", (int)getpid());
        snprintf(url, sizeof url, "sc://127.0.0.1:%d", port);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 2, log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        char *args[] = {(char *)ember, "serve",     "--port",
                        port_s,        "--threads", (char *)(threads ? threads : "2"),
                        NULL};
        pid_t pid;
        double t0 = eb_now();
        int src = posix_spawn(&pid, ember, &fa, NULL, args, environ);
        posix_spawn_file_actions_destroy(&fa);
        if (src != 0) {
            fprintf(stderr, "ember-bench: cannot start %s\n", ember);
            return 1;
        }
        double t_listen = -1, t_answer = -1;
        while (eb_now() - t0 < 30) {
            if (eb_file_has(log_path, "listening")) {
                t_listen = eb_now() - t0;
                break;
            }
            usleep(200);
        }
        /* The first answered request: a fresh session (fresh channel) per attempt, so gRPC's
         * reconnect backoff never adds to the time. */
        while (t_listen >= 0 && eb_now() - t0 < 30) {
            ember_session_options opts = {.url = url, .retry = {.max_retries = -1}};
            ember_session *s = NULL;
            char *version = NULL;
            int rc = ember_session_open_ex(&opts, &s, NULL);
            if (rc == EMBER_OK)
                rc = ember_session_version(s, &version, NULL);
            ember_free(version);
            if (s)
                ember_session_free(s);
            if (rc == EMBER_OK) {
                t_answer = eb_now() - t0;
                break;
            }
            usleep(500);
        }
        usleep(1000000);
        int64_t rss = eb_proc_kib(pid, "VmRSS");
        kill(pid, SIGTERM);
        int status = 0;
        waitpid(pid, &status, 0);
        unlink(log_path);
        if (t_listen < 0 || t_answer < 0) {
            printf(
                "{\"metric\":\"error\",\"class\":\"STARTUP\",\"message\":\"no answer in 30 s\"}\n");
            return 1;
        }
        listen_s[done] = t_listen;
        answer_s[done] = t_answer;
        rss_kib[done] = (double)rss;
        done++;
    }
    printf("{\"metric\":\"startup\",\"runs\":%d,\"listening_ms\":%.2f,\"first_answer_ms\":%.2f,"
           "\"idle_rss_mib\":%.1f}\n",
           done, eb_quantile(listen_s, done, 0.5) * 1e3, eb_quantile(answer_s, done, 0.5) * 1e3,
           eb_quantile(rss_kib, done, 0.5) / 1024.0);
    return 0;
}
