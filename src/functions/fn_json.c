/*
 * fn_json: the JSON functions that read JSON text without a target schema: get_json_object
 * (Spark's JSONPath subset and its write styles), json_tuple (a generator), json_array_length,
 * json_object_keys, schema_of_json (JsonInferSchema over one record) — and the options map
 * shared with from_json / to_json (fn_json_conv.c).
 *
 * Like Spark, get_json_object / json_tuple / json_array_length / json_object_keys read with
 * Jackson's strict defaults plus unquoted control characters (SharedFactory); a malformed
 * record is NULL, never an error.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "functions/fn_json_opts.h"
#include "functions/fn_misc_int.h"

static const fn_jopts fn_json_shared = {.allow_control_chars = true};

/* ---- options ------------------------------------------------------------------------------ */

static bool fn_jo_bool(const char *v)
{
    return strcasecmp(v, "true") == 0;
}

int fn_json_opts_bind(em_arena *a, pl_expr *call, int i, const pl_session_opts *opts,
                      fn_json_opts *o, em_error *err)
{
    memset(o, 0, sizeof *o);
    o->jackson.allow_single_quotes = true;
    o->jackson.allow_non_numeric = true;
    o->ignore_null_fields = true;
    o->mode = FN_JSON_PERMISSIVE;
    if (i >= call->n_args)
        return EM_OK;
    const pl_expr *e = call->args[i];
    bool is_map_call = e->kind == PX_CALL && e->name &&
                       (strcasecmp(e->name, "map") == 0 || strcasecmp(e->name, "create_map") == 0);
    if (e->type->kind != TY_MAP || !(is_map_call || e->kind == PX_LITERAL) || !fn_misc_foldable(e))
        return em_error_set(err, "INVALID_OPTIONS.NON_MAP_FUNCTION", NULL);
    if (!ty_is_string(e->type->key) || !ty_is_string(e->type->value))
        return em_error_set(err, "INVALID_OPTIONS.NON_STRING_TYPE", "mapType",
                            fn_coll_qtype(a, e->type), NULL);
    vec *m = NULL;
    if (fn_misc_fold(e, opts, &m, err) < 0)
        return err->code;
    if (m && !fn_cell_null(m, 0)) {
        const vec *keys = m->children[0], *vals = m->children[1];
        for (int32_t k = fn_list_start(m, 0); k < m->offsets[1]; k++) {
            int32_t kl, vl;
            const char *ks = vec_str(keys, k, &kl);
            if (fn_cell_null(vals, k))
                continue;
            const char *vs = vec_str(vals, k, &vl);
            char *key = em_arena_strndup(a, ks, (size_t)kl);
            char *val = em_arena_strndup(a, vs, (size_t)vl);
            if (strcasecmp(key, "allowComments") == 0)
                o->jackson.allow_comments = fn_jo_bool(val);
            else if (strcasecmp(key, "allowUnquotedFieldNames") == 0)
                o->jackson.allow_unquoted_names = fn_jo_bool(val);
            else if (strcasecmp(key, "allowSingleQuotes") == 0)
                o->jackson.allow_single_quotes = fn_jo_bool(val);
            else if (strcasecmp(key, "allowNumericLeadingZeros") == 0)
                o->jackson.allow_leading_zeros = fn_jo_bool(val);
            else if (strcasecmp(key, "allowNonNumericNumbers") == 0)
                o->jackson.allow_non_numeric = fn_jo_bool(val);
            else if (strcasecmp(key, "allowBackslashEscapingAnyCharacter") == 0)
                o->jackson.allow_backslash_any = fn_jo_bool(val);
            else if (strcasecmp(key, "allowUnquotedControlChars") == 0)
                o->jackson.allow_control_chars = fn_jo_bool(val);
            else if (strcasecmp(key, "primitivesAsString") == 0)
                o->primitives_as_string = fn_jo_bool(val);
            else if (strcasecmp(key, "prefersDecimal") == 0)
                o->prefers_decimal = fn_jo_bool(val);
            else if (strcasecmp(key, "ignoreNullFields") == 0)
                o->ignore_null_fields = fn_jo_bool(val);
            else if (strcasecmp(key, "timestampFormat") == 0)
                o->timestamp_format = val;
            else if (strcasecmp(key, "timestampNTZFormat") == 0)
                o->timestamp_ntz_format = val;
            else if (strcasecmp(key, "dateFormat") == 0)
                o->date_format = val;
            else if (strcasecmp(key, "pretty") == 0)
                o->pretty = fn_jo_bool(val);
            else if (strcasecmp(key, "mode") == 0)
                o->mode = strcasecmp(val, "FAILFAST") == 0        ? FN_JSON_FAILFAST
                          : strcasecmp(val, "DROPMALFORMED") == 0 ? FN_JSON_DROPMALFORMED
                                                                  : FN_JSON_PERMISSIVE;
        }
    }
    vec_release(m);
    return EM_OK;
}

void fn_json_call_sql(em_arena *a, pl_expr *call)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_puts(&s, call->name ? call->name : "");
    em_str_putc(&s, '(');
    fn_expr_sql(call->args[0], &s);
    em_str_putc(&s, ')');
    call->sql = em_arena_strndup(a, s.data, s.len);
    em_str_release(&s);
}

/* ---- get_json_object ---------------------------------------------------------------------- */

typedef enum fn_jpi_kind {
    FN_JPI_KEY,
    FN_JPI_SUB,
    FN_JPI_WILD,
    FN_JPI_NAMED,
    FN_JPI_INDEX
} fn_jpi_kind;
typedef struct fn_jpi {
    fn_jpi_kind kind;
    const char *name;
    size_t name_len;
    int64_t index;
} fn_jpi;

typedef enum fn_jstyle { FN_JS_RAW, FN_JS_QUOTED, FN_JS_FLATTEN } fn_jstyle;

/* A generator's state: the text, and per open array whether a value was written. */
typedef struct fn_jgen {
    em_str *out;
    int depth;
    bool wrote[64];
    bool root_wrote;
} fn_jgen;

static void fn_jgen_prefix(fn_jgen *g)
{
    if (g->depth > 0 && g->depth <= 64) {
        if (g->wrote[g->depth - 1])
            em_str_putc(g->out, ',');
        g->wrote[g->depth - 1] = true;
    } else if (g->depth == 0) {
        if (g->root_wrote)
            em_str_putc(g->out, ' ');
        g->root_wrote = true;
    }
}
static void fn_jgen_start(fn_jgen *g)
{
    fn_jgen_prefix(g);
    em_str_putc(g->out, '[');
    if (g->depth < 64)
        g->wrote[g->depth] = false;
    g->depth++;
}
static void fn_jgen_end(fn_jgen *g)
{
    em_str_putc(g->out, ']');
    g->depth--;
}

/* Spark's JsonPathParser (RegexParsers skip whitespace before every token). Returns the number of
   instructions, or -1 when the path is invalid. */
static int fn_jpath_parse(em_arena *a, const char *s, size_t len, fn_jpi **out)
{
    const char *p = s, *end = s + len;
    fn_jpi *v = em_arena_calloc(a, len * 2 + 2, sizeof *v);
    int n = 0;
#define FN_WS()                                                                                    \
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'))         \
    p++
    FN_WS();
    if (p >= end || *p != '$')
        return -1;
    p++;
    for (;;) {
        FN_WS();
        if (p >= end)
            break;
        if ((end - p >= 2 && p[0] == '.' && p[1] == '*')) {
            v[n++].kind = FN_JPI_WILD;
            p += 2;
        } else if (end - p >= 5 && memcmp(p, "['*']", 5) == 0) {
            v[n++].kind = FN_JPI_WILD;
            p += 5;
        } else if (*p == '.') {
            p++;
            FN_WS();
            const char *q = p;
            while (q < end && *q != '.' && *q != '[')
                q++;
            if (q == p)
                return -1;
            v[n++].kind = FN_JPI_KEY;
            v[n].kind = FN_JPI_NAMED;
            v[n].name = p;
            v[n++].name_len = (size_t)(q - p);
            p = q;
        } else if (end - p >= 2 && p[0] == '[' && p[1] == '\'') {
            p += 2;
            FN_WS();
            const char *q = p;
            while (q < end && *q != '\'')
                q++;
            if (q == p || end - q < 2 || q[1] != ']')
                return -1;
            v[n++].kind = FN_JPI_KEY;
            v[n].kind = FN_JPI_NAMED;
            v[n].name = p;
            v[n++].name_len = (size_t)(q - p);
            p = q + 2;
        } else if (*p == '[') {
            p++;
            FN_WS();
            v[n++].kind = FN_JPI_SUB;
            if (p < end && *p == '*') {
                v[n++].kind = FN_JPI_WILD;
                p++;
            } else {
                int64_t idx = 0;
                const char *q = p;
                while (q < end && *q >= '0' && *q <= '9') {
                    if (idx > (INT64_MAX - 9) / 10)
                        return -1;
                    idx = idx * 10 + (*q++ - '0');
                }
                if (q == p)
                    return -1;
                v[n].kind = FN_JPI_INDEX;
                v[n++].index = idx;
                p = q;
            }
            FN_WS();
            if (p >= end || *p != ']')
                return -1;
            p++;
        } else {
            return -1;
        }
    }
#undef FN_WS
    *out = v;
    return n;
}

static bool fn_jpath_eval(const fn_jval *v, fn_jgen *g, fn_jstyle style, const fn_jpi *path,
                          int n_path);

static bool fn_jpath_is(const fn_jpi *path, int n_path, int at, fn_jpi_kind k)
{
    return at < n_path && path[at].kind == k;
}

static bool fn_jpath_eval(const fn_jval *v, fn_jgen *g, fn_jstyle style, const fn_jpi *path,
                          int n_path)
{
    if (n_path == 0) {
        if (v->kind == FN_J_STR && style == FN_JS_RAW) {
            em_str_append(g->out, v->s, (size_t)v->len);
            return true;
        }
        if (v->kind == FN_J_ARR && style == FN_JS_FLATTEN) {
            bool dirty = false;
            for (int k = 0; k < v->n; k++)
                dirty |= fn_jpath_eval(v->items[k], g, style, NULL, 0);
            return dirty;
        }
        fn_jgen_prefix(g);
        fn_json_write(v, g->out);
        return true;
    }
    if (v->kind == FN_J_OBJ && path[0].kind == FN_JPI_KEY) {
        /* The field loop: the first field whose evaluation writes something wins. */
        const fn_jpi *xs = path + 1;
        int n_xs = n_path - 1;
        for (int k = 0; k < v->n; k++) {
            if (n_xs > 0 && xs[0].kind == FN_JPI_NAMED) {
                if ((size_t)v->key_lens[k] == xs[0].name_len &&
                    memcmp(v->keys[k], xs[0].name, xs[0].name_len) == 0 &&
                    v->items[k]->kind != FN_J_NULL &&
                    fn_jpath_eval(v->items[k], g, style, xs + 1, n_xs - 1))
                    return true;
            } else if (n_xs > 0 && xs[0].kind == FN_JPI_WILD) {
                if (fn_jpath_eval(v->items[k], g, style, xs + 1, n_xs - 1))
                    return true;
            }
        }
        return false;
    }
    if (v->kind != FN_J_ARR || path[0].kind != FN_JPI_SUB || n_path < 2)
        return false;
    if (path[1].kind == FN_JPI_WILD) {
        const fn_jpi *xs = path + 2;
        int n_xs = n_path - 2;
        if (fn_jpath_is(xs, n_xs, 0, FN_JPI_SUB) && fn_jpath_is(xs, n_xs, 1, FN_JPI_WILD)) {
            bool dirty = false;
            fn_jgen_start(g);
            for (int k = 0; k < v->n; k++)
                dirty |= fn_jpath_eval(v->items[k], g, FN_JS_FLATTEN, xs + 2, n_xs - 2);
            fn_jgen_end(g);
            return dirty;
        }
        if (style != FN_JS_QUOTED) {
            fn_jstyle next = style == FN_JS_RAW ? FN_JS_QUOTED : FN_JS_FLATTEN;
            em_str buf;
            em_str_init(&buf, 0);
            fn_jgen sub = {.out = &buf};
            int dirty = 0;
            fn_jgen_start(&sub);
            for (int k = 0; k < v->n; k++)
                dirty += fn_jpath_eval(v->items[k], &sub, next, xs, n_xs) ? 1 : 0;
            fn_jgen_end(&sub);
            if (dirty > 1) {
                fn_jgen_prefix(g);
                em_str_append(g->out, buf.data, buf.len);
            } else if (dirty == 1) {
                fn_jgen_prefix(g);
                em_str_append(g->out, buf.data + 1, buf.len - 2);
            }
            em_str_release(&buf);
            return dirty > 0;
        }
        bool dirty = false;
        fn_jgen_start(g);
        for (int k = 0; k < v->n; k++)
            dirty |= fn_jpath_eval(v->items[k], g, FN_JS_QUOTED, xs, n_xs);
        fn_jgen_end(g);
        return dirty;
    }
    if (path[1].kind == FN_JPI_INDEX) {
        const fn_jpi *xs = path + 2;
        int n_xs = n_path - 2;
        if (path[1].index >= v->n)
            return false;
        const fn_jval *item = v->items[path[1].index];
        if (fn_jpath_is(xs, n_xs, 0, FN_JPI_SUB) && fn_jpath_is(xs, n_xs, 1, FN_JPI_WILD))
            return fn_jpath_eval(item, g, FN_JS_QUOTED, xs, n_xs);
        return fn_jpath_eval(item, g, style, xs, n_xs);
    }
    return false;
}

static int fn_bind_get_json_object(const fn_def *def, em_arena *a, pl_expr *call,
                                   const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING};
    if (fn_check_arity(call, 2, 2, "2", err) ||
        fn_misc_expect_all(a, call, wants, opts && opts->ansi, err))
        return err->code;
    call->type = ty_string();
    call->nullable = true;
    (void)def;
    return EM_OK;
}

static int fn_row_get_json_object(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                                  bool *null, em_error *err)
{
    int32_t jl, pl;
    const char *js = vec_str(args[0], r, &jl), *ps = vec_str(args[1], r, &pl);
    em_arena a;
    em_arena_init(&a, 4096);
    fn_jpi *path;
    fn_jval *doc;
    int n_path = fn_jpath_parse(&a, ps, (size_t)pl, &path);
    *null = true;
    if (n_path >= 0 && fn_json_parse(&a, js, (size_t)jl, &fn_json_shared, &doc) == 0) {
        fn_jgen g = {.out = buf};
        *null = !fn_jpath_eval(doc, &g, FN_JS_RAW, path, n_path);
    }
    em_arena_release(&a);
    (void)call;
    (void)err;
    return EM_OK;
}

static int fn_eval_get_json_object(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                   vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_get_json_object, out, err);
}

/* ---- json_array_length / json_object_keys ------------------------------------------------- */

static int fn_bind_json_len(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    if (!ty_is_string(call->args[0]->type) && call->args[0]->type->kind != TY_NULL)
        return fn_err_unexpected_input(call, 0, "\"STRING\"", err);
    fn_cast_arg(a, call, 0, ty_string());
    call->type = strcasecmp(def->name, "json_array_length") == 0 ? ty_int()
                                                                 : ty_array(a, ty_string(), false);
    call->nullable = true;
    (void)opts;
    return EM_OK;
}

static int fn_eval_json_len(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                            vec **out, em_error *err)
{
    bool keys = call->type->kind == TY_ARRAY;
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        fn_jval *doc = NULL;
        em_arena a;
        em_arena_init(&a, 4096);
        if (!fn_cell_null(args[0], r)) {
            int32_t jl;
            const char *js = vec_str(args[0], r, &jl);
            if (fn_json_parse(&a, js, (size_t)jl, &fn_json_shared, &doc) != 0)
                doc = NULL;
        }
        if (!doc || doc->kind != (keys ? FN_J_OBJ : FN_J_ARR)) {
            vec_append_null(o);
        } else if (!keys) {
            vec_reserve(o, o->len + 1);
            VEC_VALUES(o, int32_t)[o->len] = doc->n;
            vec_set_valid(o, o->len);
            o->len++;
        } else {
            for (int k = 0; k < doc->n; k++)
                if (vec_append_str(o->children[0], doc->keys[k], doc->key_lens[k], err)) {
                    em_arena_release(&a);
                    vec_release(o);
                    return err->code;
                }
            vec_reserve(o, o->len + 1);
            vec_set_valid(o, o->len);
            fn_list_close(o);
        }
        em_arena_release(&a);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- json_tuple ----------------------------------------------------------------------------- */

static int fn_bind_json_tuple(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (call->n_args < 2)
        return em_error_set(err, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName",
                            "`json_tuple`", "expectedNum", "> 1", "actualNum",
                            em_arena_printf(a, "%d", call->n_args), NULL);
    for (int k = 0; k < call->n_args; k++) {
        if (!ty_is_string(call->args[k]->type)) {
            /* JsonTuple.checkInputDataTypes: every argument must be a string (NULL too) */
            em_str s;
            em_str_init(&s, 0);
            fn_expr_sql(call, &s);
            const char *q = em_arena_printf(a, "\"%s\"", s.data ? s.data : "");
            em_str_release(&s);
            return em_error_set(err, "DATATYPE_MISMATCH.NON_STRING_TYPE", "sqlExpr", q, "funcName",
                                "`json_tuple`", NULL);
        }
    }
    int n_fields = call->n_args - 1;
    ty_field *f = em_arena_calloc(a, (size_t)n_fields, sizeof *f);
    for (int k = 0; k < n_fields; k++) {
        f[k].name = em_arena_printf(a, "c%d", k);
        f[k].type = ty_string();
        f[k].nullable = true;
    }
    call->type = ty_struct(a, n_fields, f);
    call->fn_state = (void *)ty_array(a, call->type, false);
    call->nullable = false;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_json_tuple(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    vec *o = vec_new((const ty *)call->fn_state, n);
    vec *st = o->children[0];
    int n_fields = call->n_args - 1;
    em_str buf;
    em_str_init(&buf, 0);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        em_arena a;
        em_arena_init(&a, 4096);
        fn_jval *doc = NULL;
        if (!fn_cell_null(args[0], r)) {
            int32_t jl;
            const char *js = vec_str(args[0], r, &jl);
            if (fn_json_parse(&a, js, (size_t)jl, &fn_json_shared, &doc) != 0 ||
                doc->kind != FN_J_OBJ)
                doc = NULL;
        }
        for (int k = 0; k < n_fields && rc == EM_OK; k++) {
            const fn_jval *v = NULL;
            if (doc && !fn_cell_null(args[1 + k], r)) {
                int32_t nl;
                const char *name = vec_str(args[1 + k], r, &nl);
                v = fn_json_member(doc, name, (size_t)nl);
            }
            if (!v || v->kind == FN_J_NULL) {
                vec_append_null(st->children[k]);
                continue;
            }
            em_str_reset(&buf);
            if (v->kind == FN_J_STR)
                em_str_append(&buf, v->s, (size_t)v->len);
            else
                fn_json_write(v, &buf);
            rc = vec_append_str(st->children[k], buf.data ? buf.data : "", (int64_t)buf.len, err);
        }
        em_arena_release(&a);
        vec_reserve(st, st->len + 1);
        vec_set_valid(st, st->len);
        st->len++;
        fn_list_close(o);
    }
    em_str_release(&buf);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- schema_of_json ------------------------------------------------------------------------ */

static int fn_bind_schema_of_json(const fn_def *def, em_arena *a, pl_expr *call,
                                  const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    fn_json_opts jo;
    if (fn_json_opts_bind(a, call, 1, opts, &jo, err))
        return err->code;
    const pl_expr *e = call->args[0];
    em_str sql;
    em_str_init(&sql, 0);
    if (!fn_misc_foldable(e)) {
        fn_expr_sql(e, &sql);
        char *q = em_arena_printf(a, "\"%s\"", sql.data ? sql.data : "");
        em_str_reset(&sql);
        fn_expr_sql(call, &sql);
        int rc = em_error_set(err, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr",
                              em_arena_printf(a, "\"%s\"", sql.data), "inputName", "`json`",
                              "inputType", "\"STRING\"", "inputExpr", q, NULL);
        em_str_release(&sql);
        return rc;
    }
    vec *v = NULL;
    if (fn_misc_fold(e, opts, &v, err) < 0) {
        em_str_release(&sql);
        return err->code;
    }
    if (!v || fn_cell_null(v, 0) || !ty_is_string(e->type)) {
        bool is_null = !v || fn_cell_null(v, 0);
        vec_release(v);
        fn_expr_sql(call, &sql);
        const char *s = em_arena_printf(a, "\"%s\"", sql.data);
        em_str_release(&sql);
        if (is_null)
            return em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_NULL", "sqlExpr", s, "exprName",
                                "json", NULL);
        return fn_err_unexpected_input(call, 0, "\"STRING\"", err);
    }
    em_str_release(&sql);
    int32_t jl;
    const char *js = vec_str(v, 0, &jl);
    const ty *t = NULL;
    int rc = fn_json_infer_text(a, js, (size_t)jl, &jo, &t, err);
    vec_release(v);
    if (rc)
        return rc;
    em_str out;
    em_str_init(&out, 0);
    ty_sql(t, &out);
    call->fn_state = em_arena_strndup(a, out.data ? out.data : "", out.len);
    em_str_release(&out);
    call->type = ty_string();
    call->nullable = false;
    fn_json_call_sql(a, call);
    (void)def;
    return EM_OK;
}

static int fn_eval_schema_of_json(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                  vec **out, em_error *err)
{
    const char *s = call->fn_state;
    vec *o = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++)
        if (vec_append_str(o, s, (int64_t)strlen(s), err)) {
            vec_release(o);
            return err->code;
        }
    *out = o;
    (void)args;
    (void)ctx;
    return EM_OK;
}

#define FN_J(nm, mn, mx, b, e)                                                                     \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_json_defs[] = {
    FN_J("get_json_object", 2, 2, fn_bind_get_json_object, fn_eval_get_json_object),
    FN_J("json_array_length", 1, 1, fn_bind_json_len, fn_eval_json_len),
    FN_J("json_object_keys", 1, 1, fn_bind_json_len, fn_eval_json_len),
    FN_J("schema_of_json", 1, 2, fn_bind_schema_of_json, fn_eval_schema_of_json),
    {.name = "json_tuple",
     .kind = FN_GENERATOR,
     .min_args = 0,
     .max_args = -1,
     .bind = fn_bind_json_tuple,
     .eval = fn_eval_json_tuple,
     .deterministic = true},
};
const int fn_json_n_defs = (int)(sizeof fn_json_defs / sizeof fn_json_defs[0]);
