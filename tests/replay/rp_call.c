/*
 * rp_call: one captured request, from its .bin file to the server's answer.
 *
 * Preparing (rp_request_prepare): the bytes are decoded with the request type of their method,
 * then rewritten for replay (architecture §5):
 *   - session_id becomes the folder's fresh session id,
 *   - client_observed_server_side_session_id is cleared (it names the recording mock),
 *   - every string that mentions a capture temp directory "/tmp/<name>" (SQL text, reader and
 *     writer paths, options) points into the run's scratch root instead, so runs neither
 *     collide with each other nor depend on leftovers in /tmp. The doctests created those
 *     directories (tempfile.TemporaryDirectory) right before using them; the caller creates
 *     the rewritten ones before the folder runs.
 * and re-encoded. The rewrite walks the decoded message generically through protobuf-c's
 * descriptors, so it works for every request type. Fields unknown to our .proto files survive
 * (protobuf-c keeps unknown fields and packs them back). A request our .proto files cannot
 * decode at all (a field whose type changed between Spark versions) gets a wire-level rewrite
 * of its top-level session fields only, and is sent anyway: judging it is the server's job.
 *
 * Sending (rp_call): unary methods with a deadline, ExecutePlan as a server stream read to the
 * end, AddArtifacts as a client stream. A watchdog thread enforces the per-folder deadline on
 * streams by cancelling them (wire_stream_cancel is the only way to stop a blocked next()).
 *
 * All protobuf-c allocations go through em_malloc/em_free (rp_pb_allocator).
 */
#include "rp_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <protobuf-c/protobuf-c.h>

#include "arrow/ipc.h"
#include "common/em_mem.h"
#include "google/rpc/error_details.pb-c.h"
#include "google/rpc/status.pb-c.h"
#include "spark/connect/base.pb-c.h"
#include "wire/wire.h"

/* A unary call never waits longer than this (a hung server must not hang the tool). */
#define RP_UNARY_TIMEOUT_MS 30000
/* Captured request files are small; anything larger is rejected unread. */
#define RP_MAX_REQUEST_BYTES ((long)128 << 20)
/* Depth cap for the generic rewrite walk (the decoder itself accepted the nesting). */
#define RP_REWRITE_MAX_DEPTH 4096

static void *rp_pb_alloc(void *data, size_t size)
{
    (void)data;
    return em_malloc(size ? size : 1);
}

static void rp_pb_free(void *data, void *ptr)
{
    (void)data;
    em_free(ptr);
}

static ProtobufCAllocator rp_pb_allocator = {rp_pb_alloc, rp_pb_free, NULL};

int64_t rp_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---------------------------------------------------------------------------------------------
 * methods
 * ------------------------------------------------------------------------------------------- */

typedef enum rp_kind { RP_KIND_UNARY, RP_KIND_SERVER_STREAM, RP_KIND_CLIENT_STREAM } rp_kind;

typedef struct rp_method {
    const char *name;
    const ProtobufCMessageDescriptor *request;
    rp_kind kind;
} rp_method;

static const rp_method rp_methods[] = {
    {"ExecutePlan", &spark__connect__execute_plan_request__descriptor, RP_KIND_SERVER_STREAM},
    {"AnalyzePlan", &spark__connect__analyze_plan_request__descriptor, RP_KIND_UNARY},
    {"Config", &spark__connect__config_request__descriptor, RP_KIND_UNARY},
    {"AddArtifacts", &spark__connect__add_artifacts_request__descriptor, RP_KIND_CLIENT_STREAM},
    {"ArtifactStatus", &spark__connect__artifact_statuses_request__descriptor, RP_KIND_UNARY},
    {"Interrupt", &spark__connect__interrupt_request__descriptor, RP_KIND_UNARY},
    {"ReattachExecute", &spark__connect__reattach_execute_request__descriptor,
     RP_KIND_SERVER_STREAM},
    {"ReleaseExecute", &spark__connect__release_execute_request__descriptor, RP_KIND_UNARY},
    {"ReleaseSession", &spark__connect__release_session_request__descriptor, RP_KIND_UNARY},
    {"FetchErrorDetails", &spark__connect__fetch_error_details_request__descriptor, RP_KIND_UNARY},
    {"CloneSession", &spark__connect__clone_session_request__descriptor, RP_KIND_UNARY},
};

static const rp_method *rp_method_find(const char *name)
{
    for (size_t idx = 0; idx < sizeof rp_methods / sizeof rp_methods[0]; idx++)
        if (strcmp(rp_methods[idx].name, name) == 0)
            return &rp_methods[idx];
    return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * rewriting
 * ------------------------------------------------------------------------------------------- */

static bool rp_is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Rewrites "/tmp/<name>" occurrences of s; returns a new string (caller releases) or NULL when
 * nothing matched. The directories are recorded in rw->paths_seen. */
static char *rp_rewrite_paths(const char *s, const rp_rewrite *rw)
{
    static const char prefix[] = "/tmp/";
    const size_t prefix_len = sizeof prefix - 1;
    if (!rw->path_root || !strstr(s, prefix))
        return NULL;
    em_str out;
    em_str_init(&out, 0);
    bool changed = false;
    const char *p = s;
    while (*p) {
        const char *at = strstr(p, prefix);
        if (!at) {
            em_str_puts(&out, p);
            break;
        }
        /* Must start a path (not "/x/tmp/..."), and be followed by a directory name. */
        bool starts = at == s || (!rp_is_name_char(at[-1]) && at[-1] != '/' && at[-1] != '.');
        const char *name = at + prefix_len;
        size_t name_len = 0;
        while (rp_is_name_char(name[name_len]))
            name_len++;
        em_str_append(&out, p, (size_t)(at - p));
        if (starts && name_len > 0) {
            em_str_printf(&out, "%s/", rw->path_root);
            if (rw->paths_seen) {
                em_str dir;
                em_str_init(&dir, 0);
                em_str_printf(&dir, "%s/%.*s", rw->path_root, (int)name_len, name);
                rp_idset_add(rw->paths_seen, dir.data);
                em_str_release(&dir);
            }
            changed = true;
        } else {
            em_str_append(&out, at, prefix_len);
        }
        p = name;
    }
    if (!changed) {
        em_str_release(&out);
        return NULL;
    }
    em_str_putc(&out, '\0');
    char *result = em_str_move(&out);
    em_str_release(&out);
    return result;
}

static void rp_set_string(char **slot, const char *value)
{
    if (*slot && *slot != protobuf_c_empty_string)
        em_free(*slot);
    *slot = em_strdup(value);
}

static bool rp_field_present(const ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f)
{
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
        uint32_t which;
        memcpy(&which, (const char *)msg + f->quantifier_offset, sizeof which);
        return which == f->id;
    }
    return true;
}

/* Rewrites the paths in every string of msg, recursively. */
static void rp_rewrite_walk(ProtobufCMessage *msg, const rp_rewrite *rw, int depth)
{
    if (!msg || depth > RP_REWRITE_MAX_DEPTH)
        return;
    const ProtobufCMessageDescriptor *desc = msg->descriptor;
    /* Fields our .proto files do not know: the server would silently ignore them. */
    for (unsigned k = 0; rw->unknown_seen && k < msg->n_unknown_fields; k++) {
        char name[256];
        snprintf(name, sizeof name, "%s field %u", desc->name, msg->unknown_fields[k].tag);
        rp_idset_add(rw->unknown_seen, name);
    }
    for (unsigned idx = 0; idx < desc->n_fields; idx++) {
        const ProtobufCFieldDescriptor *f = &desc->fields[idx];
        if (f->type != PROTOBUF_C_TYPE_STRING && f->type != PROTOBUF_C_TYPE_MESSAGE)
            continue;
        if (!rp_field_present(msg, f))
            continue;
        char *base = (char *)msg + f->offset;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n;
            memcpy(&n, (char *)msg + f->quantifier_offset, sizeof n);
            void **items;
            memcpy(&items, base, sizeof items);
            for (size_t k = 0; k < n && items; k++) {
                if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
                    rp_rewrite_walk(items[k], rw, depth + 1);
                } else if (items[k]) {
                    char *fixed = rp_rewrite_paths(items[k], rw);
                    if (fixed) {
                        em_free(items[k]);
                        items[k] = fixed;
                    }
                }
            }
            continue;
        }
        void *value;
        memcpy(&value, base, sizeof value);
        if (!value)
            continue;
        if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
            rp_rewrite_walk(value, rw, depth + 1);
        } else {
            char *fixed = rp_rewrite_paths(value, rw);
            if (fixed) {
                char *slot = value;
                if (slot != protobuf_c_empty_string && slot != f->default_value)
                    em_free(slot);
                memcpy(base, &fixed, sizeof fixed);
            }
        }
    }
}

/* Sets session_id, clears client_observed_server_side_session_id. */
static void rp_rewrite_session(ProtobufCMessage *msg, const char *session_id)
{
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field_by_name(msg->descriptor, "session_id");
    if (f && f->type == PROTOBUF_C_TYPE_STRING && f->label != PROTOBUF_C_LABEL_REPEATED)
        rp_set_string((char **)((char *)msg + f->offset), session_id);
    f = protobuf_c_message_descriptor_get_field_by_name(msg->descriptor,
                                                        "client_observed_server_side_session_id");
    if (f && f->type == PROTOBUF_C_TYPE_STRING && (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)) {
        if (rp_field_present(msg, f)) {
            char **slot = (char **)((char *)msg + f->offset);
            if (*slot && *slot != protobuf_c_empty_string)
                em_free(*slot);
            *slot = NULL;
        }
        uint32_t none = 0;
        memcpy((char *)msg + f->quantifier_offset, &none, sizeof none);
    }
}

static bool rp_request_reattachable(const ProtobufCMessage *msg)
{
    if (msg->descriptor != &spark__connect__execute_plan_request__descriptor)
        return false;
    const Spark__Connect__ExecutePlanRequest *req = (const void *)msg;
    for (size_t idx = 0; idx < req->n_request_options; idx++) {
        const Spark__Connect__ExecutePlanRequest__RequestOption *opt = req->request_options[idx];
        if (opt &&
            opt->request_option_case ==
                SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__REQUEST_OPTION_REATTACH_OPTIONS &&
            opt->reattach_options && opt->reattach_options->reattachable)
            return true;
    }
    return false;
}

static uint8_t *rp_read_file(const char *path, size_t *len, char *errbuf, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(errbuf, errsize, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (size < 0 || size > RP_MAX_REQUEST_BYTES || fseek(f, 0, SEEK_SET) != 0) {
        snprintf(errbuf, errsize, "cannot size %s", path);
        fclose(f);
        return NULL;
    }
    uint8_t *data = em_malloc((size_t)size + 1);
    if (fread(data, 1, (size_t)size, f) != (size_t)size) {
        snprintf(errbuf, errsize, "cannot read %s", path);
        em_free(data);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = (size_t)size;
    return data;
}

/* ---------------------------------------------------------------------------------------------
 * raw (wire-level) fallback, for requests our .proto files cannot decode
 * ------------------------------------------------------------------------------------------- */

static bool rp_pb_varint(const uint8_t *p, size_t n, size_t *pos, uint64_t *v)
{
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*pos >= n)
            return false;
        uint8_t b = p[(*pos)++];
        value |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *v = value;
            return true;
        }
    }
    return false;
}

/* Reads one field at *pos: its number, wire type and value span; *pos moves past it. */
static bool rp_pb_field(const uint8_t *p, size_t n, size_t *pos, uint32_t *field, int *wire_type,
                        size_t *val_start, size_t *val_len)
{
    uint64_t tag, len;
    if (!rp_pb_varint(p, n, pos, &tag) || (tag >> 3) == 0 || (tag >> 3) > 0x1FFFFFFF)
        return false;
    *field = (uint32_t)(tag >> 3);
    *wire_type = (int)(tag & 7);
    *val_start = *pos;
    switch (*wire_type) {
    case 0:
        if (!rp_pb_varint(p, n, pos, &len))
            return false;
        break;
    case 1:
        if (n - *pos < 8)
            return false;
        *pos += 8;
        break;
    case 2:
        if (!rp_pb_varint(p, n, pos, &len) || len > n - *pos)
            return false;
        *val_start = *pos;
        *pos += (size_t)len;
        break;
    case 5:
        if (n - *pos < 4)
            return false;
        *pos += 4;
        break;
    default: /* groups are not used by Spark Connect */
        return false;
    }
    *val_len = *pos - *val_start;
    return true;
}

static void rp_pb_put_varint(em_str *out, uint64_t v)
{
    do {
        uint8_t b = (uint8_t)(v & 0x7F);
        v >>= 7;
        em_str_putc(out, (char)(v ? b | 0x80 : b));
    } while (v);
}

static uint32_t rp_field_id(const ProtobufCMessageDescriptor *desc, const char *name)
{
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(desc, name);
    return f ? f->id : 0;
}

/* True if the length-delimited value p[0..n) holds field `id` as a non-zero varint, or (with
 * more ids) a message holding the rest of the path. */
static bool rp_pb_path_set(const uint8_t *p, size_t n, const uint32_t *ids, int n_ids)
{
    size_t pos = 0, start, len;
    uint32_t field;
    int wt;
    while (pos < n) {
        if (!rp_pb_field(p, n, &pos, &field, &wt, &start, &len))
            return false;
        if (field != ids[0])
            continue;
        if (n_ids == 1 && wt == 0) {
            size_t vpos = start;
            uint64_t v;
            if (rp_pb_varint(p, start + len, &vpos, &v) && v)
                return true;
        } else if (n_ids > 1 && wt == 2 && rp_pb_path_set(p + start, len, ids + 1, n_ids - 1)) {
            return true;
        }
    }
    return false;
}

/*
 * Rewrites the top-level session fields of an encoded request without decoding the rest:
 * session_id replaced, client_observed_server_side_session_id dropped, every other field
 * copied byte for byte. Returns 0, or -1 if the bytes are not a protobuf message at all.
 */
static int rp_request_rewrite_raw(const rp_method *m, const uint8_t *raw, size_t len,
                                  const rp_rewrite *rw, rp_prepared *out)
{
    uint32_t session_field = rp_field_id(m->request, "session_id");
    uint32_t observed_field = rp_field_id(m->request, "client_observed_server_side_session_id");
    em_str buf;
    em_str_init(&buf, (size_t)RP_MAX_REQUEST_BYTES * 2);
    if (session_field) {
        rp_pb_put_varint(&buf, ((uint64_t)session_field << 3) | 2);
        rp_pb_put_varint(&buf, strlen(rw->session_id));
        em_str_puts(&buf, rw->session_id);
    }
    size_t pos = 0, start, vlen;
    uint32_t field;
    int wt;
    while (pos < len) {
        size_t field_start = pos;
        if (!rp_pb_field(raw, len, &pos, &field, &wt, &start, &vlen)) {
            em_str_release(&buf);
            return -1;
        }
        if ((field == session_field && session_field) ||
            (field == observed_field && observed_field))
            continue;
        em_str_append(&buf, (const char *)raw + field_start, pos - field_start);
    }
    if (m->request == &spark__connect__execute_plan_request__descriptor) {
        uint32_t path[] = {
            rp_field_id(m->request, "request_options"),
            rp_field_id(&spark__connect__execute_plan_request__request_option__descriptor,
                        "reattach_options"),
            rp_field_id(&spark__connect__reattach_options__descriptor, "reattachable")};
        out->reattachable = rp_pb_path_set(raw, len, path, 3);
    }
    out->raw_rewrite = true;
    out->len = buf.len;
    out->data = (uint8_t *)em_str_move(&buf);
    em_str_release(&buf);
    if (!out->data)
        out->data = em_malloc(1);
    return 0;
}

int rp_request_prepare(const char *method, const char *file, const rp_rewrite *rw, rp_prepared *out,
                       char *errbuf, size_t errsize)
{
    memset(out, 0, sizeof *out);
    const rp_method *m = rp_method_find(method);
    if (!m) {
        snprintf(errbuf, errsize, "unknown method %s", method);
        return -1;
    }
    size_t len;
    uint8_t *raw = rp_read_file(file, &len, errbuf, errsize);
    if (!raw)
        return -1;
    ProtobufCMessage *msg = protobuf_c_message_unpack(m->request, &rp_pb_allocator, len, raw);
    if (!msg) {
        /* Not decodable with our .proto files (e.g. a field number that changed between
         * Spark versions): rewrite only the session fields and let the server judge. */
        int rc = rp_request_rewrite_raw(m, raw, len, rw, out);
        em_free(raw);
        if (rc != 0)
            snprintf(errbuf, errsize, "%s is not a protobuf message", file);
        return rc;
    }
    em_free(raw);
    rp_rewrite_session(msg, rw->session_id);
    rp_rewrite_walk(msg, rw, 0);
    out->reattachable = rp_request_reattachable(msg);
    out->len = protobuf_c_message_get_packed_size(msg);
    out->data = em_malloc(out->len ? out->len : 1);
    protobuf_c_message_pack(msg, out->data);
    protobuf_c_message_free_unpacked(msg, &rp_pb_allocator);
    return 0;
}

void rp_prepared_release(rp_prepared *p)
{
    em_free(p->data);
    memset(p, 0, sizeof *p);
}

/* ---------------------------------------------------------------------------------------------
 * errors
 * ------------------------------------------------------------------------------------------- */

bool rp_error_info(const uint8_t *details, size_t len, char **error_class, char **classes,
                   char **params)
{
    if (error_class)
        *error_class = NULL;
    if (classes)
        *classes = NULL;
    if (params)
        *params = NULL;
    if (!details || len == 0)
        return false;
    Google__Rpc__Status *st = google__rpc__status__unpack(&rp_pb_allocator, len, details);
    if (!st)
        return false;
    bool found = false;
    for (size_t idx = 0; idx < st->n_details && !found; idx++) {
        const Google__Protobuf__Any *any = st->details[idx];
        if (!any || !any->type_url)
            continue;
        const char *slash = strrchr(any->type_url, '/');
        const char *type = slash ? slash + 1 : any->type_url;
        if (strcmp(type, "google.rpc.ErrorInfo") != 0)
            continue;
        Google__Rpc__ErrorInfo *info =
            google__rpc__error_info__unpack(&rp_pb_allocator, any->value.len, any->value.data);
        if (!info)
            continue;
        found = true;
        for (size_t k = 0; k < info->n_metadata; k++) {
            const Google__Rpc__ErrorInfo__MetadataEntry *e = info->metadata[k];
            if (!e || !e->key || !e->value)
                continue;
            if (error_class && !*error_class && strcmp(e->key, "errorClass") == 0)
                *error_class = em_strdup(e->value);
            if (classes && !*classes && strcmp(e->key, "classes") == 0)
                *classes = em_strdup(e->value);
            if (params && !*params && strcmp(e->key, "messageParameters") == 0)
                *params = em_strdup(e->value);
        }
        google__rpc__error_info__free_unpacked(info, &rp_pb_allocator);
    }
    google__rpc__status__free_unpacked(st, &rp_pb_allocator);
    return found;
}

void rp_outcome_release(rp_outcome *o)
{
    em_free(o->error_class);
    em_free(o->message);
    em_free(o->py_exception);
    em_free(o->show_value);
    em_free(o->show_problem);
    em_free(o->detail_key);
    memset(o, 0, sizeof *o);
}

/* "CLASS value" from the first message parameter (a JSON object), or NULL. */
static char *rp_detail_key(const char *error_class, const char *params)
{
    if (!params)
        return NULL;
    em_arena arena;
    em_arena_init(&arena, 0);
    const rp_json *obj;
    char err[64];
    char *key = NULL;
    if (rp_json_parse(params, strlen(params), &arena, &obj, err, sizeof err) == 0 &&
        obj->kind == RP_JSON_OBJECT && obj->n_items > 0 && rp_json_str(obj->items[0])) {
        em_str s;
        em_str_init(&s, 0);
        em_str_printf(&s, "%s %.80s", error_class, rp_json_str(obj->items[0]));
        em_str_putc(&s, '\0');
        key = em_str_move(&s);
        em_str_release(&s);
    }
    em_arena_release(&arena);
    return key;
}

/* Fills the failure fields of out from a final status. */
static void rp_outcome_from_status(rp_outcome *out, const wire_status *st)
{
    out->grpc_code = st->code;
    if (st->code == WIRE_STATUS_OK)
        return;
    em_free(out->message);
    out->message = em_strdup(st->message ? st->message : "");
    char *error_class = NULL, *classes = NULL, *params = NULL;
    bool has_info = rp_error_info(st->details, st->details_len, &error_class, &classes, &params);
    if (!error_class) {
        em_str name;
        em_str_init(&name, 0);
        em_str_printf(&name, "grpc %s", wire_status_code_name(st->code));
        em_str_putc(&name, '\0');
        error_class = em_str_move(&name);
        em_str_release(&name);
    }
    out->error_class = error_class;
    out->detail_key = rp_detail_key(error_class, params);
    out->py_exception = em_strdup(rp_python_exception(has_info, classes));
    em_free(classes);
    em_free(params);
}

static void rp_outcome_fail(rp_outcome *out, const char *error_class, const char *message)
{
    em_free(out->error_class);
    em_free(out->message);
    out->grpc_code = WIRE_STATUS_UNKNOWN;
    out->error_class = em_strdup(error_class);
    out->message = em_strdup(message);
}

static void rp_show_problem(rp_outcome *out, const char *what)
{
    if (!out->show_problem)
        out->show_problem = em_strdup(what);
}

/* Collects the show_string value from one arrow_batch. */
static void rp_show_from_batch(const uint8_t *data, size_t len, rp_outcome *out, int64_t *rows_seen)
{
    em_arena arena;
    em_arena_init(&arena, 0);
    const ty *schema = NULL;
    vec_batch **batches = NULL;
    int n_batches = 0;
    em_error err;
    em_error_clear(&err);
    if (ipc_decode_stream(data, len, &arena, &schema, &batches, &n_batches, &err) != 0) {
        em_str msg;
        em_str_init(&msg, 0);
        em_str_printf(&msg, "arrow_batch does not decode: %s", err.message);
        rp_show_problem(out, msg.data);
        em_str_release(&msg);
        em_arena_release(&arena);
        return;
    }
    bool shape_ok = schema && schema->kind == TY_STRUCT && schema->n_fields == 1 &&
                    schema->fields[0].type->kind == TY_STRING &&
                    strcmp(schema->fields[0].name, "show_string") == 0;
    if (!shape_ok)
        rp_show_problem(out, "arrow_batch schema is not one utf8 column show_string");
    for (int b = 0; b < n_batches; b++) {
        const vec_batch *batch = batches[b];
        if (shape_ok && batch->n_cols == 1) {
            for (int64_t row = 0; row < batch->n_rows; row++) {
                if (*rows_seen == 0) {
                    const vec *col = batch->cols[0];
                    if (vec_is_null(col, row)) {
                        rp_show_problem(out, "show_string is NULL");
                    } else {
                        int32_t n;
                        const char *s = vec_str(col, row, &n);
                        out->show_value = em_strndup(s, (size_t)n);
                        out->has_show = true;
                    }
                }
                (*rows_seen)++;
            }
        }
        vec_batch_free(batches[b]);
    }
    em_free(batches);
    em_arena_release(&arena);
}

/* ---------------------------------------------------------------------------------------------
 * watchdog
 * ------------------------------------------------------------------------------------------- */

struct rp_watchdog {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    bool stop;
    int64_t deadline_ms; /* 0 = none */
    wire_stream *stream; /* the stream in flight, or NULL */
    bool fired;          /* the current stream was cancelled by the deadline */
};

static void *rp_watchdog_main(void *arg)
{
    rp_watchdog *w = arg;
    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 100 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->cv, &w->mu, &ts);
        if (w->stream && w->deadline_ms && rp_now_ms() >= w->deadline_ms && !w->fired) {
            w->fired = true;
            wire_stream_cancel(w->stream);
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

rp_watchdog *rp_watchdog_new(void)
{
    rp_watchdog *w = em_calloc(1, sizeof *w);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->thread, NULL, rp_watchdog_main, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        em_free(w);
        return NULL;
    }
    return w;
}

void rp_watchdog_free(rp_watchdog *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    em_free(w);
}

void rp_watchdog_set_deadline(rp_watchdog *w, int64_t deadline_ms)
{
    pthread_mutex_lock(&w->mu);
    w->deadline_ms = deadline_ms;
    pthread_mutex_unlock(&w->mu);
}

int64_t rp_watchdog_remaining(rp_watchdog *w)
{
    pthread_mutex_lock(&w->mu);
    int64_t deadline = w->deadline_ms;
    pthread_mutex_unlock(&w->mu);
    if (!deadline)
        return INT64_MAX;
    int64_t left = deadline - rp_now_ms();
    return left > 0 ? left : 0;
}

/* Registers (or, with NULL, unregisters) the stream the watchdog may cancel. Returns whether
 * the previous stream was cancelled by the deadline. */
static bool rp_watchdog_track(rp_watchdog *w, wire_stream *s)
{
    pthread_mutex_lock(&w->mu);
    bool fired = w->fired;
    w->stream = s;
    w->fired = false;
    pthread_mutex_unlock(&w->mu);
    return fired;
}

/* ---------------------------------------------------------------------------------------------
 * calls
 * ------------------------------------------------------------------------------------------- */

static void rp_call_stream(wire_channel *ch, rp_watchdog *wd, const char *path,
                           const rp_prepared *req, bool want_show, rp_outcome *out)
{
    em_error err;
    em_error_clear(&err);
    wire_stream *s = wire_stream_start(ch, path, req->data, req->len, NULL, 0, &err);
    if (!s) {
        rp_outcome_fail(out, "replay: local stream failure", err.message);
        return;
    }
    rp_watchdog_track(wd, s);
    int64_t rows_seen = 0;
    bool complete = false;
    uint8_t *msg;
    size_t len;
    while (wire_stream_next(s, &msg, &len) == 1) {
        Spark__Connect__ExecutePlanResponse *resp =
            spark__connect__execute_plan_response__unpack(&rp_pb_allocator, len, msg);
        em_free(msg);
        if (!resp) {
            rp_show_problem(out, "a response does not decode as ExecutePlanResponse");
            continue;
        }
        if (resp->response_type_case ==
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_RESULT_COMPLETE)
            complete = true;
        if (want_show &&
            resp->response_type_case ==
                SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH &&
            resp->arrow_batch)
            rp_show_from_batch(resp->arrow_batch->data.data, resp->arrow_batch->data.len, out,
                               &rows_seen);
        spark__connect__execute_plan_response__free_unpacked(resp, &rp_pb_allocator);
    }
    out->timed_out = rp_watchdog_track(wd, NULL);
    const wire_status *st = wire_stream_status(s);
    if (st)
        rp_outcome_from_status(out, st);
    else
        rp_outcome_fail(out, "replay: no status", "the stream ended without a status");
    if (out->timed_out) {
        rp_outcome_fail(out, "replay: TIMEOUT", "cancelled at the per-folder deadline");
    } else if (out->grpc_code == WIRE_STATUS_OK) {
        if (req->reattachable && !complete)
            rp_outcome_fail(out, "replay: NO_RESULT_COMPLETE",
                            "a reattachable ExecutePlan stream ended without result_complete");
        else if (want_show && rows_seen != 1 && !out->show_problem)
            rp_show_problem(out, rows_seen == 0 ? "no show_string row in the answer"
                                                : "more than one show_string row");
    }
    wire_stream_free(s);
}

static void rp_call_unary(wire_channel *ch, rp_watchdog *wd, const char *path,
                          const rp_prepared *req, rp_outcome *out)
{
    int64_t left = rp_watchdog_remaining(wd);
    int timeout = left < RP_UNARY_TIMEOUT_MS ? (int)left : RP_UNARY_TIMEOUT_MS;
    if (timeout <= 0) {
        out->timed_out = true;
        rp_outcome_fail(out, "replay: TIMEOUT", "the per-folder deadline passed");
        return;
    }
    uint8_t *resp = NULL;
    size_t resp_len = 0;
    wire_status st = {0};
    int rc = wire_unary(ch, path, req->data, req->len, NULL, 0, timeout, &resp, &resp_len, &st);
    em_free(resp);
    if (rc != 0 && st.code == WIRE_STATUS_OK)
        st.code = WIRE_STATUS_INTERNAL;
    rp_outcome_from_status(out, &st);
    if (st.code == WIRE_STATUS_DEADLINE_EXCEEDED) {
        out->timed_out = true;
        em_free(out->error_class);
        out->error_class = em_strdup("replay: TIMEOUT");
    }
    wire_status_release(&st);
}

static void rp_call_cstream(wire_channel *ch, const char *path, const rp_prepared *msgs, int n_msgs,
                            rp_outcome *out)
{
    em_error err;
    em_error_clear(&err);
    wire_cstream *s = wire_cstream_start(ch, path, NULL, 0, &err);
    if (!s) {
        rp_outcome_fail(out, "replay: local stream failure", err.message);
        return;
    }
    for (int idx = 0; idx < n_msgs; idx++)
        if (wire_cstream_write(s, msgs[idx].data, msgs[idx].len) != 0)
            break; /* the server answered early; finish tells how */
    uint8_t *resp = NULL;
    size_t resp_len = 0;
    wire_status st = {0};
    if (wire_cstream_finish(s, &resp, &resp_len, &st) != 0 && st.code == WIRE_STATUS_OK)
        st.code = WIRE_STATUS_INTERNAL;
    em_free(resp);
    rp_outcome_from_status(out, &st);
    wire_status_release(&st);
    wire_cstream_free(s);
}

void rp_call(wire_channel *ch, rp_watchdog *wd, const char *method, const rp_prepared *msgs,
             int n_msgs, bool want_show, rp_outcome *out)
{
    memset(out, 0, sizeof *out);
    const rp_method *m = rp_method_find(method);
    if (!m || n_msgs < 1) {
        rp_outcome_fail(out, "replay: unknown method", method);
        return;
    }
    out->sent = true;
    em_str path;
    em_str_init(&path, 0);
    em_str_printf(&path, "/spark.connect.SparkConnectService/%s", method);
    switch (m->kind) {
    case RP_KIND_SERVER_STREAM:
        rp_call_stream(ch, wd, path.data, &msgs[0], want_show, out);
        break;
    case RP_KIND_UNARY:
        rp_call_unary(ch, wd, path.data, &msgs[0], out);
        break;
    case RP_KIND_CLIENT_STREAM:
        rp_call_cstream(ch, path.data, msgs, n_msgs, out);
        break;
    }
    em_str_release(&path);
}
