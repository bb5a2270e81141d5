/*
 * fn_json_conv: from_json (JsonToStructs: JacksonParser's converters by target type under
 * FailureSafeParser's modes) and to_json (StructsToJson: JacksonGenerator over Jackson's
 * defaults).
 *
 * from_json, PERMISSIVE: a malformed record is NULL for ARRAY / MAP schemas and a row of NULLs for
 * a STRUCT schema; with spark.sql.json.enablePartialResults (Spark's default) a field that fails
 * to convert is NULL while the others keep their values. FAILFAST raises
 * MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION. An empty record is NULL.
 * Conversions append exactly one value or nothing (containers truncate their children back).
 */
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "functions/fn_json_opts.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"
#include "types/ty_dec.h"
#include "types/ty_format.h"
#include "types/ty_num.h"
#include "types/ty_time.h"

typedef struct fn_jc_state {
    fn_json_opts o;
    ty_dtfmt *ts_fmt, *date_fmt; /* compiled custom formats (freed with the arena) */
} fn_jc_state;

static void fn_jc_free_fmt(void *p)
{
    ty_dtfmt_free(p);
}

static int fn_jc_formats(em_arena *a, fn_jc_state *s, bool parsing, em_error *err)
{
    const char *pats[2] = {s->o.timestamp_format, s->o.date_format};
    ty_dtfmt **dst[2] = {&s->ts_fmt, &s->date_fmt};
    for (int k = 0; k < 2; k++) {
        if (!pats[k])
            continue;
        ty_dtfmt_error e;
        memset(&e, 0, sizeof e);
        *dst[k] = ty_dtfmt_compile(pats[k], strlen(pats[k]), parsing, &e);
        if (!*dst[k])
            return em_error_set(err, e.error_class, e.n_params > 0 ? e.param_name[0] : NULL,
                                e.param_value[0], e.n_params > 1 ? e.param_name[1] : NULL,
                                e.param_value[1], NULL);
        em_arena_on_release(a, fn_jc_free_fmt, *dst[k]);
    }
    return EM_OK;
}

/* ---- from_json ------------------------------------------------------------------------------ */

/* Cuts v back to len rows (and its children to match). */
static void fn_jc_truncate(vec *v, int64_t len)
{
    if (v->len <= len)
        return;
    v->len = len;
    switch (v->type->kind) {
    case TY_STRING:
    case TY_BINARY:
    case TY_CHAR:
    case TY_VARCHAR:
        v->bytes_len = v->offsets[len];
        break;
    case TY_ARRAY:
        fn_jc_truncate(v->children[0], v->offsets[len]);
        break;
    case TY_MAP:
        fn_jc_truncate(v->children[0], v->offsets[len]);
        fn_jc_truncate(v->children[1], v->offsets[len]);
        break;
    case TY_STRUCT:
        for (int k = 0; k < v->n_children; k++)
            fn_jc_truncate(v->children[k], len);
        break;
    default:
        break;
    }
}

#define FN_JC_PUT(v, T, x)                                                                         \
    do {                                                                                           \
        vec_reserve((v), (v)->len + 1);                                                            \
        VEC_VALUES((v), T)[(v)->len] = (x);                                                        \
        vec_set_valid((v), (v)->len);                                                              \
        (v)->len++;                                                                                \
    } while (0)

typedef struct fn_jc_run {
    const fn_jc_state *s;
    const ty_tz *tz;
    int64_t now;
    em_error *err; /* only var-width overflow is an error here */
} fn_jc_run;

/* 0: one value appended; 1: appended with a failed field inside (partial); -1: nothing. */
static int fn_jc_conv(fn_jc_run *run, const fn_jval *v, const ty *t, vec *dst);

static int fn_jc_string(fn_jc_run *run, const fn_jval *v, vec *dst)
{
    if (v->kind == FN_J_STR)
        return vec_append_str(dst, v->s, v->len, run->err) ? -1 : 0;
    return vec_append_str(dst, v->src, v->src_len, run->err) ? -1 : 0;
}

static int fn_jc_struct(fn_jc_run *run, const fn_jval *v, const ty *t, vec *dst)
{
    if (v->kind != FN_J_OBJ)
        return -1;
    int rc = 0;
    vec_reserve(dst, dst->len + 1);
    for (int f = 0; f < t->n_fields; f++) {
        const ty_field *fd = &t->fields[f];
        const fn_jval *item = NULL;
        /* the last duplicate key wins, as JacksonParser overwrites the field */
        for (int k = 0; k < v->n; k++)
            if (strcmp(v->keys[k], fd->name) == 0 && (size_t)v->key_lens[k] == strlen(fd->name))
                item = v->items[k];
        vec *c = dst->children[f];
        int r = item ? fn_jc_conv(run, item, fd->type, c) : (vec_append_null(c), 0);
        if (r < 0) {
            vec_append_null(c);
            rc = 1;
        } else if (r > 0) {
            rc = 1;
        }
    }
    vec_set_valid(dst, dst->len);
    dst->len++;
    return rc;
}

static int fn_jc_list(fn_jc_run *run, const fn_jval *v, const ty *t, vec *dst)
{
    bool map = t->kind == TY_MAP;
    if (v->kind != (map ? FN_J_OBJ : FN_J_ARR))
        return -1;
    vec_reserve(dst, dst->len + 1);
    vec *ch0 = dst->children[0];
    int64_t base0 = ch0->len, base1 = map ? dst->children[1]->len : 0;
    int rc = 0;
    for (int k = 0; k < v->n; k++) {
        if (map && vec_append_str(ch0, v->keys[k], v->key_lens[k], run->err))
            rc = -1;
        int r = rc < 0 ? -1
                       : fn_jc_conv(run, v->items[k], map ? t->value : t->elem,
                                    map ? dst->children[1] : ch0);
        if (r < 0) {
            rc = -1;
            break;
        }
    }
    if (rc < 0) {
        fn_jc_truncate(ch0, base0);
        if (map)
            fn_jc_truncate(dst->children[1], base1);
        return -1;
    }
    vec_set_valid(dst, dst->len);
    fn_list_close(dst);
    return 0;
}

static int fn_jc_conv(fn_jc_run *run, const fn_jval *v, const ty *t, vec *dst)
{
    if (v->kind == FN_J_NULL) {
        vec_append_null(dst);
        return 0;
    }
    switch (t->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
        return fn_jc_string(run, v, dst);
    case TY_BOOLEAN:
        if (v->kind != FN_J_TRUE && v->kind != FN_J_FALSE)
            return -1;
        FN_JC_PUT(dst, bool, v->kind == FN_J_TRUE);
        return 0;
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG: {
        int64_t l;
        if (v->kind != FN_J_NUM || v->is_float || !ty_parse_long(v->s, (size_t)v->len, false, &l))
            return -1;
        if (t->kind == TY_BYTE && l >= -128 && l <= 127)
            FN_JC_PUT(dst, int8_t, (int8_t)l);
        else if (t->kind == TY_SHORT && l >= INT16_MIN && l <= INT16_MAX)
            FN_JC_PUT(dst, int16_t, (int16_t)l);
        else if (t->kind == TY_INT && l >= INT32_MIN && l <= INT32_MAX)
            FN_JC_PUT(dst, int32_t, (int32_t)l);
        else if (t->kind == TY_LONG)
            FN_JC_PUT(dst, int64_t, l);
        else
            return -1;
        return 0;
    }
    case TY_FLOAT:
    case TY_DOUBLE: {
        double d;
        const char *s = v->s;
        size_t n = (size_t)v->len;
        if (v->kind == FN_J_STR) {
            /* JacksonParser accepts these spellings in strings */
            if (n == 3 && memcmp(s, "NaN", 3) == 0)
                d = 0.0 / 0.0;
            else if ((n == 8 && memcmp(s, "Infinity", 8) == 0) ||
                     (n == 9 && memcmp(s, "+Infinity", 9) == 0) ||
                     (n == 4 && memcmp(s, "+INF", 4) == 0) || (n == 3 && memcmp(s, "INF", 3) == 0))
                d = 1.0 / 0.0;
            else if ((n == 9 && memcmp(s, "-Infinity", 9) == 0) ||
                     (n == 4 && memcmp(s, "-INF", 4) == 0))
                d = -1.0 / 0.0;
            else
                return -1;
        } else if (v->kind != FN_J_NUM) {
            return -1;
        } else if (v->non_numeric) {
            d = s[0] == '-' ? -1.0 / 0.0 : (s[s[0] == '+'] == 'N' ? 0.0 / 0.0 : 1.0 / 0.0);
        } else if (!ty_parse_double(s, n, false, &d)) {
            return -1;
        }
        if (t->kind == TY_FLOAT)
            FN_JC_PUT(dst, float, (float)d);
        else
            FN_JC_PUT(dst, double, d);
        return 0;
    }
    case TY_DECIMAL: {
        ty_i128 d;
        if ((v->kind != FN_J_NUM && v->kind != FN_J_STR) || (v->kind == FN_J_NUM && v->non_numeric))
            return -1;
        if (ty_dec_parse(v->s, (size_t)v->len, t->precision, t->scale, &d) != TY_DEC_OK)
            return -1;
        FN_JC_PUT(dst, ty_i128, d);
        return 0;
    }
    case TY_DATE: {
        int32_t days;
        if (v->kind != FN_J_STR)
            return -1;
        if (run->s->date_fmt) {
            int64_t us;
            char msg[256];
            if (!ty_dtfmt_parse(run->s->date_fmt, v->s, (size_t)v->len, NULL, true, &us, msg,
                                sizeof msg))
                return -1;
            days = (int32_t)ty_floor_div(us, 86400000000LL);
        } else if (!ty_parse_date(v->s, (size_t)v->len, &days)) {
            return -1;
        }
        FN_JC_PUT(dst, int32_t, days);
        return 0;
    }
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ: {
        bool ntz = t->kind == TY_TIMESTAMP_NTZ;
        int64_t us;
        if (v->kind == FN_J_NUM && !v->is_float && !ntz) {
            int64_t secs;
            if (!ty_parse_long(v->s, (size_t)v->len, false, &secs) ||
                __builtin_mul_overflow(secs, 1000000, &us))
                return -1;
        } else if (v->kind != FN_J_STR) {
            return -1;
        } else if (run->s->ts_fmt && !ntz) {
            char msg[256];
            if (!ty_dtfmt_parse(run->s->ts_fmt, v->s, (size_t)v->len, run->tz, false, &us, msg,
                                sizeof msg))
                return -1;
        } else if (ntz ? !ty_parse_timestamp_ntz(v->s, (size_t)v->len, &us)
                       : !ty_parse_timestamp(v->s, (size_t)v->len, run->tz, run->now, &us)) {
            return -1;
        }
        FN_JC_PUT(dst, int64_t, us);
        return 0;
    }
    case TY_CALENDAR_INTERVAL:
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL: {
        /* JacksonParser: IntervalUtils.safeStringToInterval / castStringToYMInterval /
           castStringToDTInterval of the string value, the casts from STRING */
        if (v->kind != FN_J_STR)
            return -1;
        vec *sv = vec_new(ty_string(), 1), *cv = NULL;
        em_error ce;
        em_error_clear(&ce);
        bool ok = vec_append_str(sv, v->s, v->len, run->err) == 0 &&
                  ty_cast_vec(sv, t, PX_EVAL_TRY, NULL, &cv, &ce) == 0 && !vec_is_null(cv, 0);
        vec_release(sv);
        if (ok)
            ok = vec_append_from(dst, cv, 0, run->err) == 0;
        vec_release(cv);
        return ok ? 0 : -1;
    }
    case TY_STRUCT:
        return fn_jc_struct(run, v, t, dst);
    case TY_ARRAY:
    case TY_MAP:
        return fn_jc_list(run, v, t, dst);
    default:
        return -1;
    }
}

static int fn_bind_from_json(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    const char *text;
    const ty *schema;
    if (fn_json_schema_arg(a, call, 1, opts, &text, &schema, err))
        return err->code;
    fn_jc_state *s = em_arena_calloc(a, 1, sizeof *s);
    if (fn_json_opts_bind(a, call, 2, opts, &s->o, err))
        return err->code;
    if (schema->kind != TY_STRUCT && schema->kind != TY_ARRAY && schema->kind != TY_MAP) {
        em_str q;
        em_str_init(&q, 0);
        fn_json_call_sql(a, call);
        const char *sql = em_arena_printf(a, "\"%s\"", call->sql);
        call->sql = NULL;
        em_str_release(&q);
        return em_error_set(err, "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", "sqlExpr", sql, "schema",
                            fn_coll_qtype(a, schema), NULL);
    }
    if (!ty_is_string(call->args[0]->type) && call->args[0]->type->kind != TY_NULL)
        return fn_err_unexpected_input(call, 0, "\"STRING\"", err);
    fn_cast_arg(a, call, 0, ty_string());
    if (fn_jc_formats(a, s, true, err))
        return err->code;
    call->type = fn_coll_as_nullable(a, schema);
    call->nullable = true;
    call->fn_state = s;
    fn_json_call_sql(a, call);
    (void)def;
    return EM_OK;
}

static int fn_eval_from_json(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    const fn_jc_state *s = call->fn_state;
    fn_jc_run run = {.s = s,
                     .tz = ty_session_tz(ctx ? ctx->opts : NULL),
                     .now = ctx && ctx->opts ? ctx->opts->now_micros : 0,
                     .err = err};
    const ty *t = call->type;
    vec *o = vec_new(t, n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(args[0], r)) {
            vec_append_null(o);
            continue;
        }
        int32_t jl;
        const char *js = vec_str(args[0], r, &jl);
        em_arena a;
        em_arena_init(&a, 4096);
        fn_jval *doc = NULL;
        int prc = fn_json_parse(&a, js, (size_t)jl, &s->o.jackson, &doc);
        int crc = -1;
        if (prc == 1) {
            vec_append_null(o);
            em_arena_release(&a);
            continue;
        }
        if (prc == 0) {
            /* an ARRAY<STRUCT> schema reads a lone object as a one-element array */
            if (t->kind == TY_ARRAY && t->elem->kind == TY_STRUCT && doc->kind == FN_J_OBJ) {
                fn_jval *wrap = em_arena_calloc(&a, 1, sizeof *wrap);
                wrap->kind = FN_J_ARR;
                wrap->n = 1;
                wrap->items = em_arena_alloc(&a, sizeof *wrap->items);
                wrap->items[0] = doc;
                doc = wrap;
            }
            crc = doc->kind == FN_J_NULL ? -1 : fn_jc_conv(&run, doc, t, o);
        }
        if (crc != 0 && s->o.mode == FN_JSON_FAILFAST) {
            em_str b;
            em_str_init(&b, 0);
            em_str_append(&b, js, (size_t)jl);
            int rc =
                em_error_set(err, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "badRecord",
                             b.data ? b.data : "", "failFastMode", "FAILFAST", NULL);
            em_str_release(&b);
            em_arena_release(&a);
            vec_release(o);
            return rc;
        }
        if (crc < 0) {
            if (t->kind == TY_STRUCT) {
                vec_reserve(o, o->len + 1);
                for (int f = 0; f < t->n_fields; f++)
                    vec_append_null(o->children[f]);
                vec_set_valid(o, o->len);
                o->len++;
            } else {
                vec_append_null(o);
            }
        } else if (crc > 0 && t->kind != TY_STRUCT) {
            fn_jc_truncate(o, o->len - 1);
            vec_append_null(o);
        }
        em_arena_release(&a);
        if (err->code) {
            vec_release(o);
            return err->code;
        }
    }
    *out = o;
    return EM_OK;
}

/* ---- to_json ------------------------------------------------------------------------------- */

typedef struct fn_jw {
    const fn_jc_state *s;
    const ty_tz *tz;
    em_str tmp;
} fn_jw;

static void fn_jw_value(fn_jw *w, const vec *v, int64_t r, em_str *out);

/* A map key as Spark's JacksonGenerator writes it: the key's toString. */
static void fn_jw_key(fn_jw *w, const vec *v, int64_t r, em_str *out)
{
    if (v->type->kind == TY_STRUCT) {
        em_str_putc(out, '[');
        for (int k = 0; k < v->n_children; k++) {
            if (k)
                em_str_putc(out, ',');
            if (fn_cell_null(v->children[k], r))
                em_str_puts(out, "null");
            else
                fn_jw_key(w, v->children[k], r, out);
        }
        em_str_putc(out, ']');
        return;
    }
    ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = w->tz};
    ty_format_cell(v, r, &fo, out);
}

static void fn_jw_value(fn_jw *w, const vec *v, int64_t r, em_str *out)
{
    if (fn_cell_null(v, r)) {
        em_str_puts(out, "null");
        return;
    }
    const ty *t = v->type;
    switch (t->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t l;
        const char *s = vec_str(v, r, &l);
        fn_json_quote(out, s, (size_t)l);
        return;
    }
    case TY_FLOAT:
    case TY_DOUBLE: {
        double d = t->kind == TY_FLOAT ? VEC_VALUES(v, float)[r] : VEC_VALUES(v, double)[r];
        bool finite = d == d && d != 1.0 / 0.0 && d != -1.0 / 0.0;
        if (!finite)
            em_str_putc(out, '"');
        if (t->kind == TY_FLOAT)
            ty_float_append(VEC_VALUES(v, float)[r], out);
        else
            ty_double_append(d, out);
        if (!finite)
            em_str_putc(out, '"');
        return;
    }
    case TY_DATE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ: {
        em_str_reset(&w->tmp);
        if (t->kind == TY_DATE) {
            int32_t days = VEC_VALUES(v, int32_t)[r];
            if (w->s->date_fmt)
                ty_dtfmt_format(w->s->date_fmt, (int64_t)days * 86400000000LL, NULL, &w->tmp);
            else
                ty_date_append(days, &w->tmp);
        } else {
            int64_t us = VEC_VALUES(v, int64_t)[r];
            const ty_dtfmt *f = t->kind == TY_TIMESTAMP ? w->s->ts_fmt : w->s->date_fmt;
            if (t->kind == TY_TIMESTAMP_NTZ)
                f = NULL;
            if (f)
                ty_dtfmt_format(f, us, w->tz, &w->tmp);
            else {
                /* the defaults: yyyy-MM-dd'T'HH:mm:ss.SSSXXX / yyyy-MM-dd'T'HH:mm:ss[.SSS] */
                int64_t local = t->kind == TY_TIMESTAMP ? ty_utc_to_local_micros(us, w->tz) : us;
                int64_t days = ty_floor_div(local, 86400000000LL);
                int64_t tod = ty_floor_mod(local, 86400000000LL);
                ty_date_append((int32_t)days, &w->tmp);
                em_str_printf(&w->tmp, "T%02d:%02d:%02d.%03d", (int)(tod / 3600000000LL),
                              (int)(tod / 60000000LL % 60), (int)(tod / 1000000LL % 60),
                              (int)(tod / 1000 % 1000));
                if (t->kind == TY_TIMESTAMP) {
                    int32_t off = ty_tz_offset_at(w->tz, ty_floor_div(us, 1000000));
                    if (off == 0)
                        em_str_putc(&w->tmp, 'Z');
                    else {
                        int ao = off < 0 ? -off : off;
                        em_str_printf(&w->tmp, "%c%02d:%02d", off < 0 ? '-' : '+', ao / 3600,
                                      ao / 60 % 60);
                        if (ao % 60)
                            em_str_printf(&w->tmp, ":%02d", ao % 60);
                    }
                }
            }
        }
        fn_json_quote(out, w->tmp.data ? w->tmp.data : "", w->tmp.len);
        return;
    }
    case TY_BINARY: {
        static const char b64[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int32_t l;
        const unsigned char *s = (const unsigned char *)vec_str(v, r, &l);
        em_str_putc(out, '"');
        for (int32_t k = 0; k < l; k += 3) {
            uint32_t x = (uint32_t)s[k] << 16;
            if (k + 1 < l)
                x |= (uint32_t)s[k + 1] << 8;
            if (k + 2 < l)
                x |= s[k + 2];
            char q[4] = {b64[x >> 18], b64[(x >> 12) & 63], k + 1 < l ? b64[(x >> 6) & 63] : '=',
                         k + 2 < l ? b64[x & 63] : '='};
            em_str_append(out, q, 4);
        }
        em_str_putc(out, '"');
        return;
    }
    case TY_STRUCT:
        em_str_putc(out, '{');
        for (int k = 0, wrote = 0; k < t->n_fields; k++) {
            if (w->s->o.ignore_null_fields && fn_cell_null(v->children[k], r))
                continue;
            if (wrote++)
                em_str_putc(out, ',');
            const char *nm = t->fields[k].name;
            fn_json_quote(out, nm, strlen(nm));
            em_str_putc(out, ':');
            fn_jw_value(w, v->children[k], r, out);
        }
        em_str_putc(out, '}');
        return;
    case TY_ARRAY:
        em_str_putc(out, '[');
        for (int32_t k = fn_list_start(v, r); k < v->offsets[r + 1]; k++) {
            if (k > fn_list_start(v, r))
                em_str_putc(out, ',');
            fn_jw_value(w, v->children[0], k, out);
        }
        em_str_putc(out, ']');
        return;
    case TY_MAP:
        em_str_putc(out, '{');
        for (int32_t k = fn_list_start(v, r); k < v->offsets[r + 1]; k++) {
            if (k > fn_list_start(v, r))
                em_str_putc(out, ',');
            em_str key;
            em_str_init(&key, 0);
            fn_jw_key(w, v->children[0], k, &key);
            fn_json_quote(out, key.data ? key.data : "", key.len);
            em_str_release(&key);
            em_str_putc(out, ':');
            fn_jw_value(w, v->children[1], k, out);
        }
        em_str_putc(out, '}');
        return;
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
    case TY_BOOLEAN:
    case TY_DECIMAL: {
        ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = w->tz};
        ty_format_cell(v, r, &fo, out);
        return;
    }
    default: {
        /* intervals and others: their string form, quoted */
        ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = w->tz};
        em_str_reset(&w->tmp);
        ty_format_cell(v, r, &fo, &w->tmp);
        fn_json_quote(out, w->tmp.data ? w->tmp.data : "", w->tmp.len);
        return;
    }
    }
}

static int fn_bind_to_json(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    fn_jc_state *s = em_arena_calloc(a, 1, sizeof *s);
    if (fn_json_opts_bind(a, call, 1, opts, &s->o, err))
        return err->code;
    ty_kind k = call->args[0]->type->kind;
    if (k != TY_STRUCT && k != TY_ARRAY && k != TY_MAP)
        return fn_err_unexpected_input(call, 0, "(\"STRUCT\" or \"ARRAY\" or \"MAP\")", err);
    if (fn_jc_formats(a, s, false, err))
        return err->code;
    call->type = ty_string();
    call->nullable = call->args[0]->nullable;
    call->fn_state = s;
    fn_json_call_sql(a, call);
    (void)def;
    return EM_OK;
}

static int fn_eval_to_json(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    fn_jw w = {.s = call->fn_state, .tz = ty_session_tz(ctx ? ctx->opts : NULL)};
    em_str_init(&w.tmp, 0);
    em_str buf;
    em_str_init(&buf, 0);
    vec *o = vec_new(ty_string(), n);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(args[0], r)) {
            vec_append_null(o);
            continue;
        }
        em_str_reset(&buf);
        fn_jw_value(&w, args[0], r, &buf);
        rc = vec_append_str(o, buf.data ? buf.data : "", (int64_t)buf.len, err);
    }
    em_str_release(&buf);
    em_str_release(&w.tmp);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

#define FN_JC(nm, mn, mx, b, e)                                                                    \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_json_conv_defs[] = {
    FN_JC("from_json", 2, 3, fn_bind_from_json, fn_eval_from_json),
    FN_JC("to_json", 1, 2, fn_bind_to_json, fn_eval_to_json),
};
const int fn_json_conv_n_defs = (int)(sizeof fn_json_conv_defs / sizeof fn_json_conv_defs[0]);
