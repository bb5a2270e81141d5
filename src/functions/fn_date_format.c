/*
 * fn_date_format: datetime text with Spark's datetime patterns: date_format from_unixtime
 * unix_timestamp to_unix_timestamp to_timestamp to_timestamp_ltz to_timestamp_ntz
 * try_to_timestamp to_date try_to_date.
 *
 * Patterns are compiled once when the format argument is a literal, else per distinct value;
 * an invalid pattern raises its error (INVALID_DATETIME_PATTERN.*,
 * INCONSISTENT_BEHAVIOR_CROSS_VERSION.*) when the function first runs on a row, as in Spark.
 * Parsing failures raise CANNOT_PARSE_TIMESTAMP under ANSI (suggesting try_to_timestamp /
 * try_to_date) and give NULL otherwise; the try_ variants always give NULL. Without a format,
 * to_timestamp / to_date are the casts to TIMESTAMP / DATE (ANSI or legacy as the session,
 * legacy for the try_ variants).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_dt_int.h"
#include "functions/fn_misc_int.h"

typedef enum fn_fm_op {
    FN_FM_DATE_FORMAT,
    FN_FM_FROM_UNIXTIME,
    FN_FM_UNIX_TIMESTAMP, /* unix_timestamp, to_unix_timestamp: seconds */
    FN_FM_TO_TIMESTAMP,   /* to_timestamp*, try_to_timestamp: TIMESTAMP or TIMESTAMP_NTZ */
    FN_FM_TO_DATE,
} fn_fm_op;

typedef struct fn_fm_state {
    fn_fm_op op;
    bool fail_on_error;
    bool has_format;
    const char *suggested; /* try_to_timestamp / try_to_date */
    /* literal format compiled at bind time (or its error, raised when a row needs it) */
    ty_dtfmt *fmt;
    bool fmt_failed;
    ty_dtfmt_error fmt_err;
    bool fmt_null; /* the literal format is NULL: every row is NULL */
} fn_fm_state;

static const char *const fn_fm_default_pattern = "yyyy-MM-dd HH:mm:ss";

static void fn_fm_free_fmt(void *p)
{
    ty_dtfmt_free(p);
}

static bool fn_fm_parsing(fn_fm_op op)
{
    return op == FN_FM_UNIX_TIMESTAMP || op == FN_FM_TO_TIMESTAMP || op == FN_FM_TO_DATE;
}

/* Compiles a literal format argument now (Spark's formatterOption). */
static void fn_fm_compile_literal(em_arena *a, pl_expr *call, fn_fm_state *st)
{
    const pl_expr *f = call->args[1];
    bool is_null = false;
    const char *s = fn_dt_lit_string(a, f, &is_null);
    if (is_null) {
        st->fmt_null = true;
        return;
    }
    if (!s)
        return;
    st->fmt = ty_dtfmt_compile(s, strlen(s), fn_fm_parsing(st->op), &st->fmt_err);
    if (!st->fmt)
        st->fmt_failed = true;
    else
        em_arena_on_release(a, fn_fm_free_fmt, st->fmt);
}

static pl_expr *fn_fm_default_format(em_arena *a)
{
    pl_expr *e = pl_lit_string(a, fn_fm_default_pattern, (int64_t)strlen(fn_fm_default_pattern));
    e->resolved = true;
    return e;
}

static void fn_fm_append_arg(em_arena *a, pl_expr *call, pl_expr *arg)
{
    pl_expr **args = em_arena_calloc(a, (size_t)call->n_args + 1, sizeof *args);
    for (int i = 0; i < call->n_args; i++)
        args[i] = call->args[i];
    args[call->n_args] = arg;
    call->args = args;
    call->n_args++;
}

static int fn_fm_bind(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                      em_error *err)
{
    const char *n = def->name;
    bool ansi = opts && opts->ansi;
    fn_fm_state *st = em_arena_calloc(a, 1, sizeof *st);
    call->fn_state = st;
    if (strcasecmp(n, "to_char") == 0 || strcasecmp(n, "to_varchar") == 0) {
        /* ToCharacterBuilder: a datetime input is DateFormatClass (named date_format) */
        if (fn_check_arity(call, 2, 2, "2", err))
            return err->code;
        ty_kind k = call->args[0]->type->kind;
        if (k != TY_DATE && k != TY_TIMESTAMP && k != TY_TIMESTAMP_NTZ)
            return fn_text_num_to_char_bind(a, call, opts, err); /* fn_text_num.c */
        call->name = "date_format";
        n = "date_format";
    }
    if (strcasecmp(n, "date_format") == 0) {
        if (fn_check_arity(call, 2, 2, "2", err))
            return err->code;
        st->op = FN_FM_DATE_FORMAT;
        if (fn_dt_coerce(a, call, 0, FN_DT_TIMESTAMP, true, ansi, err) ||
            fn_dt_coerce(a, call, 1, FN_DT_STRING, true, ansi, err))
            return err->code;
        call->type = ty_string();
        call->nullable = fn_any_nullable(call);
    } else if (strcasecmp(n, "from_unixtime") == 0) {
        if (fn_check_arity(call, 1, 2, "[1, 2]", err))
            return err->code;
        if (call->n_args == 1)
            fn_fm_append_arg(a, call, fn_fm_default_format(a));
        st->op = FN_FM_FROM_UNIXTIME;
        if (fn_dt_coerce(a, call, 0, FN_DT_LONG, true, ansi, err) ||
            fn_dt_coerce(a, call, 1, FN_DT_STRING, true, ansi, err))
            return err->code;
        call->type = ty_string();
        call->nullable = true;
    } else if (strcasecmp(n, "unix_timestamp") == 0 || strcasecmp(n, "to_unix_timestamp") == 0) {
        bool is_unix = strcasecmp(n, "unix_timestamp") == 0;
        if (fn_check_arity(call, is_unix ? 0 : 1, 2, is_unix ? "[0, 1, 2]" : "[1, 2]", err))
            return err->code;
        if (call->n_args == 0) {
            const fn_def *now = fn_lookup("current_timestamp");
            pl_expr *cur = pl_expr_new(a, PX_CALL, 0);
            cur->name = "current_timestamp";
            cur->fn = now;
            if (!now || now->bind(now, a, cur, opts, err))
                return err ? err->code : EM_EINTERNAL;
            cur->resolved = true;
            fn_fm_append_arg(a, call, cur);
        }
        if (call->n_args == 1)
            fn_fm_append_arg(a, call, fn_fm_default_format(a));
        st->op = FN_FM_UNIX_TIMESTAMP;
        st->fail_on_error = ansi;
        st->suggested = "try_to_timestamp";
        if (fn_dt_coerce(a, call, 0, FN_DT_PARSE_INPUT, false, ansi, err) ||
            fn_dt_coerce(a, call, 1, FN_DT_STRING, false, ansi, err))
            return err->code;
        call->type = ty_long();
        call->nullable = st->fail_on_error ? fn_any_nullable(call) : true;
    } else {
        bool is_date = strcasecmp(n, "to_date") == 0 || strcasecmp(n, "try_to_date") == 0;
        bool is_try = strncasecmp(n, "try_", 4) == 0;
        bool ntz = strcasecmp(n, "to_timestamp_ntz") == 0;
        if (fn_check_arity(call, 1, 2, "[1, 2]", err))
            return err->code;
        st->op = is_date ? FN_FM_TO_DATE : FN_FM_TO_TIMESTAMP;
        st->fail_on_error = ansi && !is_try;
        st->suggested = is_date ? "try_to_date" : "try_to_timestamp";
        st->has_format = call->n_args == 2;
        fn_dt_want w = (!is_date && !ntz) ? FN_DT_PARSE_INPUT_NUM : FN_DT_PARSE_INPUT;
        if (fn_dt_coerce(a, call, 0, w, true, ansi, err))
            return err->code;
        if (st->has_format && fn_dt_coerce(a, call, 1, FN_DT_STRING, true, ansi, err))
            return err->code;
        call->type = is_date ? ty_date() : ntz ? ty_timestamp_ntz() : ty_timestamp();
        if (!st->has_format) {
            /* the cast Spark replaces the call with */
            const ty *from = call->args[0]->type;
            call->nullable = call->args[0]->nullable || !st->fail_on_error ||
                             ty_cast_force_nullable(from, call->type);
        } else {
            call->nullable = st->fail_on_error ? fn_any_nullable(call) : true;
        }
    }
    if (call->n_args >= 2)
        fn_fm_compile_literal(a, call, st);
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Kernels                                                                                      */

/* The formatter for row r: the literal one, or a per-call cache of the last pattern. */
typedef struct fn_fm_cache {
    ty_dtfmt *fmt;
    char *pattern;
    size_t len;
} fn_fm_cache;

static void fn_fm_cache_release(fn_fm_cache *c)
{
    ty_dtfmt_free(c->fmt);
    em_free(c->pattern);
    memset(c, 0, sizeof *c);
}

static const ty_dtfmt *fn_fm_formatter(const fn_fm_state *st, const vec *fmt_vec, int64_t r,
                                       fn_fm_cache *cache, em_error *err)
{
    if (st->fmt)
        return st->fmt;
    if (st->fmt_failed) {
        fn_dt_err_pattern(err, &st->fmt_err);
        return NULL;
    }
    int32_t len;
    const char *s = vec_str(fmt_vec, r, &len);
    if (cache->fmt && cache->len == (size_t)len && memcmp(cache->pattern, s, (size_t)len) == 0)
        return cache->fmt;
    fn_fm_cache_release(cache);
    ty_dtfmt_error e;
    cache->fmt = ty_dtfmt_compile(s, (size_t)len, fn_fm_parsing(st->op), &e);
    if (!cache->fmt) {
        fn_dt_err_pattern(err, &e);
        return NULL;
    }
    cache->pattern = em_malloc((size_t)len + 1);
    memcpy(cache->pattern, s, (size_t)len);
    cache->len = (size_t)len;
    return cache->fmt;
}

static int fn_fm_eval_text(const pl_expr *call, const fn_fm_state *st, vec *const *args, int64_t n,
                           const ty_tz *tz, vec **out, em_error *err)
{
    vec *o = vec_new(ty_string(), n);
    fn_fm_cache cache = {0};
    em_str s;
    em_str_init(&s, 0);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (st->fmt_null || fn_is_null(args[0], r) || fn_is_null(args[1], r)) {
            vec_append_null(o);
            continue;
        }
        const ty_dtfmt *f = fn_fm_formatter(st, args[1], r, &cache, err);
        if (!f) {
            rc = err ? err->code : EM_EUSER;
            break;
        }
        int64_t micros = VEC_VALUES(args[0], int64_t)[r];
        if (st->op == FN_FM_FROM_UNIXTIME)
            micros = (int64_t)((uint64_t)micros * (uint64_t)TY_MICROS_PER_SECOND);
        em_str_reset(&s);
        ty_dtfmt_format(f, micros, tz, &s);
        rc = vec_append_str(o, s.data ? s.data : "", (int64_t)s.len, err);
    }
    em_str_release(&s);
    fn_fm_cache_release(&cache);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    (void)call;
    return EM_OK;
}

static int fn_fm_eval_parse(const pl_expr *call, const fn_fm_state *st, vec *const *args, int64_t n,
                            fn_ctx *ctx, vec **out, em_error *err)
{
    const ty_tz *tz = fn_dt_tz(ctx);
    const vec *in = args[0];
    ty_kind k = in->type->kind;
    if (st->op != FN_FM_UNIX_TIMESTAMP && !st->has_format) {
        /* the cast Spark substitutes: legacy for the try_ variants */
        pl_eval_mode mode = st->fail_on_error ? PX_EVAL_ANSI : PX_EVAL_LEGACY;
        return ty_cast_vec(in, call->type, mode, ctx ? ctx->opts : NULL, out, err);
    }
    bool ntz = call->type->kind == TY_TIMESTAMP_NTZ;
    vec *o = fn_vec_fixed(call->type, n);
    fn_propagate_nulls(o, args, 2, n);
    fn_fm_cache cache = {0};
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (vec_is_null(o, r))
            continue;
        if (st->fmt_null) {
            vec_set_null(o, r);
            continue;
        }
        int64_t micros;
        if (k == TY_DATE) {
            micros = ty_days_to_micros(VEC_VALUES(in, int32_t)[r], tz);
        } else if (k == TY_TIMESTAMP || k == TY_TIMESTAMP_NTZ) {
            micros = VEC_VALUES(in, int64_t)[r];
        } else if (ty_is_numeric(in->type)) {
            /* to_timestamp(number, fmt): the number is seconds, as the cast reads it */
            vec *one = vec_slice(in, r, 1, err);
            vec *c = NULL;
            if (!one || ty_cast_vec(one, ty_timestamp(), PX_EVAL_LEGACY, NULL, &c, err)) {
                vec_release(one);
                rc = err ? err->code : EM_EINTERNAL;
                break;
            }
            vec_release(one);
            if (vec_is_null(c, 0)) {
                vec_set_null(o, r);
                vec_release(c);
                continue;
            }
            micros = VEC_VALUES(c, int64_t)[0];
            vec_release(c);
        } else {
            const ty_dtfmt *f = fn_fm_formatter(st, args[1], r, &cache, err);
            if (!f) {
                rc = err ? err->code : EM_EUSER;
                break;
            }
            int32_t len;
            const char *s = vec_str(in, r, &len);
            char msg[512];
            if (!ty_dtfmt_parse(f, s, (size_t)len, tz, ntz, &micros, msg, sizeof msg)) {
                if (st->fail_on_error) {
                    rc = fn_dt_err_parse(err, msg, st->suggested);
                    break;
                }
                vec_set_null(o, r);
                continue;
            }
        }
        switch (st->op) {
        case FN_FM_UNIX_TIMESTAMP:
            VEC_VALUES(o, int64_t)[r] = micros / TY_MICROS_PER_SECOND; /* Java's / truncates */
            break;
        case FN_FM_TO_DATE:
            /* Cast(GetTimestamp(...) AS DATE): GetTimestamp hands a TIMESTAMP_NTZ input through
               unchanged as a TIMESTAMP, which the cast then reads in the session zone */
            VEC_VALUES(o, int32_t)[r] = ty_micros_to_days(micros, tz);
            break;
        default:
            VEC_VALUES(o, int64_t)[r] = micros;
            break;
        }
    }
    fn_fm_cache_release(&cache);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

static int fn_fm_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err)
{
    const fn_fm_state *st = call->fn_state;
    if (st->op == FN_FM_DATE_FORMAT || st->op == FN_FM_FROM_UNIXTIME)
        return fn_fm_eval_text(call, st, args, n, fn_dt_tz(ctx), out, err);
    return fn_fm_eval_parse(call, st, args, n, ctx, out, err);
}

#define FN_FM(nm, mn, mx)                                                                          \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = fn_fm_bind,         \
        .eval = fn_fm_eval, .deterministic = true                                                  \
    }

const fn_def fn_date_format_defs[] = {
    FN_FM("date_format", 2, 2),      FN_FM("from_unixtime", 1, 2),
    FN_FM("unix_timestamp", 0, 2),   FN_FM("to_unix_timestamp", 1, 2),
    FN_FM("to_timestamp", 1, 2),     FN_FM("to_timestamp_ltz", 1, 2),
    FN_FM("to_timestamp_ntz", 1, 2), FN_FM("try_to_timestamp", 1, 2),
    FN_FM("to_date", 1, 2),          FN_FM("try_to_date", 1, 2),
    FN_FM("to_char", 2, 2),          FN_FM("to_varchar", 2, 2),
};
const int fn_date_format_n_defs = (int)(sizeof fn_date_format_defs / sizeof fn_date_format_defs[0]);
