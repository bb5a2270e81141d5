/*
 * cl_rpc.c: unary calls with PySpark's retry policy, and small protobuf-c helpers.
 *
 * The retry policy is PySpark's DefaultPolicy (client/retries.py), state per logical call:
 *   retryable:  UNAVAILABLE; INTERNAL whose message contains INVALID_CURSOR.DISCONNECTED;
 *               any status whose details carry google.rpc.RetryInfo;
 *   attempt k:  wait = next_wait (first: initial_backoff); next_wait = min(max_backoff,
 *               wait * multiplier); with RetryInfo, wait = max(wait, min(retry_delay,
 *               max_server_retry_delay)); when wait >= min_jitter_threshold add uniform(0,
 *               jitter); give up after max_retries retries.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

/* ------------------------------------------------------------------------------- retries -- */

static int cl_policy_int(int v, int dflt)
{
    return v ? v : dflt;
}

void cl_retry_init(const ember_session *s, cl_retry_state *st)
{
    st->attempt = 0;
    st->next_wait_ms = cl_policy_int(s->retry.initial_backoff_ms, 50);
}

/* The RetryInfo delay in ms carried by the status details, or -1. */
static int64_t cl_retry_info_ms(const wire_status *st)
{
    if (!st->details || !st->details_len)
        return -1;
    Google__Rpc__Status *rs = google__rpc__status__unpack(NULL, st->details_len, st->details);
    if (!rs)
        return -1;
    int64_t out = -1;
    for (size_t idx = 0; idx < rs->n_details && out < 0; idx++) {
        const char *url = rs->details[idx]->type_url ? rs->details[idx]->type_url : "";
        static const char want[] = "google.rpc.RetryInfo";
        size_t ul = strlen(url);
        if (ul < sizeof want - 1 || strcmp(url + ul - (sizeof want - 1), want) != 0)
            continue;
        Google__Rpc__RetryInfo *ri = google__rpc__retry_info__unpack(
            NULL, rs->details[idx]->value.len, rs->details[idx]->value.data);
        if (ri) {
            out = 0;
            if (ri->retry_delay)
                out = ri->retry_delay->seconds * 1000 + ri->retry_delay->nanos / 1000000;
            if (out < 0)
                out = 0;
            google__rpc__retry_info__free_unpacked(ri, NULL);
        }
    }
    google__rpc__status__free_unpacked(rs, NULL);
    return out;
}

bool cl_retry_can(const wire_status *st)
{
    if (st->code == WIRE_STATUS_UNAVAILABLE)
        return true;
    if (st->code == WIRE_STATUS_INTERNAL && st->message &&
        strstr(st->message, "INVALID_CURSOR.DISCONNECTED"))
        return true;
    return cl_retry_info_ms(st) >= 0;
}

int64_t cl_retry_next_ms(const ember_session *s, cl_retry_state *rs, const wire_status *st)
{
    int max_retries = cl_policy_int(s->retry.max_retries, 15);
    if (max_retries < 0 || rs->attempt >= max_retries)
        return -1;
    rs->attempt++;
    double wait = rs->next_wait_ms;
    double mult = s->retry.backoff_multiplier != 0 ? s->retry.backoff_multiplier : 4.0;
    double max_backoff = cl_policy_int(s->retry.max_backoff_ms, 60000);
    rs->next_wait_ms = wait * mult < max_backoff ? wait * mult : max_backoff;
    int64_t delay = st ? cl_retry_info_ms(st) : -1;
    if (delay >= 0) {
        int64_t cap = cl_policy_int(s->retry.max_server_retry_delay_ms, 600000);
        if (delay > cap)
            delay = cap;
        if ((double)delay > wait)
            wait = (double)delay;
    }
    if (wait >= cl_policy_int(s->retry.min_jitter_threshold_ms, 2000)) {
        int jitter = cl_policy_int(s->retry.jitter_ms, 500);
        wait += (double)jitter * ((double)rand() / (double)RAND_MAX);
    }
    return (int64_t)wait;
}

bool cl_retry_wait(const ember_session *s, cl_retry_state *rs, const wire_status *st)
{
    int64_t ms = cl_retry_next_ms(s, rs, st);
    if (ms < 0)
        return false;
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    return true;
}

/* ------------------------------------------------------------------------------ helpers -- */

uint8_t *cl_pack(const ProtobufCMessage *m, size_t *len)
{
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = em_malloc(n ? n : 1);
    *len = protobuf_c_message_pack(m, buf);
    return buf;
}

static void *cl_arena_alloc_fn(void *data, size_t size)
{
    return em_arena_alloc((em_arena *)data, size ? size : 1);
}

static void cl_arena_free_fn(void *data, void *ptr)
{
    (void)data;
    (void)ptr;
}

void cl_arena_allocator(em_arena *a, ProtobufCAllocator *out)
{
    out->alloc = cl_arena_alloc_fn;
    out->free = cl_arena_free_fn;
    out->allocator_data = a;
}

char *cl_astr(em_arena *a, const char *s)
{
    return em_arena_strdup(a, s ? s : "");
}

/* --------------------------------------------------------------------------------- unary -- */

int cl_unary(ember_session *s, const char *method, const ProtobufCMessage *req,
             const ProtobufCMessageDescriptor *resp_desc, ProtobufCMessage **resp, ember_error *err)
{
    *resp = NULL;
    char path[128];
    cl_strlcpy(path, CL_SERVICE, sizeof path);
    cl_strlcpy(path + strlen(path), method, sizeof path - strlen(path));
    size_t len;
    uint8_t *buf = cl_pack(req, &len);
    cl_retry_state rs;
    cl_retry_init(s, &rs);
    for (;;) {
        uint8_t *out = NULL;
        size_t out_len = 0;
        wire_status st = {0};
        int wrc = wire_unary(s->ch, path, buf, len, NULL, 0, 0, &out, &out_len, &st);
        if (wrc == 0 && st.code == WIRE_STATUS_OK) {
            wire_status_release(&st);
            *resp = protobuf_c_message_unpack(resp_desc, NULL, out_len, out);
            em_free(out);
            em_free(buf);
            if (!*resp)
                return cl_error_set(err, EMBER_EPROTOCOL, NULL, "malformed %s response", method);
            return EMBER_OK;
        }
        em_free(out);
        if (cl_retry_can(&st) && cl_retry_wait(s, &rs, &st)) {
            wire_status_release(&st);
            continue;
        }
        int rc = cl_error_from_status(s, &st, err);
        wire_status_release(&st);
        em_free(buf);
        return rc;
    }
}
