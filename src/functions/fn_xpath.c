/*
 * fn_xpath: Spark's XPath functions (xpath.scala over Hive's UDFXPathUtil, i.e. the JDK's
 * javax.xml.xpath): xpath (a NODESET: each node's value, NULL for elements), xpath_string,
 * xpath_boolean, xpath_number / xpath_double, xpath_float, xpath_int, xpath_long, xpath_short.
 * The path is compiled once at bind time (fn_xpath_expr.c); each row's document is parsed into
 * a row arena (fn_xpath_doc.c) and the value converted as XPathConstants asks.
 *
 * NULL or empty xml or path give NULL (UDFXPathUtil.eval). Spark has no error class for a path
 * that does not compile or a malformed document (the JDK's RuntimeException surfaces as
 * "Invalid XPath '...'" / "Error loading expression '...'"); Ember raises INTERNAL_ERROR with
 * those texts. The path must be foldable (DATATYPE_MISMATCH.NON_FOLDABLE_INPUT).
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "functions/fn_misc_int.h"
#include "functions/fn_xpath_int.h"

/* ---- the SQL functions
 * ------------------------------------------------------------------------ */

typedef enum {
    FN_XF_LIST,
    FN_XF_STRING,
    FN_XF_BOOLEAN,
    FN_XF_DOUBLE,
    FN_XF_FLOAT,
    FN_XF_INT,
    FN_XF_LONG,
    FN_XF_SHORT,
} fn_xf_kind;

typedef struct fn_xf_state {
    fn_xf_kind kind;
    const char *path; /* NULL: a NULL or empty path (every row NULL) */
    const fn_xe *expr;
} fn_xf_state;

static fn_xf_kind fn_xf_kind_of(const char *name)
{
    static const struct {
        const char *n;
        fn_xf_kind k;
    } names[] = {{"xpath", FN_XF_LIST},
                 {"xpath_string", FN_XF_STRING},
                 {"xpath_boolean", FN_XF_BOOLEAN},
                 {"xpath_double", FN_XF_DOUBLE},
                 {"xpath_number", FN_XF_DOUBLE},
                 {"xpath_float", FN_XF_FLOAT},
                 {"xpath_int", FN_XF_INT},
                 {"xpath_long", FN_XF_LONG},
                 {"xpath_short", FN_XF_SHORT}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcasecmp(name, names[k].n) == 0)
            return names[k].k;
    return FN_XF_STRING;
}

static int fn_bind_xpath(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    const pl_expr *path = call->args[1];
    if (!fn_misc_foldable(path)) {
        em_str q;
        em_str_init(&q, 0);
        em_str_putc(&q, '"');
        fn_expr_sql(path, &q);
        em_str_putc(&q, '"');
        em_str sq;
        em_str_init(&sq, 0);
        em_str_putc(&sq, '"');
        fn_expr_sql(call, &sq);
        em_str_putc(&sq, '"');
        int rc =
            em_error_set(err, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "inputName", "`path`",
                         "inputType", "\"STRING\"", "inputExpr", em_arena_strndup(a, q.data, q.len),
                         "sqlExpr", em_arena_strndup(a, sq.data, sq.len), NULL);
        em_str_release(&q);
        em_str_release(&sq);
        return rc;
    }
    /* ExpectsInputTypes (STRING, STRING): no implicit casts */
    for (int k = 0; k < 2; k++)
        if (!ty_is_string(call->args[k]->type) && call->args[k]->type->kind != TY_NULL)
            return fn_err_unexpected_input(call, k, "\"STRING\"", err);
    fn_xf_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->kind = fn_xf_kind_of(def->name);
    vec *v = NULL;
    if (fn_misc_fold(path, opts, &v, err) < 0)
        return err->code;
    if (v && !fn_is_null(v, 0)) {
        int32_t len;
        const char *s = vec_str(v, 0, &len);
        if (len > 0) {
            st->path = em_arena_strndup(a, s, (size_t)len);
            st->expr = fn_xp_compile(a, st->path);
            if (!st->expr) {
                vec_release(v);
                return em_error_internal(err, "Invalid XPath '%s'", st->path);
            }
        }
    }
    vec_release(v);
    static const ty *(*const types[])(void) = {NULL,     ty_string, ty_boolean, ty_double,
                                               ty_float, ty_int,    ty_long,    ty_short};
    call->type = st->kind == FN_XF_LIST ? ty_array(a, ty_string(), true) : types[st->kind]();
    call->nullable = true;
    call->fn_state = st;
    return EM_OK;
}

/* Java's (int) / (long) of a double: NaN is 0, out-of-range values saturate. */
static int64_t fn_xp_java_long(double d, int64_t lo, int64_t hi)
{
    if (isnan(d))
        return 0;
    if (d <= (double)lo)
        return lo;
    if (d >= (double)hi)
        return hi;
    return (int64_t)d;
}

static int fn_eval_xpath(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    (void)ctx;
    const fn_xf_state *st = call->fn_state;
    vec *o = vec_new(call->type, n);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        int32_t len = 0;
        const char *xml = fn_is_null(args[0], r) ? NULL : vec_str(args[0], r, &len);
        if (!st->path || !xml || len == 0 || fn_is_null(args[1], r)) {
            vec_append_null(o);
            continue;
        }
        em_arena a;
        em_arena_init(&a, 0);
        fn_xn *doc = fn_xp_parse(&a, xml, len);
        if (!doc) {
            em_arena_release(&a);
            rc = em_error_internal(err, "Error loading expression '%s'", st->path);
            break;
        }
        fn_xv v;
        bool ok = fn_xp_evaluate(&a, st->expr, doc, &v);
        if (!ok || (st->kind == FN_XF_LIST && v.kind != FN_XV_NODES)) {
            em_arena_release(&a);
            rc = em_error_internal(err, "Invalid XPath '%s'", st->path);
            break;
        }
        vec_reserve(o, o->len + 1);
        int64_t at = o->len;
        switch (st->kind) {
        case FN_XF_LIST: {
            vec *el = o->children[0];
            for (int k = 0; k < v.n && rc == EM_OK; k++) {
                const fn_xn *x = v.nodes[k];
                if (x->kind == FN_XN_ELEM || x->kind == FN_XN_DOC)
                    vec_append_null(el); /* Node.getNodeValue() of an element */
                else
                    rc = vec_append_str(el, x->text, (int64_t)strlen(x->text), err);
            }
            vec_set_valid(o, at);
            fn_list_close(o);
            break;
        }
        case FN_XF_STRING: {
            const char *s = fn_xv_str(&a, &v);
            rc = vec_append_str(o, s, (int64_t)strlen(s), err);
            break;
        }
        case FN_XF_BOOLEAN:
            VEC_VALUES(o, uint8_t)[at] = fn_xv_bool(&v);
            break;
        case FN_XF_DOUBLE:
            VEC_VALUES(o, double)[at] = fn_xv_num(&a, &v);
            break;
        case FN_XF_FLOAT:
            VEC_VALUES(o, float)[at] = (float)fn_xv_num(&a, &v);
            break;
        case FN_XF_INT:
            VEC_VALUES(o, int32_t)
            [at] = (int32_t)fn_xp_java_long(fn_xv_num(&a, &v), INT32_MIN, INT32_MAX);
            break;
        case FN_XF_LONG:
            VEC_VALUES(o, int64_t)
            [at] = fn_xp_java_long(fn_xv_num(&a, &v), INT64_MIN, INT64_MAX);
            break;
        case FN_XF_SHORT: /* Double.shortValue(): (short)(int)value */
            VEC_VALUES(o, int16_t)
            [at] = (int16_t)(uint16_t)(uint32_t)(int32_t)fn_xp_java_long(fn_xv_num(&a, &v),
                                                                         INT32_MIN, INT32_MAX);
            break;
        }
        if (st->kind != FN_XF_LIST && st->kind != FN_XF_STRING) {
            vec_set_valid(o, at);
            o->len++;
        }
        em_arena_release(&a);
    }
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

#define FN_XP(nm)                                                                                  \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 2, .max_args = 2, .bind = fn_bind_xpath,        \
        .eval = fn_eval_xpath, .deterministic = true                                               \
    }

const fn_def fn_xpath_defs[] = {
    FN_XP("xpath"),        FN_XP("xpath_string"), FN_XP("xpath_boolean"),
    FN_XP("xpath_number"), FN_XP("xpath_double"), FN_XP("xpath_float"),
    FN_XP("xpath_int"),    FN_XP("xpath_long"),   FN_XP("xpath_short"),
};
const int fn_xpath_n_defs = (int)(sizeof fn_xpath_defs / sizeof fn_xpath_defs[0]);
