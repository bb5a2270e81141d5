/*
 * fn_csv: the CSV functions from_csv (CsvToStructs: UnivocityParser's converters under
 * FailureSafeParser's modes), to_csv (StructsToCsv: UnivocityGenerator) and schema_of_csv
 * (SchemaOfCsv: CSVInferSchema over one record).
 *
 * One record is tokenized here as Univocity does it with Spark's CSVOptions: `sep` / `delimiter`
 * (default ","; several characters allowed), `quote` ("\""), `escape` ("\\") inside quoted
 * values, `nullValue` (""), `nanValue` / `positiveInf` / `negativeInf`, `timestampFormat`,
 * `dateFormat`, `mode` (PERMISSIVE / FAILFAST) and `ignoreLeadingWhiteSpace` /
 * `ignoreTrailingWhiteSpace` (reading: off; writing: on). src/io/csv cannot be linked from
 * functions (cmake/modules.cmake), so the small tokenizer lives here.
 *
 * from_csv, PERMISSIVE: a field that does not convert is NULL, a record with fewer tokens than
 * the schema has NULLs for the missing fields, extra tokens are dropped; FAILFAST raises
 * MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION for any of those. Expressions print as
 * name(<first argument>) as Spark's CSV expressions do.
 */
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "functions/fn_json_int.h"
#include "functions/fn_json_opts.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"
#include "types/ty_dec.h"
#include "types/ty_format.h"
#include "types/ty_num.h"
#include "types/ty_time.h"

typedef struct fn_csv_opts {
    const char *sep;
    size_t sep_len;
    char quote, escape;
    const char *null_value, *nan_value, *pos_inf, *neg_inf;
    const char *ts_format, *date_format;
    bool failfast;
    bool trim_lead, trim_trail; /* explicit ignore*WhiteSpace (-1 = the read / write default) */
    int lead_set, trail_set;
    ty_dtfmt *ts_fmt, *date_fmt; /* compiled (freed with the bind arena) */
} fn_csv_opts;

static void fn_csv_free_fmt(void *p)
{
    ty_dtfmt_free(p);
}

static bool fn_csv_bool(const char *v)
{
    return strcasecmp(v, "true") == 0;
}

/* Reads the options map at args[i] (CSVOptions defaults) and compiles the datetime formats. */
static int fn_csv_opts_bind(em_arena *a, pl_expr *call, int i, const pl_session_opts *opts,
                            bool parsing, fn_csv_opts *o, em_error *err)
{
    memset(o, 0, sizeof *o);
    o->sep = ",";
    o->sep_len = 1;
    o->quote = '"';
    o->escape = '\\';
    o->null_value = "";
    o->nan_value = "NaN";
    o->pos_inf = "Inf";
    o->neg_inf = "-Inf";
    o->lead_set = o->trail_set = -1;
    if (i < call->n_args) {
        /* the same checks as the JSON functions' options (INVALID_OPTIONS.*) */
        fn_json_opts jo;
        if (fn_json_opts_bind(a, call, i, opts, &jo, err))
            return err->code;
        vec *m = NULL;
        if (fn_misc_fold(call->args[i], opts, &m, err) < 0)
            return err->code;
        if (m && !fn_cell_null(m, 0)) {
            const vec *keys = m->children[0], *vals = m->children[1];
            for (int32_t k = fn_list_start(m, 0); k < m->offsets[1]; k++) {
                if (fn_cell_null(vals, k))
                    continue;
                int32_t kl, vl;
                const char *ks = vec_str(keys, k, &kl), *vs = vec_str(vals, k, &vl);
                char *key = em_arena_strndup(a, ks, (size_t)kl);
                char *val = em_arena_strndup(a, vs, (size_t)vl);
                if (strcasecmp(key, "sep") == 0 || strcasecmp(key, "delimiter") == 0) {
                    if (strcmp(val, "\\t") == 0)
                        val = "\t";
                    if (val[0]) {
                        o->sep = val;
                        o->sep_len = strlen(val);
                    }
                } else if (strcasecmp(key, "quote") == 0) {
                    o->quote = val[0];
                } else if (strcasecmp(key, "escape") == 0) {
                    o->escape = val[0];
                } else if (strcasecmp(key, "nullValue") == 0) {
                    o->null_value = val;
                } else if (strcasecmp(key, "nanValue") == 0) {
                    o->nan_value = val;
                } else if (strcasecmp(key, "positiveInf") == 0) {
                    o->pos_inf = val;
                } else if (strcasecmp(key, "negativeInf") == 0) {
                    o->neg_inf = val;
                } else if (strcasecmp(key, "timestampFormat") == 0) {
                    o->ts_format = val;
                } else if (strcasecmp(key, "dateFormat") == 0) {
                    o->date_format = val;
                } else if (strcasecmp(key, "mode") == 0) {
                    o->failfast = strcasecmp(val, "FAILFAST") == 0;
                } else if (strcasecmp(key, "ignoreLeadingWhiteSpace") == 0) {
                    o->lead_set = fn_csv_bool(val);
                } else if (strcasecmp(key, "ignoreTrailingWhiteSpace") == 0) {
                    o->trail_set = fn_csv_bool(val);
                }
            }
        }
        vec_release(m);
    }
    /* CSVOptions: whitespace is kept when reading and trimmed when writing by default */
    o->trim_lead = o->lead_set < 0 ? !parsing : o->lead_set;
    o->trim_trail = o->trail_set < 0 ? !parsing : o->trail_set;
    const char *pats[2] = {o->ts_format, o->date_format};
    ty_dtfmt **dst[2] = {&o->ts_fmt, &o->date_fmt};
    if (!parsing && !pats[0])
        pats[0] = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"; /* timestampFormatInWrite */
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
        em_arena_on_release(a, fn_csv_free_fmt, *dst[k]);
    }
    return EM_OK;
}

/* ---- tokenizing one record ------------------------------------------------------------------ */

typedef struct fn_csv_tok {
    const char *s; /* NULL: no value (an empty unquoted token) */
    int32_t len;
} fn_csv_tok;

#define FN_CSV_MAX_TOKENS 4096

static bool fn_csv_ws(char c)
{
    return c == ' ' || c == '\t';
}

/*
 * Splits s[0..len) into at most `cap` tokens (text of quoted values unescaped into buf, an
 * arena string). Returns the token count.
 */
static int fn_csv_split(const fn_csv_opts *o, const char *s, int32_t len, em_arena *a,
                        fn_csv_tok *toks, int cap)
{
    int n = 0;
    int32_t i = 0;
    char *buf = em_arena_alloc(a, (size_t)len + 1);
    int32_t bl = 0;
    while (n < cap) {

        if (o->trim_lead)
            while (i < len && fn_csv_ws(s[i]))
                i++;
        fn_csv_tok t = {NULL, 0};
        if (i < len && s[i] == o->quote) {
            i++;
            int32_t b0 = bl;
            while (i < len) {
                char c = s[i];
                if (c == o->escape && o->escape != o->quote && i + 1 < len &&
                    (s[i + 1] == o->quote || s[i + 1] == o->escape)) {
                    buf[bl++] = s[i + 1];
                    i += 2;
                } else if (c == o->quote && i + 1 < len && s[i + 1] == o->quote) {
                    buf[bl++] = c;
                    i += 2;
                } else if (c == o->quote) {
                    i++;
                    break;
                } else {
                    buf[bl++] = c;
                    i++;
                }
            }
            /* anything up to the separator after the closing quote is kept as text */
            while (i < len &&
                   !((size_t)(len - i) >= o->sep_len && memcmp(s + i, o->sep, o->sep_len) == 0)) {
                if (!fn_csv_ws(s[i]) || !o->trim_trail)
                    buf[bl++] = s[i];
                i++;
            }
            t.s = buf + b0;
            t.len = bl - b0;
        } else {
            int32_t v0 = i;
            while (i < len &&
                   !((size_t)(len - i) >= o->sep_len && memcmp(s + i, o->sep, o->sep_len) == 0))
                i++;
            int32_t v1 = i;
            if (o->trim_trail)
                while (v1 > v0 && fn_csv_ws(s[v1 - 1]))
                    v1--;
            if (v1 > v0) {
                t.s = s + v0;
                t.len = v1 - v0;
            }
        }

        toks[n++] = t;
        if (i >= len)
            break;
        i += (int32_t)o->sep_len; /* past the separator: another token follows */
        if (i >= len && n < cap) {
            toks[n++] = (fn_csv_tok){NULL, 0};
            break;
        }
    }
    return n;
}

/* ---- from_csv ------------------------------------------------------------------------------- */

typedef struct fn_csv_state {
    fn_csv_opts o;
    const ty *schema;
} fn_csv_state;

static bool fn_csv_eq(const fn_csv_tok *t, const char *lit)
{
    return t->s && (size_t)t->len == strlen(lit) && memcmp(t->s, lit, (size_t)t->len) == 0;
}

/* Java's Integer.parseInt / Long.parseLong: an optional sign and ASCII digits, nothing else. */
static bool fn_csv_java_long(const fn_csv_tok *t, int64_t *out)
{
    int32_t k = t->s[0] == '+' || t->s[0] == '-' ? 1 : 0;
    if (k >= t->len)
        return false;
    for (int32_t j = k; j < t->len; j++)
        if (t->s[j] < '0' || t->s[j] > '9')
            return false;
    return ty_parse_long(t->s, (size_t)t->len, false, out);
}

/* Java's Double.parseDouble (whitespace trimmed, f/d suffixes, NaN / Infinity spelled so). */
static bool fn_csv_java_double(const fn_csv_tok *t, double *out)
{
    int32_t b = 0, e = t->len;
    while (b < e && (unsigned char)t->s[b] <= ' ')
        b++;
    while (e > b && (unsigned char)t->s[e - 1] <= ' ')
        e--;
    int32_t k = b < e && (t->s[b] == '+' || t->s[b] == '-') ? b + 1 : b;
    if (k < e && (t->s[k] == 'i' || t->s[k] == 'n' || t->s[k] == 'I' || t->s[k] == 'N')) {
        bool ok = (e - k == 3 && memcmp(t->s + k, "NaN", 3) == 0) ||
                  (e - k == 8 && memcmp(t->s + k, "Infinity", 8) == 0);
        if (!ok)
            return false;
    }
    return b < e && ty_parse_double(t->s + b, (size_t)(e - b), false, out);
}

/* Decimal parser of CSVOptions' default locale (en-US): commas dropped, then BigDecimal. */
static ty_dec_parse_result fn_csv_decimal(const fn_csv_tok *t, int p, int s, ty_i128 *out)
{
    char buf[128];
    int32_t bl = 0;
    for (int32_t k = 0; k < t->len && bl < (int32_t)sizeof buf - 1; k++)
        if (t->s[k] != ',')
            buf[bl++] = t->s[k];
    if (bl == 0 || (unsigned char)buf[0] <= ' ' || (unsigned char)buf[bl - 1] <= ' ')
        return TY_DEC_INVALID;
    return ty_dec_parse(buf, (size_t)bl, p, s, out);
}

#define FN_CSV_PUT(v, T, x)                                                                        \
    do {                                                                                           \
        VEC_VALUES((v), T)[(v)->len] = (x);                                                        \
    } while (0)

/* Appends the value of token t as type ty to dst; false (a NULL appended) when it does not
   convert. */
static bool fn_csv_convert(const fn_csv_state *st, const fn_csv_tok *t, const ty *ft, vec *dst,
                           const ty_tz *tz, int64_t now, em_error *err)
{
    const fn_csv_opts *o = &st->o;
    if (!t->s || fn_csv_eq(t, o->null_value)) {
        vec_append_null(dst);
        return true;
    }
    if (ty_is_string(ft))
        return vec_append_str(dst, t->s, t->len, err) == 0;
    vec_reserve(dst, dst->len + 1);
    bool ok = true;
    switch (ft->kind) {
    case TY_BOOLEAN:
        if (t->len == 4 && strncasecmp(t->s, "true", 4) == 0)
            FN_CSV_PUT(dst, uint8_t, 1);
        else if (t->len == 5 && strncasecmp(t->s, "false", 5) == 0)
            FN_CSV_PUT(dst, uint8_t, 0);
        else
            ok = false;
        break;
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG: {
        int64_t l = 0;
        int64_t lo = ft->kind == TY_BYTE    ? INT8_MIN
                     : ft->kind == TY_SHORT ? INT16_MIN
                     : ft->kind == TY_INT   ? INT32_MIN
                                            : INT64_MIN;
        int64_t hi = ft->kind == TY_BYTE    ? INT8_MAX
                     : ft->kind == TY_SHORT ? INT16_MAX
                     : ft->kind == TY_INT   ? INT32_MAX
                                            : INT64_MAX;
        ok = fn_csv_java_long(t, &l) && l >= lo && l <= hi;
        if (ok && ft->kind == TY_BYTE)
            FN_CSV_PUT(dst, int8_t, (int8_t)l);
        else if (ok && ft->kind == TY_SHORT)
            FN_CSV_PUT(dst, int16_t, (int16_t)l);
        else if (ok && ft->kind == TY_INT)
            FN_CSV_PUT(dst, int32_t, (int32_t)l);
        else if (ok)
            FN_CSV_PUT(dst, int64_t, l);
        break;
    }
    case TY_FLOAT:
    case TY_DOUBLE: {
        double d = 0;
        if (fn_csv_eq(t, o->nan_value))
            d = 0.0 / 0.0;
        else if (fn_csv_eq(t, o->pos_inf))
            d = 1.0 / 0.0;
        else if (fn_csv_eq(t, o->neg_inf))
            d = -1.0 / 0.0;
        else
            ok = fn_csv_java_double(t, &d);
        if (ok && ft->kind == TY_FLOAT)
            FN_CSV_PUT(dst, float, (float)d);
        else if (ok)
            FN_CSV_PUT(dst, double, d);
        break;
    }
    case TY_DECIMAL: {
        ty_i128 x = 0;
        ok = fn_csv_decimal(t, ft->precision, ft->scale, &x) == TY_DEC_OK;
        if (ok)
            FN_CSV_PUT(dst, ty_i128, x);
        break;
    }
    case TY_DATE: {
        int32_t days = 0;
        if (o->date_fmt) {
            int64_t us;
            char msg[256];
            ok =
                ty_dtfmt_parse(o->date_fmt, t->s, (size_t)t->len, NULL, true, &us, msg, sizeof msg);
            days = (int32_t)ty_floor_div(us, TY_MICROS_PER_DAY);
        } else {
            ok = ty_parse_date(t->s, (size_t)t->len, &days);
        }
        if (ok)
            FN_CSV_PUT(dst, int32_t, days);
        break;
    }
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ: {
        bool ntz = ft->kind == TY_TIMESTAMP_NTZ;
        int64_t us = 0;
        char msg[256];
        if (o->ts_fmt && !ntz)
            ok = ty_dtfmt_parse(o->ts_fmt, t->s, (size_t)t->len, tz, false, &us, msg, sizeof msg);
        else if (ntz)
            ok = ty_parse_timestamp_ntz(t->s, (size_t)t->len, &us);
        else
            ok = ty_parse_timestamp(t->s, (size_t)t->len, tz, now, &us);
        if (ok)
            FN_CSV_PUT(dst, int64_t, us);
        break;
    }
    case TY_CALENDAR_INTERVAL:
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL: {
        /* IntervalUtils.safeStringToInterval / castStringToYMInterval / castStringToDTInterval:
           the casts from STRING (a malformed value is a failed field) */
        vec *sv = vec_new(ty_string(), 1), *cv = NULL;
        em_error ce;
        em_error_clear(&ce);
        ok = vec_append_str(sv, t->s, t->len, err) == 0 &&
             ty_cast_vec(sv, ft, PX_EVAL_TRY, NULL, &cv, &ce) == 0 && !vec_is_null(cv, 0);
        vec_release(sv);
        if (ok) {
            int rc = vec_append_from(dst, cv, 0, err);
            vec_release(cv);
            return rc == 0;
        }
        vec_release(cv);
        break;
    }
    default:
        ok = false;
        break;
    }
    if (!ok) {
        vec_append_null(dst);
        return false;
    }
    vec_set_valid(dst, dst->len);
    dst->len++;
    return true;
}

/* The CSV functions' data types: atomic types only (CSVUtils.verifySchema / to_csv's check). */
static bool fn_csv_supported(const ty *t)
{
    switch (t->kind) {
    case TY_BOOLEAN:
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
    case TY_FLOAT:
    case TY_DOUBLE:
    case TY_DECIMAL:
    case TY_DATE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_NULL:
    case TY_CALENDAR_INTERVAL:
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL:
        return true;
    default:
        return false;
    }
}

static int fn_bind_from_csv(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    (void)def;
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    const char *text;
    const ty *schema;
    if (fn_json_schema_arg(a, call, 1, opts, &text, &schema, err))
        return err->code;
    if (schema->kind != TY_STRUCT)
        return em_error_set(err, "INVALID_SCHEMA.NON_STRUCT_TYPE", "inputSchema",
                            em_arena_printf(a, "\"%s\"", text), "dataType",
                            fn_coll_qtype(a, schema), NULL);
    for (int f = 0; f < schema->n_fields; f++)
        if (!fn_csv_supported(schema->fields[f].type))
            return em_error_set(err, "UNSUPPORTED_DATATYPE", "typeName",
                                fn_coll_qtype(a, schema->fields[f].type), NULL);
    if (!ty_is_string(call->args[0]->type) && call->args[0]->type->kind != TY_NULL)
        return fn_err_unexpected_input(call, 0, "\"STRING\"", err);
    fn_cast_arg(a, call, 0, ty_string());
    fn_csv_state *st = em_arena_calloc(a, 1, sizeof *st);
    if (fn_csv_opts_bind(a, call, 2, opts, true, &st->o, err))
        return err->code;
    st->schema = fn_coll_as_nullable(a, schema);
    call->type = st->schema;
    call->nullable = true;
    call->fn_state = st;
    fn_json_call_sql(a, call);
    return EM_OK;
}

static int fn_eval_from_csv(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                            vec **out, em_error *err)
{
    const fn_csv_state *st = call->fn_state;
    const ty *t = call->type;
    const ty_tz *tz = ty_session_tz(ctx ? ctx->opts : NULL);
    int64_t now = ctx && ctx->opts ? ctx->opts->now_micros : 0;
    vec *o = vec_new(t, n);
    fn_csv_tok *toks = em_malloc(sizeof *toks * FN_CSV_MAX_TOKENS);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(args[0], r)) {
            vec_append_null(o);
            continue;
        }
        int32_t len;
        const char *s = vec_str(args[0], r, &len);
        em_arena a;
        em_arena_init(&a, 0);
        int n_toks = fn_csv_split(&st->o, s, len, &a, toks, FN_CSV_MAX_TOKENS);
        bool bad = n_toks != t->n_fields;
        vec_reserve(o, o->len + 1);
        for (int f = 0; f < t->n_fields; f++) {
            fn_csv_tok none = {NULL, 0};
            const fn_csv_tok *tok = f < n_toks ? &toks[f] : &none;
            if (!fn_csv_convert(st, tok, t->fields[f].type, o->children[f], tz, now, err))
                bad = true;
            if (err->code)
                rc = err->code;
        }
        vec_set_valid(o, o->len);
        o->len++;
        em_arena_release(&a);
        if (bad && st->o.failfast && rc == EM_OK) {
            char *rec = em_strndup(s, (size_t)len);
            rc = em_error_set(err, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "badRecord",
                              rec, "failFastMode", "FAILFAST", NULL);
            em_free(rec);
        }
    }
    em_free(toks);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

/* ---- to_csv --------------------------------------------------------------------------------- */

static int fn_bind_to_csv(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    (void)def;
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    const ty *t = call->args[0]->type;
    if (t->kind != TY_STRUCT)
        return fn_err_unexpected_input(call, 0, "\"STRUCT\"", err);
    for (int f = 0; f < t->n_fields; f++)
        if (!fn_csv_supported(t->fields[f].type)) {
            em_str q;
            em_str_init(&q, 0);
            em_str_putc(&q, '"');
            fn_json_call_sql(a, call);
            em_str_puts(&q, call->sql);
            call->sql = NULL;
            em_str_putc(&q, '"');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE", "functionName",
                                  "`to_csv`", "dataType", fn_coll_qtype(a, t), "sqlExpr",
                                  em_arena_strndup(a, q.data, q.len), NULL);
            em_str_release(&q);
            return rc;
        }
    fn_csv_state *st = em_arena_calloc(a, 1, sizeof *st);
    if (fn_csv_opts_bind(a, call, 1, opts, false, &st->o, err))
        return err->code;
    st->schema = t;
    call->type = ty_string();
    call->nullable = call->args[0]->nullable;
    call->fn_state = st;
    fn_json_call_sql(a, call);
    return EM_OK;
}

/* Univocity's writer: a value is quoted when it holds the separator, the quote, the escape or a
   line break; quotes (and escapes) inside are escaped; the empty string is written "". */
static void fn_csv_write_value(const fn_csv_opts *o, const char *s, size_t len, em_str *out)
{
    size_t b = 0, e = len;
    if (o->trim_lead)
        while (b < e && (unsigned char)s[b] <= ' ')
            b++;
    if (o->trim_trail)
        while (e > b && (unsigned char)s[e - 1] <= ' ')
            e--;
    if (b == e) {
        em_str_putc(out, o->quote);
        em_str_putc(out, o->quote);
        return;
    }
    bool need = false;
    for (size_t k = b; k < e && !need; k++)
        need = s[k] == o->quote || s[k] == '\n' || s[k] == '\r' ||
               (e - k >= o->sep_len && memcmp(s + k, o->sep, o->sep_len) == 0);
    if (!need) {
        em_str_append(out, s + b, e - b);
        return;
    }
    em_str_putc(out, o->quote);
    for (size_t k = b; k < e; k++) {
        if (s[k] == o->quote || (s[k] == o->escape && o->escape != o->quote))
            em_str_putc(out, o->escape);
        em_str_putc(out, s[k]);
    }
    em_str_putc(out, o->quote);
}

static int fn_eval_to_csv(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    const fn_csv_state *st = call->fn_state;
    const vec *in = args[0];
    const ty *t = in->type;
    const ty_tz *tz = ty_session_tz(ctx ? ctx->opts : NULL);
    ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = tz};
    vec *o = vec_new(ty_string(), n);
    em_str line, cell;
    em_str_init(&line, 0);
    em_str_init(&cell, 0);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(in, r)) {
            vec_append_null(o);
            continue;
        }
        em_str_reset(&line);
        for (int f = 0; f < t->n_fields; f++) {
            if (f > 0)
                em_str_append(&line, st->o.sep, st->o.sep_len);
            const vec *c = in->children[f];
            if (fn_cell_null(c, r)) {
                em_str_puts(&line, st->o.null_value);
                continue;
            }
            em_str_reset(&cell);
            ty_kind k = c->type->kind;
            if (k == TY_TIMESTAMP)
                ty_dtfmt_format(st->o.ts_fmt, VEC_VALUES(c, int64_t)[r], tz, &cell);
            else if (k == TY_DATE && st->o.date_fmt)
                ty_dtfmt_format(st->o.date_fmt,
                                (int64_t)VEC_VALUES(c, int32_t)[r] * TY_MICROS_PER_DAY, NULL,
                                &cell);
            else
                ty_format_cell(c, r, &fo, &cell);
            fn_csv_write_value(&st->o, cell.data ? cell.data : "", cell.len, &line);
        }
        rc = vec_append_str(o, line.data ? line.data : "", (int64_t)line.len, err);
    }
    em_str_release(&line);
    em_str_release(&cell);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

/* ---- schema_of_csv -------------------------------------------------------------------------- */

/* CSVInferSchema.inferField from NullType for one token (preferDate on, TIMESTAMP_LTZ). */
static const ty *fn_csv_infer(em_arena *a, const fn_csv_opts *o, const ty_dtfmt *date_fmt,
                              const fn_csv_tok *t, const ty_tz *tz)
{
    if (!t->s || fn_csv_eq(t, o->null_value))
        return ty_string(); /* NullType, then toStructFields' StringType */
    int64_t l;
    if (fn_csv_java_long(t, &l))
        return l >= INT32_MIN && l <= INT32_MAX ? ty_int() : ty_long();
    /* tryParseDecimal: integers beyond a long with scale <= 0 */
    ty_i128 x;
    int p = 0, s = 0;
    char buf[128];
    int32_t bl = 0;
    for (int32_t k = 0; k < t->len && bl < (int32_t)sizeof buf - 1; k++)
        if (t->s[k] != ',')
            buf[bl++] = t->s[k];
    bool digits = bl > 0;
    for (int32_t k = buf[0] == '-' || buf[0] == '+' ? 1 : 0; k < bl; k++)
        digits = digits && buf[k] >= '0' && buf[k] <= '9';
    if (digits && ty_dec_parse_exact(buf, (size_t)bl, &x, &p, &s) == TY_DEC_OK && s <= 0 && p <= 38)
        return ty_decimal(a, p, 0);
    double d;
    if (fn_csv_java_double(t, &d) || fn_csv_eq(t, o->nan_value) || fn_csv_eq(t, o->pos_inf) ||
        fn_csv_eq(t, o->neg_inf))
        return ty_double();
    int64_t us;
    char msg[256];
    if (ty_dtfmt_parse(date_fmt, t->s, (size_t)t->len, NULL, true, &us, msg, sizeof msg))
        return ty_date();
    if (o->ts_fmt ? ty_dtfmt_parse(o->ts_fmt, t->s, (size_t)t->len, tz, false, &us, msg, sizeof msg)
                  : ty_parse_timestamp(t->s, (size_t)t->len, tz, 0, &us))
        return ty_timestamp();
    if ((t->len == 4 && strncasecmp(t->s, "true", 4) == 0) ||
        (t->len == 5 && strncasecmp(t->s, "false", 5) == 0))
        return ty_boolean();
    return ty_string();
}

static int fn_bind_schema_of_csv(const fn_def *def, em_arena *a, pl_expr *call,
                                 const pl_session_opts *opts, em_error *err)
{
    (void)def;
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    /* SchemaOfCsv.checkInputDataTypes: foldable, then not NULL, then a STRING */
    const pl_expr *e = call->args[0];
    em_str q;
    em_str_init(&q, 0);
    fn_expr_sql(e, &q);
    const char *esql = em_arena_strndup(a, q.data ? q.data : "", q.len);
    em_str_release(&q);
    const char *sql_expr = em_arena_printf(a, "\"schema_of_csv(%s)\"", esql);
    if (!fn_misc_foldable(e)) {
        em_str t;
        em_str_init(&t, 0);
        ty_sql_type_quoted(e->type, &t);
        int rc = em_error_set(err, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "inputExpr",
                              em_arena_printf(a, "\"%s\"", esql), "inputName", "`csv`", "inputType",
                              t.data ? t.data : "", "sqlExpr", sql_expr, NULL);
        em_str_release(&t);
        return rc;
    }
    vec *v = NULL;
    if (fn_misc_fold(e, opts, &v, err) < 0)
        return err->code;
    if (!v || fn_cell_null(v, 0)) {
        vec_release(v);
        return em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_NULL", "exprName", "csv", "sqlExpr",
                            sql_expr, NULL);
    }
    if (!ty_is_string(e->type)) {
        vec_release(v);
        return fn_err_unexpected_input(call, 0, "\"STRING\"", err);
    }
    fn_csv_opts o;
    if (fn_csv_opts_bind(a, call, 1, opts, true, &o, err)) {
        vec_release(v);
        return err->code;
    }
    int32_t len;
    const char *s = vec_str(v, 0, &len);
    fn_csv_tok *toks = em_arena_alloc(a, sizeof *toks * FN_CSV_MAX_TOKENS);
    int n_toks = fn_csv_split(&o, s, len, a, toks, FN_CSV_MAX_TOKENS);
    const ty_tz *tz = ty_session_tz(opts);
    /* dateFormat defaults to yyyy-MM-dd (strict) for inference */
    const ty_dtfmt *date_fmt = o.date_fmt;
    if (!date_fmt) {
        ty_dtfmt_error e;
        memset(&e, 0, sizeof e);
        ty_dtfmt *f = ty_dtfmt_compile("yyyy-MM-dd", 10, true, &e);
        if (!f) {
            vec_release(v);
            return em_error_internal(err, "cannot compile the default date format");
        }
        em_arena_on_release(a, fn_csv_free_fmt, f);
        date_fmt = f;
    }
    em_str ddl;
    em_str_init(&ddl, 0);
    em_str_puts(&ddl, "STRUCT<");
    for (int k = 0; k < n_toks; k++) {
        em_str_printf(&ddl, "%s_c%d: ", k ? ", " : "", k);
        ty_sql(fn_csv_infer(a, &o, date_fmt, &toks[k], tz), &ddl);
    }
    em_str_putc(&ddl, '>');
    vec_release(v);
    call->fn_state = em_arena_strndup(a, ddl.data, ddl.len);
    em_str_release(&ddl);
    call->type = ty_string();
    call->nullable = false;
    fn_json_call_sql(a, call);
    return EM_OK;
}

static int fn_eval_schema_of_csv(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                 vec **out, em_error *err)
{
    (void)args;
    (void)ctx;
    const char *s = call->fn_state;
    vec *o = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++)
        if (vec_append_str(o, s, (int64_t)strlen(s), err)) {
            vec_release(o);
            return err->code;
        }
    *out = o;
    return EM_OK;
}

#define FN_CSV(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_csv_defs[] = {
    FN_CSV("from_csv", 2, 3, fn_bind_from_csv, fn_eval_from_csv),
    FN_CSV("to_csv", 1, 2, fn_bind_to_csv, fn_eval_to_csv),
    FN_CSV("schema_of_csv", 1, 2, fn_bind_schema_of_csv, fn_eval_schema_of_csv),
};
const int fn_csv_n_defs = (int)(sizeof fn_csv_defs / sizeof fn_csv_defs[0]);
