/*
 * wire_test: the wire/ module end to end — an in-process server and client over loopback
 * (port 0). Covers unary, server and client streaming, metadata, error details, unknown
 * methods, size limits, cancellation, deadlines, abort, zero-copy sends, pool growth,
 * SO_REUSEPORT off, shutdown during a stream, and TLS with a certificate made at test time.
 *
 * Time bounds are generous upper limits (seconds) so the suite stays deterministic on a busy
 * machine; nothing asserts a lower bound or an exact duration.
 */
#include "wire/wire.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/em_log.h"
#include "common/em_mem.h"
#include "em_test.h"

#define SVC "/ember.test.Wire/"

/* ---- helpers ----------------------------------------------------------------------------- */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The byte at offset j of test message idx: varied enough to catch reordering or corruption. */
static uint8_t pattern(uint32_t idx, size_t j)
{
    return (uint8_t)((idx * 31u + j * 7u + (j >> 9)) & 0xffu);
}

static uint8_t *make_msg(uint32_t idx, size_t len)
{
    uint8_t *buf = em_malloc(len ? len : 1);
    for (size_t j = 0; j < len; j++)
        buf[j] = pattern(idx, j);
    return buf;
}

static bool check_msg(uint32_t idx, const uint8_t *buf, size_t len)
{
    for (size_t j = 0; j < len; j++)
        if (buf[j] != pattern(idx, j))
            return false;
    return true;
}

static uint32_t fnv(uint32_t h, const uint8_t *p, size_t n)
{
    for (size_t j = 0; j < n; j++)
        h = (h ^ p[j]) * 16777619u;
    return h;
}

/* State the handlers report into; reset by each test that uses it. */
static struct {
    pthread_mutex_t mu;
    pthread_cond_t cond;
    int forever_done;
    int forever_send_failed;
    int forever_sent;
    int wait_started;
    int wait_done;
    int wait_saw_cancel;
    int64_t wait_deadline_ms;
    int barrier_in;
    int barrier_target;
    wire_call *abort_call;
    int read_on_unary;
    atomic_int released;
} ts = {.mu = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

static void ts_reset(void)
{
    pthread_mutex_lock(&ts.mu);
    ts.forever_done = ts.forever_send_failed = ts.forever_sent = 0;
    ts.wait_started = ts.wait_done = ts.wait_saw_cancel = 0;
    ts.wait_deadline_ms = 0;
    ts.barrier_in = ts.barrier_target = 0;
    ts.abort_call = NULL;
    ts.read_on_unary = 0;
    atomic_store(&ts.released, 0);
    pthread_mutex_unlock(&ts.mu);
}

/* Waits until *field >= value, at most timeout_ms. Returns whether it got there. */
static bool ts_wait(int *field, int value, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&ts.mu);
    int rc = 0;
    while (*field < value && rc == 0)
        rc = pthread_cond_timedwait(&ts.cond, &ts.mu, &until);
    bool ok = *field >= value;
    pthread_mutex_unlock(&ts.mu);
    return ok;
}

static void ts_bump(int *field, int delta)
{
    pthread_mutex_lock(&ts.mu);
    *field += delta;
    pthread_cond_broadcast(&ts.cond);
    pthread_mutex_unlock(&ts.mu);
}

/* ---- handlers ---------------------------------------------------------------------------- */

static void h_echo(wire_call *c, void *ctx)
{
    const uint8_t *req;
    size_t len;
    CHECK_EQ_INT(wire_call_request(c, &req, &len), 0);
    uint8_t *dummy;
    size_t dummy_len;
    if (wire_call_read(c, &dummy, &dummy_len) == WIRE_ESTATE)
        ts_bump(&ts.read_on_unary, 1);
    CHECK_EQ_INT(wire_call_send(c, req, len), 0);
    CHECK_EQ_INT(wire_call_send(c, req, len), WIRE_ESTATE); /* unary: one response only */
    CHECK_EQ_INT(wire_call_reply(c, req, len), WIRE_ESTATE);
    CHECK_EQ_INT(wire_call_finish(c, WIRE_STATUS_OK, NULL, NULL, 0), 0);
}

/* Replies with what the call saw: metadata, method, peer, deadline. */
static void h_inspect(wire_call *c, void *ctx)
{
    const char *auth = wire_call_metadata(c, "authorization");
    const char *user = wire_call_metadata(c, "x-user");
    size_t bin_len = 0;
    const char *bin = wire_call_metadata_bin(c, "x-data-bin", &bin_len);
    uint32_t bin_sum = bin ? fnv(2166136261u, (const uint8_t *)bin, bin_len) : 0;
    const char *peer = wire_call_peer(c);
    bool peer_ok = strncmp(peer, "ipv4:127.0.0.1:", 15) == 0;
    char out[1024];
    int n = snprintf(out, sizeof out,
                     "auth=%s;user=%s;bin=%zu:%08x;absent=%s;method=%s;peer=%d;"
                     "deadline=%lld",
                     auth ? auth : "-", user ? user : "-", bin_len, bin_sum,
                     wire_call_metadata(c, "x-absent") ? "yes" : "no", wire_call_method(c), peer_ok,
                     (long long)wire_call_deadline_ms(c));
    wire_call_reply(c, (const uint8_t *)out, (size_t)n);
}

/* Request "count size big_idx big_size": count messages of `size` bytes, except message
 * big_idx which has big_size bytes. Each message carries pattern(idx, ...). */
static void h_stream(wire_call *c, void *ctx)
{
    const uint8_t *req;
    size_t len;
    wire_call_request(c, &req, &len);
    char text[128];
    snprintf(text, sizeof text, "%.*s", (int)len, (const char *)req);
    unsigned count = 0, size = 0, big_idx = 0, big_size = 0;
    sscanf(text, "%u %u %u %u", &count, &size, &big_idx, &big_size);
    for (uint32_t idx = 0; idx < count; idx++) {
        size_t n = idx == big_idx ? big_size : size;
        uint8_t *msg = make_msg(idx, n);
        int rc = wire_call_send(c, msg, n);
        em_free(msg);
        if (rc != 0)
            return;
    }
    wire_call_finish(c, WIRE_STATUS_OK, NULL, NULL, 0);
}

static void h_upload(wire_call *c, void *ctx)
{
    const uint8_t *dummy;
    size_t dummy_len;
    CHECK_EQ_INT(wire_call_request(c, &dummy, &dummy_len), WIRE_ESTATE);
    uint32_t sum = 2166136261u;
    size_t total = 0;
    int n_msgs = 0;
    for (;;) {
        uint8_t *msg;
        size_t len;
        int rc = wire_call_read(c, &msg, &len);
        if (rc < 0)
            return;
        if (rc == 0)
            break;
        sum = fnv(sum, msg, len);
        total += len;
        n_msgs++;
        em_free(msg);
    }
    char out[128];
    int n = snprintf(out, sizeof out, "n=%d bytes=%zu sum=%08x", n_msgs, total, sum);
    wire_call_reply(c, (const uint8_t *)out, (size_t)n);
}

/* Reads one message, then refuses the rest: the client learns it from its writes/finish. */
static void h_upload_reject(wire_call *c, void *ctx)
{
    uint8_t *msg;
    size_t len;
    if (wire_call_read(c, &msg, &len) == 1)
        em_free(msg);
    wire_call_finish(c, WIRE_STATUS_PERMISSION_DENIED, "no more", NULL, 0);
}

/* Fails with INVALID_ARGUMENT, message "bad thing", details = the request bytes. */
static void h_fail(wire_call *c, void *ctx)
{
    const uint8_t *req;
    size_t len;
    wire_call_request(c, &req, &len);
    CHECK_EQ_INT(wire_call_finish(c, WIRE_STATUS_INVALID_ARGUMENT, "bad thing", req, len), 0);
    CHECK_EQ_INT(wire_call_finish(c, WIRE_STATUS_OK, NULL, NULL, 0), WIRE_ESTATE);
    CHECK_EQ_INT(wire_call_send(c, req, len), WIRE_ESTATE);
}

/* Three messages, then FAILED_PRECONDITION with details = the request. */
static void h_stream_fail(wire_call *c, void *ctx)
{
    const uint8_t *req;
    size_t len;
    wire_call_request(c, &req, &len);
    for (uint32_t idx = 0; idx < 3; idx++) {
        uint8_t *msg = make_msg(idx, 100);
        wire_call_send(c, msg, 100);
        em_free(msg);
    }
    wire_call_finish(c, WIRE_STATUS_FAILED_PRECONDITION, "after three", req, len);
}

static void h_no_finish(wire_call *c, void *ctx) {}

/* Sends 64 KiB messages until a send fails; reports. */
static void h_forever(wire_call *c, void *ctx)
{
    uint8_t *msg = make_msg(7, 64 * 1024);
    int sent = 0;
    int rc;
    while ((rc = wire_call_send(c, msg, 64 * 1024)) == 0) {
        sent++;
        if (sent == 4)
            ts_bump(&ts.forever_sent, 4);
    }
    em_free(msg);
    CHECK(wire_call_cancelled(c));
    CHECK_EQ_INT(wire_call_finish(c, WIRE_STATUS_OK, NULL, NULL, 0), WIRE_EGONE);
    pthread_mutex_lock(&ts.mu);
    ts.forever_send_failed += rc == WIRE_EGONE;
    ts.forever_done++;
    pthread_cond_broadcast(&ts.cond);
    pthread_mutex_unlock(&ts.mu);
}

/* Sends nothing; polls wire_call_cancelled for up to 10 s (unary or server stream). */
static void h_wait_cancel(wire_call *c, void *ctx)
{
    pthread_mutex_lock(&ts.mu);
    ts.wait_deadline_ms = wire_call_deadline_ms(c);
    ts.wait_started++;
    pthread_cond_broadcast(&ts.cond);
    pthread_mutex_unlock(&ts.mu);
    int64_t until = now_ms() + 10000;
    bool saw = false;
    while (now_ms() < until) {
        if (wire_call_cancelled(c)) {
            saw = true;
            break;
        }
        sleep_ms(5);
    }
    if (!saw)
        wire_call_finish(c, WIRE_STATUS_OK, NULL, NULL, 0);
    pthread_mutex_lock(&ts.mu);
    ts.wait_saw_cancel += saw;
    ts.wait_done++;
    pthread_cond_broadcast(&ts.cond);
    pthread_mutex_unlock(&ts.mu);
}

/* Waits until barrier_target handlers are inside at once (needs that many pool threads). */
static void h_barrier(wire_call *c, void *ctx)
{
    ts_bump(&ts.barrier_in, 1);
    bool ok = ts_wait(&ts.barrier_in, ts.barrier_target, 5000);
    const char *out = ok ? "ok" : "timeout";
    wire_call_reply(c, (const uint8_t *)out, strlen(out));
}

static void release_count(void *arg)
{
    atomic_fetch_add(&ts.released, 1);
    em_free(arg);
}

/* Sends one message of pieces: a copied 5-byte header and a referenced 1 MiB body. */
static void h_zero_copy(wire_call *c, void *ctx)
{
    size_t body_len = 1024 * 1024;
    uint8_t *body = make_msg(3, body_len);
    wire_piece pieces[] = {
        {(const uint8_t *)"head:", 5, NULL, NULL},
        {body, body_len, release_count, body},
        {(const uint8_t *)":tail", 5, NULL, NULL},
    };
    CHECK_EQ_INT(wire_call_send_pieces(c, pieces, 3), 0);
    wire_call_finish(c, WIRE_STATUS_OK, NULL, NULL, 0);
}

/* Publishes the call for the test thread to abort, then sends until that happens. */
static void h_abortable(wire_call *c, void *ctx)
{
    pthread_mutex_lock(&ts.mu);
    ts.abort_call = c;
    pthread_cond_broadcast(&ts.cond);
    pthread_mutex_unlock(&ts.mu);
    uint8_t *msg = make_msg(1, 64 * 1024);
    int rc;
    while ((rc = wire_call_send(c, msg, 64 * 1024)) == 0)
        ;
    em_free(msg);
    /* Unpublish before returning: abort must not race the handler's end. */
    pthread_mutex_lock(&ts.mu);
    ts.abort_call = NULL;
    ts.forever_send_failed += rc == WIRE_EGONE;
    ts.forever_done++;
    pthread_cond_broadcast(&ts.cond);
    pthread_mutex_unlock(&ts.mu);
    CHECK_EQ_INT(wire_call_finish(c, WIRE_STATUS_OK, NULL, NULL, 0), WIRE_EGONE);
}

/* ---- fixture ---------------------------------------------------------------------------- */

typedef struct fixture {
    wire_server *server;
    wire_channel *channel;
    int port;
    char target[64];
} fixture;

static wire_server *make_server(const wire_server_config *cfg, int *port)
{
    em_error err;
    em_error_clear(&err);
    wire_server *s = wire_server_new(cfg, &err);
    CHECK(s != NULL);
    if (!s)
        return NULL;
    static const struct {
        const char *name;
        wire_method_kind kind;
        wire_handler_fn fn;
    } methods[] = {
        {SVC "Echo", WIRE_UNARY, h_echo},
        {SVC "Inspect", WIRE_UNARY, h_inspect},
        {SVC "Stream", WIRE_SERVER_STREAM, h_stream},
        {SVC "Upload", WIRE_CLIENT_STREAM, h_upload},
        {SVC "UploadReject", WIRE_CLIENT_STREAM, h_upload_reject},
        {SVC "Fail", WIRE_UNARY, h_fail},
        {SVC "StreamFail", WIRE_SERVER_STREAM, h_stream_fail},
        {SVC "NoFinish", WIRE_UNARY, h_no_finish},
        {SVC "Forever", WIRE_SERVER_STREAM, h_forever},
        {SVC "WaitCancel", WIRE_UNARY, h_wait_cancel},
        {SVC "WaitCancelStream", WIRE_SERVER_STREAM, h_wait_cancel},
        {SVC "Barrier", WIRE_UNARY, h_barrier},
        {SVC "ZeroCopy", WIRE_UNARY, h_zero_copy},
        {SVC "Abortable", WIRE_SERVER_STREAM, h_abortable},
    };
    for (size_t idx = 0; idx < sizeof methods / sizeof methods[0]; idx++)
        CHECK_EQ_INT(
            wire_server_register(s, methods[idx].name, methods[idx].kind, methods[idx].fn, NULL),
            0);
    int rc = wire_server_start(s, port, &err);
    CHECK_EQ_INT(rc, 0);
    if (rc != 0)
        fprintf(stderr, "  start: %s\n", err.message);
    return s;
}

static bool fixture_open(fixture *f, const wire_server_config *scfg, const wire_channel_opts *copts)
{
    memset(f, 0, sizeof *f);
    ts_reset();
    f->server = make_server(scfg, &f->port);
    if (!f->server)
        return false;
    snprintf(f->target, sizeof f->target, "127.0.0.1:%d", f->port);
    em_error err;
    em_error_clear(&err);
    f->channel = wire_channel_new(f->target, copts, &err);
    CHECK(f->channel != NULL);
    return f->channel != NULL;
}

static void fixture_close(fixture *f)
{
    wire_channel_free(f->channel);
    wire_server_free(f->server);
}

/* Echo round trip of len bytes; returns whether the response matched. */
static bool echo_ok(wire_channel *ch, size_t len)
{
    uint8_t *req = make_msg(9, len);
    uint8_t *resp;
    size_t resp_len;
    wire_status st;
    int rc = wire_unary(ch, SVC "Echo", req, len, NULL, 0, 10000, &resp, &resp_len, &st);
    bool ok = rc == 0 && st.code == 0 && resp_len == len && memcmp(resp, req, len) == 0;
    if (!ok)
        fprintf(stderr, "  echo(%zu): rc=%d code=%d msg=%s\n", len, rc, st.code,
                st.message ? st.message : "");
    em_free(req);
    em_free(resp);
    wire_status_release(&st);
    return ok;
}

/* ---- tests ------------------------------------------------------------------------------- */

EM_TEST(unary_echo)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        CHECK(echo_ok(f.channel, 0));
        CHECK(echo_ok(f.channel, 1));
        CHECK(echo_ok(f.channel, 1000));
        CHECK(echo_ok(f.channel, 3 * 1024 * 1024 + 17));
        pthread_mutex_lock(&ts.mu);
        CHECK(ts.read_on_unary >= 1); /* wire_call_read on a unary call is refused */
        pthread_mutex_unlock(&ts.mu);
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(server_stream_many_and_big)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        const char *req = "300 1000 150 8388608"; /* message 150 is 8 MiB */
        em_error err;
        em_error_clear(&err);
        wire_stream *s = wire_stream_start(f.channel, SVC "Stream", (const uint8_t *)req,
                                           strlen(req), NULL, 0, &err);
        CHECK(s != NULL);
        CHECK(wire_stream_status(s) == NULL);
        uint32_t n_msgs = 0;
        bool all_ok = true;
        uint8_t *msg;
        size_t len;
        int rc;
        while ((rc = wire_stream_next(s, &msg, &len)) == 1) {
            size_t want = n_msgs == 150 ? 8388608 : 1000;
            if (len != want || !check_msg(n_msgs, msg, len))
                all_ok = false;
            n_msgs++;
            em_free(msg);
        }
        CHECK_EQ_INT(rc, 0);
        CHECK_EQ_INT(n_msgs, 300);
        CHECK(all_ok);
        const wire_status *st = wire_stream_status(s);
        CHECK(st != NULL && st->code == WIRE_STATUS_OK);
        CHECK_EQ_INT(wire_stream_next(s, &msg, &len), 0); /* stays ended */
        wire_stream_free(s);

        /* An empty stream ends at once with OK. */
        s = wire_stream_start(f.channel, SVC "Stream", (const uint8_t *)"0 0 0 0", 7, NULL, 0,
                              &err);
        CHECK_EQ_INT(wire_stream_next(s, &msg, &len), 0);
        CHECK_EQ_INT(wire_stream_status(s)->code, WIRE_STATUS_OK);
        wire_stream_free(s);
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(client_stream)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        em_error err;
        em_error_clear(&err);
        wire_cstream *s = wire_cstream_start(f.channel, SVC "Upload", NULL, 0, &err);
        CHECK(s != NULL);
        uint32_t sum = 2166136261u;
        size_t total = 0;
        for (uint32_t idx = 0; idx < 100; idx++) {
            size_t len = idx == 50 ? 1024 * 1024 : (size_t)idx * 13;
            uint8_t *msg = make_msg(idx, len);
            CHECK_EQ_INT(wire_cstream_write(s, msg, len), 0);
            sum = fnv(sum, msg, len);
            total += len;
            em_free(msg);
        }
        uint8_t *resp;
        size_t resp_len;
        wire_status st;
        CHECK_EQ_INT(wire_cstream_finish(s, &resp, &resp_len, &st), 0);
        CHECK_EQ_INT(st.code, WIRE_STATUS_OK);
        char want[128];
        snprintf(want, sizeof want, "n=100 bytes=%zu sum=%08x", total, sum);
        char got[128];
        snprintf(got, sizeof got, "%.*s", (int)resp_len, resp ? (const char *)resp : "");
        CHECK_EQ_STR(got, want);
        em_free(resp);
        wire_status_release(&st);
        CHECK_EQ_INT(wire_cstream_write(s, (const uint8_t *)"x", 1), WIRE_ESTATE);
        CHECK_EQ_INT(wire_cstream_finish(s, &resp, &resp_len, &st), WIRE_ESTATE);
        wire_status_release(&st);
        wire_cstream_free(s);

        /* Zero messages. */
        s = wire_cstream_start(f.channel, SVC "Upload", NULL, 0, &err);
        CHECK_EQ_INT(wire_cstream_finish(s, &resp, &resp_len, &st), 0);
        snprintf(got, sizeof got, "%.*s", (int)resp_len, resp ? (const char *)resp : "");
        CHECK_EQ_STR(got, "n=0 bytes=0 sum=811c9dc5");
        em_free(resp);
        wire_status_release(&st);
        wire_cstream_free(s);

        /* The server answers early: writes start failing, finish reports its status. */
        s = wire_cstream_start(f.channel, SVC "UploadReject", NULL, 0, &err);
        uint8_t *chunk = make_msg(5, 16384);
        int write_rc = 0, n_writes = 0;
        while (n_writes < 10000 && (write_rc = wire_cstream_write(s, chunk, 16384)) == 0)
            n_writes++;
        em_free(chunk);
        CHECK_EQ_INT(write_rc, WIRE_EGONE);
        CHECK_EQ_INT(wire_cstream_finish(s, &resp, &resp_len, &st), 0);
        CHECK_EQ_INT(st.code, WIRE_STATUS_PERMISSION_DENIED);
        CHECK_EQ_STR(st.message, "no more");
        CHECK(resp == NULL);
        wire_status_release(&st);
        wire_cstream_free(s);

        /* Freed without finishing: the server sees a cancel and the handler returns. */
        s = wire_cstream_start(f.channel, SVC "Upload", NULL, 0, &err);
        CHECK_EQ_INT(wire_cstream_write(s, (const uint8_t *)"abc", 3), 0);
        wire_cstream_free(s);
        CHECK(echo_ok(f.channel, 10));
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(metadata_round_trip)
{
    int64_t mem0 = em_mem_in_use();
    const char *chan_md[] = {"authorization", "Bearer secret-token"};
    wire_channel_opts opts = {.metadata = chan_md, .n_metadata = 1};
    fixture f;
    if (fixture_open(&f, NULL, &opts)) {
        /* Per-call metadata is given as C strings, so a -bin value cannot hold NULs here; the
         * high bytes still check that binary headers arrive decoded and intact. */
        const char *extra[] = {"x-user", "alice", "x-data-bin", "bin\x01\x02\xfe"};
        uint8_t *resp;
        size_t resp_len;
        wire_status st;
        CHECK_EQ_INT(wire_unary(f.channel, SVC "Inspect", (const uint8_t *)"", 0, extra, 2, 0,
                                &resp, &resp_len, &st),
                     0);
        CHECK_EQ_INT(st.code, 0);
        char got[400];
        snprintf(got, sizeof got, "%.*s", (int)resp_len, resp ? (const char *)resp : "");
        uint32_t bin_sum = fnv(2166136261u, (const uint8_t *)"bin\x01\x02\xfe", 6);
        char want[400];
        snprintf(want, sizeof want,
                 "auth=Bearer secret-token;user=alice;bin=6:%08x;absent=no;method=" SVC
                 "Inspect;peer=1;deadline=-1",
                 bin_sum);
        CHECK_EQ_STR(got, want);
        em_free(resp);
        wire_status_release(&st);

        /* A deadline shows up in the handler. */
        CHECK_EQ_INT(wire_unary(f.channel, SVC "Inspect", (const uint8_t *)"", 0, NULL, 0, 60000,
                                &resp, &resp_len, &st),
                     0);
        snprintf(got, sizeof got, "%.*s", (int)resp_len, resp ? (const char *)resp : "");
        const char *dl = strstr(got, "deadline=");
        long long dl_ms = dl ? atoll(dl + 9) : -2;
        /* gRPC rounds the encoded timeout up a little, so allow some slack above. */
        CHECK(dl_ms > 30000 && dl_ms <= 61000);
        CHECK(strstr(got, "user=-;") != NULL); /* no per-call metadata this time */
        em_free(resp);
        wire_status_release(&st);

        /* Invalid per-call metadata is a local failure, reported in the status. */
        const char *bad[] = {"Not A Key", "v"};
        CHECK_EQ_INT(wire_unary(f.channel, SVC "Inspect", (const uint8_t *)"", 0, bad, 1, 0, &resp,
                                &resp_len, &st),
                     WIRE_ELOCAL);
        CHECK_EQ_INT(st.code, WIRE_STATUS_INTERNAL);
        CHECK(resp == NULL);
        wire_status_release(&st);
    }
    fixture_close(&f);

    /* Invalid channel metadata is refused at creation. */
    em_error err;
    em_error_clear(&err);
    const char *bad_md[] = {"Upper", "x"};
    wire_channel_opts bad_opts = {.metadata = bad_md, .n_metadata = 1};
    CHECK(wire_channel_new("127.0.0.1:1", &bad_opts, &err) == NULL);
    CHECK(em_error_is_set(&err));
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(error_status_with_details)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        /* 5000 bytes covering every byte value, NULs included. */
        uint8_t details[5000];
        for (size_t j = 0; j < sizeof details; j++)
            details[j] = (uint8_t)(j * 7 + (j >> 8));
        uint8_t *resp;
        size_t resp_len;
        wire_status st;
        CHECK_EQ_INT(wire_unary(f.channel, SVC "Fail", details, sizeof details, NULL, 0, 0, &resp,
                                &resp_len, &st),
                     0);
        CHECK_EQ_INT(st.code, WIRE_STATUS_INVALID_ARGUMENT);
        CHECK_EQ_STR(st.message, "bad thing");
        CHECK_EQ_INT(st.details_len, sizeof details);
        CHECK(st.details && memcmp(st.details, details, sizeof details) == 0);
        CHECK(resp == NULL);
        wire_status_release(&st);
        CHECK(st.message == NULL && st.details == NULL);

        /* Messages before an error still arrive, then the status with its details. */
        em_error err;
        em_error_clear(&err);
        wire_stream *s =
            wire_stream_start(f.channel, SVC "StreamFail", details, 300, NULL, 0, &err);
        uint8_t *msg;
        size_t len;
        int n_msgs = 0;
        while (wire_stream_next(s, &msg, &len) == 1) {
            CHECK(len == 100 && check_msg((uint32_t)n_msgs, msg, len));
            n_msgs++;
            em_free(msg);
        }
        CHECK_EQ_INT(n_msgs, 3);
        const wire_status *sst = wire_stream_status(s);
        CHECK_EQ_INT(sst->code, WIRE_STATUS_FAILED_PRECONDITION);
        CHECK_EQ_STR(sst->message, "after three");
        CHECK(sst->details_len == 300 && memcmp(sst->details, details, 300) == 0);
        wire_stream_free(s);

        /* A handler that returns without a status yields INTERNAL. */
        CHECK_EQ_INT(wire_unary(f.channel, SVC "NoFinish", (const uint8_t *)"", 0, NULL, 0, 0,
                                &resp, &resp_len, &st),
                     0);
        CHECK_EQ_INT(st.code, WIRE_STATUS_INTERNAL);
        wire_status_release(&st);
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(unknown_method_unimplemented)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        for (int round = 0; round < 3; round++) {
            int64_t t0 = now_ms();
            uint8_t *resp;
            size_t resp_len;
            wire_status st;
            /* No deadline: without the catch-all request this would hang forever. */
            CHECK_EQ_INT(wire_unary(f.channel, "/spark.connect.SparkConnectService/Nope",
                                    (const uint8_t *)"x", 1, NULL, 0, 0, &resp, &resp_len, &st),
                         0);
            CHECK(now_ms() - t0 < 1000);
            CHECK_EQ_INT(st.code, WIRE_STATUS_UNIMPLEMENTED);
            CHECK(st.message && strstr(st.message, "/spark.connect.SparkConnectService/Nope"));
            wire_status_release(&st);
        }
        /* Streams to unknown methods end the same way. */
        em_error err;
        em_error_clear(&err);
        wire_stream *s =
            wire_stream_start(f.channel, SVC "Missing", (const uint8_t *)"", 0, NULL, 0, &err);
        uint8_t *msg;
        size_t len;
        CHECK_EQ_INT(wire_stream_next(s, &msg, &len), 0);
        CHECK_EQ_INT(wire_stream_status(s)->code, WIRE_STATUS_UNIMPLEMENTED);
        wire_stream_free(s);
        CHECK(echo_ok(f.channel, 5));
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(message_over_max)
{
    int64_t mem0 = em_mem_in_use();
    wire_server_config cfg = {.max_message_bytes = 1024 * 1024};
    fixture f;
    if (fixture_open(&f, &cfg, NULL)) {
        /* Request over the server's limit. */
        size_t big = 2 * 1024 * 1024;
        uint8_t *req = make_msg(1, big);
        uint8_t *resp;
        size_t resp_len;
        wire_status st;
        CHECK_EQ_INT(
            wire_unary(f.channel, SVC "Echo", req, big, NULL, 0, 10000, &resp, &resp_len, &st), 0);
        CHECK_EQ_INT(st.code, WIRE_STATUS_RESOURCE_EXHAUSTED);
        wire_status_release(&st);
        /* Same for a client stream message. */
        em_error err;
        em_error_clear(&err);
        wire_cstream *cs = wire_cstream_start(f.channel, SVC "Upload", NULL, 0, &err);
        wire_cstream_write(cs, req, big); /* may or may not fail locally; the status tells */
        CHECK_EQ_INT(wire_cstream_finish(cs, &resp, &resp_len, &st), 0);
        CHECK_EQ_INT(st.code, WIRE_STATUS_RESOURCE_EXHAUSTED);
        wire_status_release(&st);
        wire_cstream_free(cs);
        em_free(req);
        /* The server still serves. */
        CHECK(echo_ok(f.channel, 1000));
        CHECK(echo_ok(f.channel, 1024 * 1024 - 64));
    }
    fixture_close(&f);

    /* Response over the client's limit. */
    wire_channel_opts small = {.max_message_bytes = 1024 * 1024};
    if (fixture_open(&f, NULL, &small)) {
        const char *req = "3 10 1 2000000";
        em_error err;
        em_error_clear(&err);
        wire_stream *s = wire_stream_start(f.channel, SVC "Stream", (const uint8_t *)req,
                                           strlen(req), NULL, 0, &err);
        uint8_t *msg;
        size_t len;
        int n_msgs = 0;
        while (wire_stream_next(s, &msg, &len) == 1) {
            n_msgs++;
            em_free(msg);
        }
        CHECK_EQ_INT(n_msgs, 1);
        CHECK_EQ_INT(wire_stream_status(s)->code, WIRE_STATUS_RESOURCE_EXHAUSTED);
        wire_stream_free(s);
        CHECK(echo_ok(f.channel, 1000));
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

typedef struct cancel_arg {
    wire_stream *stream;
    int delay_ms;
} cancel_arg;

static void *cancel_later(void *arg)
{
    cancel_arg *a = arg;
    sleep_ms(a->delay_ms);
    wire_stream_cancel(a->stream);
    return NULL;
}

EM_TEST(client_cancel_mid_stream)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        em_error err;
        em_error_clear(&err);
        /* Cancel after reading a few messages: the handler's send fails and it returns. */
        wire_stream *s =
            wire_stream_start(f.channel, SVC "Forever", (const uint8_t *)"", 0, NULL, 0, &err);
        uint8_t *msg;
        size_t len;
        for (int idx = 0; idx < 5; idx++) {
            CHECK_EQ_INT(wire_stream_next(s, &msg, &len), 1);
            em_free(msg);
        }
        wire_stream_cancel(s);
        int guard = 0;
        while (wire_stream_next(s, &msg, &len) == 1 && guard++ < 100000)
            em_free(msg);
        CHECK_EQ_INT(wire_stream_status(s)->code, WIRE_STATUS_CANCELLED);
        wire_stream_free(s);
        CHECK(ts_wait(&ts.forever_done, 1, 5000));
        CHECK_EQ_INT(ts.forever_send_failed, 1);

        /* Cancel from another thread while next() blocks; the handler polls
         * wire_call_cancelled and sees it. */
        s = wire_stream_start(f.channel, SVC "WaitCancelStream", (const uint8_t *)"", 0, NULL, 0,
                              &err);
        cancel_arg a = {s, 100};
        pthread_t tid;
        pthread_create(&tid, NULL, cancel_later, &a);
        int64_t t0 = now_ms();
        CHECK_EQ_INT(wire_stream_next(s, &msg, &len), 0);
        CHECK(now_ms() - t0 < 5000);
        pthread_join(tid, NULL);
        CHECK_EQ_INT(wire_stream_status(s)->code, WIRE_STATUS_CANCELLED);
        wire_stream_free(s);
        CHECK(ts_wait(&ts.wait_done, 1, 5000));
        CHECK_EQ_INT(ts.wait_saw_cancel, 1);

        /* Freeing a running stream cancels it too. */
        s = wire_stream_start(f.channel, SVC "Forever", (const uint8_t *)"", 0, NULL, 0, &err);
        CHECK_EQ_INT(wire_stream_next(s, &msg, &len), 1);
        em_free(msg);
        wire_stream_free(s);
        CHECK(ts_wait(&ts.forever_done, 2, 5000));
        CHECK(echo_ok(f.channel, 10));
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(deadline_exceeded)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        uint8_t *resp;
        size_t resp_len;
        wire_status st;
        int64_t t0 = now_ms();
        CHECK_EQ_INT(wire_unary(f.channel, SVC "WaitCancel", (const uint8_t *)"", 0, NULL, 0, 300,
                                &resp, &resp_len, &st),
                     0);
        int64_t took = now_ms() - t0;
        CHECK_EQ_INT(st.code, WIRE_STATUS_DEADLINE_EXCEEDED);
        CHECK(took >= 250 && took < 5000);
        wire_status_release(&st);
        CHECK(ts_wait(&ts.wait_done, 1, 5000));
        CHECK_EQ_INT(ts.wait_saw_cancel, 1);
        CHECK(ts.wait_deadline_ms > 0 && ts.wait_deadline_ms <= 400); /* rounded up a little */
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(abort_from_other_thread)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        em_error err;
        em_error_clear(&err);
        wire_stream *s =
            wire_stream_start(f.channel, SVC "Abortable", (const uint8_t *)"", 0, NULL, 0, &err);
        uint8_t *msg;
        size_t len;
        CHECK_EQ_INT(wire_stream_next(s, &msg, &len), 1); /* the handler is running */
        em_free(msg);
        /* The client stops reading; the handler soon blocks in flow control. Abort it. */
        pthread_mutex_lock(&ts.mu);
        CHECK(ts.abort_call != NULL);
        if (ts.abort_call)
            wire_call_abort(ts.abort_call, WIRE_STATUS_ABORTED, "interrupted by the test");
        pthread_mutex_unlock(&ts.mu);
        CHECK(ts_wait(&ts.forever_done, 1, 5000));
        CHECK_EQ_INT(ts.forever_send_failed, 1);
        int guard = 0;
        while (wire_stream_next(s, &msg, &len) == 1 && guard++ < 100000)
            em_free(msg);
        CHECK_EQ_INT(wire_stream_status(s)->code, WIRE_STATUS_ABORTED);
        CHECK_EQ_STR(wire_stream_status(s)->message, "interrupted by the test");
        wire_stream_free(s);
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(zero_copy_send)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        uint8_t *resp;
        size_t resp_len;
        wire_status st;
        CHECK_EQ_INT(wire_unary(f.channel, SVC "ZeroCopy", (const uint8_t *)"", 0, NULL, 0, 0,
                                &resp, &resp_len, &st),
                     0);
        CHECK_EQ_INT(st.code, 0);
        size_t body_len = 1024 * 1024;
        CHECK_EQ_INT(resp_len, body_len + 10);
        if (resp_len == body_len + 10) {
            CHECK(memcmp(resp, "head:", 5) == 0);
            CHECK(check_msg(3, resp + 5, body_len));
            CHECK(memcmp(resp + 5 + body_len, ":tail", 5) == 0);
        }
        em_free(resp);
        wire_status_release(&st);
        /* gRPC drops its reference once the bytes are written; it may do so on its own thread
         * shortly after the call completed. */
        int64_t until = now_ms() + 5000;
        while (atomic_load(&ts.released) < 1 && now_ms() < until)
            sleep_ms(2);
        CHECK_EQ_INT(atomic_load(&ts.released), 1);
    }
    fixture_close(&f);
    CHECK_EQ_INT(atomic_load(&ts.released), 1);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

typedef struct barrier_arg {
    wire_channel *ch;
    char result[16];
} barrier_arg;

static void *barrier_client(void *arg)
{
    barrier_arg *a = arg;
    uint8_t *resp;
    size_t resp_len;
    wire_status st;
    wire_unary(a->ch, SVC "Barrier", (const uint8_t *)"", 0, NULL, 0, 10000, &resp, &resp_len, &st);
    snprintf(a->result, sizeof a->result, "%.*s", st.code == 0 ? (int)resp_len : 0,
             resp ? (const char *)resp : "");
    em_free(resp);
    wire_status_release(&st);
    return NULL;
}

EM_TEST(pool_grows_for_concurrent_handlers)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        enum { N = 8 };
        pthread_mutex_lock(&ts.mu);
        ts.barrier_target = N;
        pthread_mutex_unlock(&ts.mu);
        barrier_arg args[N];
        pthread_t tids[N];
        for (int idx = 0; idx < N; idx++) {
            args[idx].ch = f.channel;
            args[idx].result[0] = 0;
            pthread_create(&tids[idx], NULL, barrier_client, &args[idx]);
        }
        for (int idx = 0; idx < N; idx++) {
            pthread_join(tids[idx], NULL);
            CHECK_EQ_STR(args[idx].result, "ok");
        }
        /* Once the burst is over, surplus threads exit; two idle ones stay. */
        wire_server_stats stats;
        int64_t until = now_ms() + 5000;
        do {
            sleep_ms(5);
            wire_server_get_stats(f.server, &stats);
        } while (stats.n_threads > 2 && now_ms() < until);
        CHECK_EQ_INT(stats.n_threads, 2);
        CHECK_EQ_INT(stats.n_idle, 2);
        CHECK_EQ_INT(stats.n_busy, 0);
        CHECK_EQ_INT(stats.n_calls, N);
        /* And the pool grows again. */
        CHECK(echo_ok(f.channel, 10));
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(max_threads_caps_and_queues)
{
    int64_t mem0 = em_mem_in_use();
    wire_server_config cfg = {.max_threads = 2};
    fixture f;
    if (fixture_open(&f, &cfg, NULL)) {
        em_error err;
        em_error_clear(&err);
        wire_stream *streams[3];
        for (int idx = 0; idx < 3; idx++)
            streams[idx] = wire_stream_start(f.channel, SVC "WaitCancelStream", (const uint8_t *)"",
                                             0, NULL, 0, &err);
        CHECK(ts_wait(&ts.wait_started, 2, 5000));
        sleep_ms(200); /* give a (wrong) third handler time to start */
        wire_server_stats stats;
        wire_server_get_stats(f.server, &stats);
        CHECK_EQ_INT(stats.n_threads, 2);
        CHECK_EQ_INT(stats.n_busy, 2);
        pthread_mutex_lock(&ts.mu);
        CHECK_EQ_INT(ts.wait_started, 2);
        pthread_mutex_unlock(&ts.mu);
        /* Ending one call frees a thread for the queued one. */
        wire_stream_cancel(streams[0]);
        CHECK(ts_wait(&ts.wait_started, 3, 5000));
        for (int idx = 0; idx < 3; idx++) {
            wire_stream_cancel(streams[idx]);
            uint8_t *msg;
            size_t len;
            CHECK_EQ_INT(wire_stream_next(streams[idx], &msg, &len), 0);
            CHECK_EQ_INT(wire_stream_status(streams[idx])->code, WIRE_STATUS_CANCELLED);
            wire_stream_free(streams[idx]);
        }
        CHECK(ts_wait(&ts.wait_done, 3, 5000));
        CHECK(echo_ok(f.channel, 10));
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

typedef struct echo_arg {
    wire_channel *ch;
    int n_ok;
} echo_arg;

static void *echo_client(void *arg)
{
    echo_arg *a = arg;
    for (int idx = 0; idx < 40; idx++)
        a->n_ok += echo_ok(a->ch, (size_t)(idx * 97));
    return NULL;
}

EM_TEST(concurrent_unary_on_one_channel)
{
    int64_t mem0 = em_mem_in_use();
    wire_server_config cfg = {.max_threads = 3};
    fixture f;
    if (fixture_open(&f, &cfg, NULL)) {
        enum { N = 8 };
        echo_arg args[N];
        pthread_t tids[N];
        for (int idx = 0; idx < N; idx++) {
            args[idx].ch = f.channel;
            args[idx].n_ok = 0;
            pthread_create(&tids[idx], NULL, echo_client, &args[idx]);
        }
        for (int idx = 0; idx < N; idx++) {
            pthread_join(tids[idx], NULL);
            CHECK_EQ_INT(args[idx].n_ok, 40);
        }
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(second_server_same_port_fails)
{
    int64_t mem0 = em_mem_in_use();
    int port = 0;
    wire_server *a = make_server(NULL, &port);
    CHECK(port > 0);
    wire_server_config cfg = {.port = port};
    em_error err;
    em_error_clear(&err);
    wire_server *b = wire_server_new(&cfg, &err);
    CHECK(b != NULL);
    int bport = 0;
    CHECK(wire_server_start(b, &bport, &err) != 0);
    CHECK(em_error_is_set(&err));
    CHECK(strstr(err.message, "cannot listen") != NULL);
    CHECK_EQ_INT(bport, 0);
    wire_server_free(b);
    /* The first server is unaffected. */
    char target[64];
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    wire_channel *ch = wire_channel_new(target, NULL, &err);
    CHECK(echo_ok(ch, 100));
    wire_channel_free(ch);
    wire_server_free(a);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(shutdown_while_streaming)
{
    int64_t mem0 = em_mem_in_use();
    fixture f;
    if (fixture_open(&f, NULL, NULL)) {
        em_error err;
        em_error_clear(&err);
        wire_stream *s =
            wire_stream_start(f.channel, SVC "Forever", (const uint8_t *)"", 0, NULL, 0, &err);
        uint8_t *msg;
        size_t len;
        CHECK_EQ_INT(wire_stream_next(s, &msg, &len), 1);
        em_free(msg);
        /* The client stops reading: the handler blocks in flow control. */
        CHECK(ts_wait(&ts.forever_sent, 4, 5000));
        int64_t t0 = now_ms();
        wire_server_shutdown(f.server);
        CHECK(now_ms() - t0 < 5000);
        CHECK_EQ_INT(ts.forever_done, 1);
        CHECK_EQ_INT(ts.forever_send_failed, 1);
        int guard = 0;
        while (wire_stream_next(s, &msg, &len) == 1 && guard++ < 100000)
            em_free(msg);
        CHECK(wire_stream_status(s)->code != WIRE_STATUS_OK);
        wire_stream_free(s);
        wire_server_shutdown(f.server); /* idempotent */

        /* New calls fail fast once the server is gone. */
        uint8_t *resp;
        size_t resp_len;
        wire_status st;
        CHECK_EQ_INT(wire_unary(f.channel, SVC "Echo", (const uint8_t *)"x", 1, NULL, 0, 5000,
                                &resp, &resp_len, &st),
                     0);
        CHECK_EQ_INT(st.code, WIRE_STATUS_UNAVAILABLE);
        wire_status_release(&st);
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(server_api_misuse)
{
    int64_t mem0 = em_mem_in_use();
    em_error err;
    em_error_clear(&err);
    wire_server_config only_cert = {.tls_cert_pem = "x"};
    CHECK(wire_server_new(&only_cert, &err) == NULL);
    CHECK(em_error_is_set(&err));

    em_error_clear(&err);
    wire_server *s = wire_server_new(NULL, &err);
    CHECK_EQ_INT(wire_server_register(s, SVC "A", WIRE_UNARY, h_echo, NULL), 0);
    CHECK_EQ_INT(wire_server_register(s, SVC "A", WIRE_UNARY, h_echo, NULL), WIRE_ESTATE);
    em_error_clear(&err);
    CHECK_EQ_INT(wire_server_register(s, "no-slash", WIRE_UNARY, h_echo, NULL), WIRE_ESTATE);
    em_error_clear(&err);
    int port = 0;
    CHECK_EQ_INT(wire_server_start(s, &port, &err), 0);
    CHECK_EQ_INT(wire_server_register(s, SVC "B", WIRE_UNARY, h_echo, NULL), WIRE_ESTATE);
    em_error_clear(&err);
    CHECK(wire_server_start(s, &port, &err) != 0);
    wire_server_free(s);

    /* Client-side argument checks. */
    wire_channel *ch = wire_channel_new("127.0.0.1:1", NULL, &err);
    CHECK(ch != NULL);
    em_error_clear(&err);
    CHECK(wire_stream_start(ch, "no-slash", (const uint8_t *)"", 0, NULL, 0, &err) == NULL);
    CHECK(em_error_is_set(&err));
    em_error_clear(&err);
    const char *bad_md[] = {"x-ok", "line\nbreak"};
    CHECK(wire_cstream_start(ch, SVC "Upload", bad_md, 1, &err) == NULL);
    CHECK(em_error_is_set(&err));
    em_error_clear(&err);
    wire_channel_opts both = {.use_tls = true, .local_credentials = true};
    CHECK(wire_channel_new("127.0.0.1:1", &both, &err) == NULL);
    CHECK(wire_channel_new("", NULL, &err) == NULL);
    em_error_clear(&err);
    wire_channel_free(ch);
    wire_channel_free(NULL);
    wire_server_free(NULL);
    wire_status zero = {0};
    wire_status_release(&zero);

    /* Created, never started. */
    s = wire_server_new(NULL, NULL);
    wire_server_free(s);
    CHECK_EQ_STR(wire_status_code_name(WIRE_STATUS_UNIMPLEMENTED), "UNIMPLEMENTED");
    CHECK_EQ_STR(wire_status_code_name(99), "UNKNOWN_CODE");
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(server_down_is_unavailable)
{
    int64_t mem0 = em_mem_in_use();
    int port = 0;
    wire_server *s = make_server(NULL, &port);
    wire_server_free(s); /* the port is now closed */
    char target[64];
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    em_error err;
    em_error_clear(&err);
    wire_channel *ch = wire_channel_new(target, NULL, &err);
    uint8_t *resp;
    size_t resp_len;
    wire_status st;
    int64_t t0 = now_ms();
    CHECK_EQ_INT(
        wire_unary(ch, SVC "Echo", (const uint8_t *)"x", 1, NULL, 0, 5000, &resp, &resp_len, &st),
        0);
    CHECK_EQ_INT(st.code, WIRE_STATUS_UNAVAILABLE);
    CHECK(now_ms() - t0 < 4000);
    wire_status_release(&st);
    wire_stream *ws =
        wire_stream_start(ch, SVC "Stream", (const uint8_t *)"1 1 0 0", 7, NULL, 0, &err);
    uint8_t *msg;
    size_t len;
    CHECK_EQ_INT(wire_stream_next(ws, &msg, &len), 0);
    CHECK_EQ_INT(wire_stream_status(ws)->code, WIRE_STATUS_UNAVAILABLE);
    wire_stream_free(ws);
    wire_channel_free(ch);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

EM_TEST(local_credentials)
{
    int64_t mem0 = em_mem_in_use();
    wire_channel_opts opts = {.local_credentials = true};
    fixture f;
    if (fixture_open(&f, NULL, &opts)) {
        uint8_t *resp;
        size_t resp_len;
        wire_status st;
        CHECK_EQ_INT(wire_unary(f.channel, SVC "Echo", (const uint8_t *)"hi", 2, NULL, 0, 5000,
                                &resp, &resp_len, &st),
                     0);
        /* A local-credentials client talks to a plaintext server. */
        CHECK_EQ_INT(st.code, 0);
        if (st.code != 0)
            fprintf(stderr, "  local creds: %s\n", st.message);
        em_free(resp);
        wire_status_release(&st);
    }
    fixture_close(&f);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = em_malloc(65536);
    size_t n = fread(buf, 1, 65535, fp);
    buf[n] = 0;
    fclose(fp);
    return buf;
}

EM_TEST(tls_self_signed)
{
    if (system("openssl version >/dev/null 2>&1") != 0) {
        printf("tls_self_signed: skipped (no openssl CLI)\n");
        return;
    }
    int64_t mem0 = em_mem_in_use();
    char dir[] = "/tmp/wire_test_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 "
             "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 "
             "-keyout %s/key.pem -out %s/cert.pem >/dev/null 2>&1",
             dir, dir);
    int rc = system(cmd);
    CHECK_EQ_INT(rc, 0);
    char path[256];
    snprintf(path, sizeof path, "%s/cert.pem", dir);
    char *cert = read_file(path);
    unlink(path);
    snprintf(path, sizeof path, "%s/key.pem", dir);
    char *key = read_file(path);
    unlink(path);
    rmdir(dir);
    CHECK(cert && key);
    if (rc == 0 && cert && key) {
        wire_server_config cfg = {.tls_cert_pem = cert, .tls_key_pem = key};
        wire_channel_opts opts = {.use_tls = true, .root_certs_pem = cert};
        fixture f;
        if (fixture_open(&f, &cfg, &opts)) {
            CHECK(echo_ok(f.channel, 100));
            CHECK(echo_ok(f.channel, 2 * 1024 * 1024));
            /* Verified through the name in the certificate as well. */
            wire_channel_opts by_name = {
                .use_tls = true, .root_certs_pem = cert, .tls_server_name = "localhost"};
            em_error err;
            em_error_clear(&err);
            wire_channel *named = wire_channel_new(f.target, &by_name, &err);
            CHECK(echo_ok(named, 10));
            wire_channel_free(named);
            /* A plaintext client cannot talk to the TLS server. */
            wire_channel *plain = wire_channel_new(f.target, NULL, &err);
            uint8_t *resp;
            size_t resp_len;
            wire_status st;
            CHECK_EQ_INT(wire_unary(plain, SVC "Echo", (const uint8_t *)"x", 1, NULL, 0, 3000,
                                    &resp, &resp_len, &st),
                         0);
            CHECK(st.code != WIRE_STATUS_OK);
            em_free(resp);
            wire_status_release(&st);
            wire_channel_free(plain);
        }
        fixture_close(&f);
    }
    em_free(cert);
    em_free(key);
    CHECK_EQ_INT(em_mem_in_use(), mem0);
}

int main(int argc, char **argv)
{
    /* As the application would: block the signals gRPC's threads must not take, then keep
     * one library reference for the whole run so gRPC starts once. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    if (getenv("WIRE_TEST_DEBUG"))
        em_log_set_level(EM_LOG_DEBUG);
    else
        em_log_set_level(EM_LOG_ERROR); /* the tests provoke grpc warnings on purpose */
    wire_init();
    int rc = em_test_main(argc, argv);
    wire_shutdown();
    return rc;
}
