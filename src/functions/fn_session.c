/*
 * fn_session: functions whose value comes from the session or the execution rather than from
 * their arguments.
 *
 * - current_catalog(), current_schema() (current_database() resolves to it, as in Spark),
 *   current_user() / user() / session_user(), version(): strings fixed when the call is bound
 *   (Spark replaces them by literals before execution: ReplaceCurrentLike). The user is the
 *   server process's (SPARK_USER, else the OS account), as Spark's Utils.getCurrentUserName;
 *   version() is "<spark version> <revision>", with Ember's name in the revision slot.
 * - spark_partition_id() and monotonically_increasing_id(): the partition index of the rows
 *   (fn_ctx.partition, from the batch's vec_batch.part) and (partition << 33) + the row's
 *   position within its partition, as Spark's MonotonicallyIncreasingID. Both are
 *   non-deterministic so they are evaluated once per row, in row order, by one thread.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "common/em_version.h"
#include "functions/fn_int.h"

/* ---- session strings ------------------------------------------------------------------------ */

static const char *fn_session_user(em_arena *a)
{
    const char *u = getenv("SPARK_USER");
    if (u && *u)
        return em_arena_strdup(a, u);
    struct passwd pw, *res = NULL;
    char buf[1024];
    if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &res) == 0 && res && res->pw_name)
        return em_arena_strdup(a, res->pw_name);
    return "<unknown>";
}

static int fn_bind_session_str(const fn_def *def, em_arena *a, pl_expr *call,
                               const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 0, 0, "0", err))
        return err->code;
    const char *v;
    if (strcasecmp(def->name, "current_catalog") == 0)
        v = opts && opts->current_catalog ? opts->current_catalog : "spark_catalog";
    else if (strcasecmp(def->name, "current_schema") == 0 ||
             strcasecmp(def->name, "current_database") == 0) {
        v = opts && opts->current_database && opts->current_database[0] ? opts->current_database
                                                                        : "default";
        call->name = "current_schema"; /* CurrentDatabase.prettyName */
    } else if (strcasecmp(def->name, "version") == 0)
        v = EM_SPARK_VERSION " ember-" EM_EMBER_VERSION;
    else
        v = fn_session_user(a);
    call->fn_state = (void *)em_arena_strdup(a, v);
    call->type = ty_string();
    call->nullable = false;
    return EM_OK;
}

static int fn_eval_session_str(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                               vec **out, em_error *err)
{
    const char *s = call->fn_state ? call->fn_state : "";
    size_t len = strlen(s);
    vec *o = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_append_str(o, s, (int64_t)len, err)) {
            vec_release(o);
            return err->code;
        }
    }
    *out = o;
    (void)args;
    (void)ctx;
    return EM_OK;
}

/* ---- partition ids -------------------------------------------------------------------------- */

static int fn_bind_partition_fn(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 0, 0, "0", err))
        return err->code;
    call->type = strcasecmp(def->name, "spark_partition_id") == 0 ? ty_int() : ty_long();
    call->nullable = false;
    (void)a;
    (void)opts;
    return EM_OK;
}

static int fn_eval_spark_partition_id(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                      vec **out, em_error *err)
{
    vec *o = fn_vec_fixed(ty_int(), n);
    int32_t part = ctx ? ctx->partition : 0;
    for (int64_t r = 0; r < n; r++)
        VEC_VALUES(o, int32_t)[r] = part;
    *out = o;
    (void)call;
    (void)args;
    (void)err;
    return EM_OK;
}

/* The running count of one call: rows seen so far in the current partition. */
typedef struct fn_mono_state {
    int32_t part;
    int64_t count;
} fn_mono_state;

static int fn_eval_monotonic_id(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    fn_mono_state local = {0, 0};
    fn_mono_state *st = ctx && ctx->call_state ? ctx->call_state(ctx, call, sizeof *st) : &local;
    int32_t part = ctx ? ctx->partition : 0;
    if (st->part != part) {
        st->part = part;
        st->count = 0;
    }
    vec *o = fn_vec_fixed(ty_long(), n);
    int64_t base = (int64_t)part << 33;
    for (int64_t r = 0; r < n; r++)
        VEC_VALUES(o, int64_t)[r] = base + st->count + r;
    st->count += n;
    *out = o;
    (void)args;
    (void)err;
    return EM_OK;
}

#define FN_SESSION(nm, b, e, det)                                                                  \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 0, .max_args = 0, .bind = b, .eval = e,         \
        .deterministic = det                                                                       \
    }

const fn_def fn_session_defs[] = {
    FN_SESSION("current_catalog", fn_bind_session_str, fn_eval_session_str, true),
    FN_SESSION("current_schema", fn_bind_session_str, fn_eval_session_str, true),
    FN_SESSION("current_database", fn_bind_session_str, fn_eval_session_str, true),
    FN_SESSION("current_user", fn_bind_session_str, fn_eval_session_str, true),
    FN_SESSION("session_user", fn_bind_session_str, fn_eval_session_str, true),
    FN_SESSION("user", fn_bind_session_str, fn_eval_session_str, true),
    FN_SESSION("version", fn_bind_session_str, fn_eval_session_str, true),
    FN_SESSION("spark_partition_id", fn_bind_partition_fn, fn_eval_spark_partition_id, false),
    FN_SESSION("monotonically_increasing_id", fn_bind_partition_fn, fn_eval_monotonic_id, false),
};
const int fn_session_n_defs = (int)(sizeof fn_session_defs / sizeof fn_session_defs[0]);
