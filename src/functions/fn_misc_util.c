/*
 * fn_misc_util: the helpers of fn_misc_int.h: UTF-8 code points, Spark's implicit input casts
 * (TypeCoercion.implicitCast and AnsiTypeCoercion.implicitCast for one expected type),
 * constant folding of arguments, and error helpers.
 *
 * Implicit casts follow the rules in this order (first match wins):
 *   legacy: accepted as is; NULL -> the expected type's default; string -> NUMERIC is double;
 *           numeric -> DECIMAL is DecimalType.forType; numeric -> numeric; string -> decimal
 *           (38,18), numeric, binary; any atomic -> string; then the first member of a type
 *           collection that works.
 *   ANSI:   accepted as is; numeric -> DECIMAL is forType; fractional -> INTEGRAL never;
 *           string -> any atomic default; otherwise Cast.canANSIStoreAssign to the default
 *           concrete type; then the first member of a type collection that works.
 */
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"

/* ---- UTF-8 ---------------------------------------------------------------------------------- */

int fn_uc_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1;
}

int32_t fn_uc_count(const char *s, int32_t n)
{
    int32_t chars = 0;
    for (int32_t i = 0; i < n; i += fn_uc_len((unsigned char)s[i]))
        chars++;
    return chars;
}

int32_t fn_uc_offset(const char *s, int32_t n, int64_t ci)
{
    int32_t i = 0;
    for (int64_t c = 0; c < ci && i < n; c++)
        i += fn_uc_len((unsigned char)s[i]);
    return i > n ? n : i;
}

uint32_t fn_uc_decode(const char *s, int32_t n, int32_t *adv)
{
    unsigned char c = (unsigned char)s[0];
    int len = fn_uc_len(c);
    if (len > n)
        len = n;
    *adv = len;
    if (len == 1)
        return c;
    uint32_t cp = c & (0xFF >> (len + 1));
    for (int k = 1; k < len; k++)
        cp = (cp << 6) | ((unsigned char)s[k] & 0x3F);
    return cp;
}

int fn_uc_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static locale_t fn_uc_locale;
static pthread_once_t fn_uc_once = PTHREAD_ONCE_INIT;

static void fn_uc_init(void)
{
    fn_uc_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

uint32_t fn_uc_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    pthread_once(&fn_uc_once, fn_uc_init);
    return fn_uc_locale ? (uint32_t)towupper_l((wint_t)cp, fn_uc_locale) : cp;
}

uint32_t fn_uc_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    pthread_once(&fn_uc_once, fn_uc_init);
    return fn_uc_locale ? (uint32_t)towlower_l((wint_t)cp, fn_uc_locale) : cp;
}

bool fn_uc_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    pthread_once(&fn_uc_once, fn_uc_init);
    return fn_uc_locale && iswalpha_l((wint_t)cp, fn_uc_locale);
}

bool fn_uc_is_digit(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    pthread_once(&fn_uc_once, fn_uc_init);
    return fn_uc_locale && iswdigit_l((wint_t)cp, fn_uc_locale);
}

/* ---- expected types ------------------------------------------------------------------------ */

const char *fn_want_sql(fn_want want)
{
    switch (want) {
    case FN_W_DOUBLE:
        return "\"DOUBLE\"";
    case FN_W_LONG:
        return "\"BIGINT\"";
    case FN_W_INT:
        return "\"INT\"";
    case FN_W_BOOLEAN:
        return "\"BOOLEAN\"";
    case FN_W_STRING:
        return "\"STRING\"";
    case FN_W_BINARY:
        return "\"BINARY\"";
    case FN_W_NUMERIC:
        return "\"NUMERIC\"";
    case FN_W_INTEGRAL:
        return "\"INTEGRAL\"";
    case FN_W_DECIMAL:
        return "\"DECIMAL\"";
    case FN_W_STR_BIN:
        return "(\"STRING\" or \"BINARY\")";
    case FN_W_BIN_STR:
        return "(\"BINARY\" or \"STRING\")";
    case FN_W_LONG_BIN_STR:
        return "(\"BIGINT\" or \"BINARY\" or \"STRING\")";
    case FN_W_DBL_DEC_LONG:
        return "(\"DOUBLE\" or \"DECIMAL\" or \"BIGINT\")";
    case FN_W_INT_LONG:
        return "(\"INT\" or \"BIGINT\")";
    case FN_W_INTEGRAL_BOOL:
        return "(\"INTEGRAL\" or \"BOOLEAN\")";
    case FN_W_ANY:
        return "\"ANY\"";
    }
    return "\"ANY\"";
}

/* The concrete types a single (non-collection) expectation stands for. */
static bool fn_want_accepts(fn_want want, const ty *t)
{
    switch (want) {
    case FN_W_DOUBLE:
        return t->kind == TY_DOUBLE;
    case FN_W_LONG:
        return t->kind == TY_LONG;
    case FN_W_INT:
        return t->kind == TY_INT;
    case FN_W_BOOLEAN:
        return t->kind == TY_BOOLEAN;
    case FN_W_STRING:
        return t->kind == TY_STRING;
    case FN_W_BINARY:
        return t->kind == TY_BINARY;
    case FN_W_NUMERIC:
        return ty_is_numeric(t);
    case FN_W_INTEGRAL:
        return ty_is_integral(t);
    case FN_W_DECIMAL:
        return t->kind == TY_DECIMAL;
    case FN_W_STR_BIN:
    case FN_W_BIN_STR:
        return t->kind == TY_STRING || t->kind == TY_BINARY;
    case FN_W_LONG_BIN_STR:
        return t->kind == TY_LONG || t->kind == TY_STRING || t->kind == TY_BINARY;
    case FN_W_DBL_DEC_LONG:
        return t->kind == TY_DOUBLE || t->kind == TY_DECIMAL || t->kind == TY_LONG;
    case FN_W_INT_LONG:
        return t->kind == TY_INT || t->kind == TY_LONG;
    case FN_W_INTEGRAL_BOOL:
        return ty_is_integral(t) || t->kind == TY_BOOLEAN;
    case FN_W_ANY:
        return true;
    }
    return false;
}

static const ty *fn_want_default(fn_want want, em_arena *a)
{
    switch (want) {
    case FN_W_DOUBLE:
    case FN_W_NUMERIC:
        return ty_double();
    case FN_W_LONG:
    case FN_W_INTEGRAL:
        return ty_long();
    case FN_W_INT:
        return ty_int();
    case FN_W_BOOLEAN:
        return ty_boolean();
    case FN_W_STRING:
        return ty_string();
    case FN_W_BINARY:
        return ty_binary();
    case FN_W_DECIMAL:
        return ty_decimal(a, 38, 18);
    default:
        return NULL;
    }
}

static int fn_want_members(fn_want want, fn_want *out)
{
    switch (want) {
    case FN_W_STR_BIN:
        out[0] = FN_W_STRING, out[1] = FN_W_BINARY;
        return 2;
    case FN_W_BIN_STR:
        out[0] = FN_W_BINARY, out[1] = FN_W_STRING;
        return 2;
    case FN_W_LONG_BIN_STR:
        out[0] = FN_W_LONG, out[1] = FN_W_BINARY, out[2] = FN_W_STRING;
        return 3;
    case FN_W_DBL_DEC_LONG:
        out[0] = FN_W_DOUBLE, out[1] = FN_W_DECIMAL, out[2] = FN_W_LONG;
        return 3;
    case FN_W_INT_LONG:
        out[0] = FN_W_INT, out[1] = FN_W_LONG;
        return 2;
    case FN_W_INTEGRAL_BOOL:
        out[0] = FN_W_INTEGRAL, out[1] = FN_W_BOOLEAN;
        return 2;
    default:
        out[0] = want;
        return 1;
    }
}

static bool fn_is_atomic(const ty *t)
{
    return !ty_is_nested(t) && t->kind != TY_NULL && t->kind != TY_VARIANT &&
           t->kind != TY_CALENDAR_INTERVAL;
}

static bool fn_is_datetime(const ty *t)
{
    return t->kind == TY_DATE || t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
}

/* TypeCoercion.implicitCast (legacy) for one non-collection expectation. */
static const ty *fn_implicit_legacy(const ty *in, fn_want want, em_arena *a)
{
    if (fn_want_accepts(want, in))
        return in;
    if (in->kind == TY_NULL)
        return fn_want_default(want, a);
    const ty *target = fn_want_default(want, a);
    if (!target)
        return NULL;
    bool str = ty_is_string(in);
    if (str && want == FN_W_NUMERIC)
        return ty_double();
    if (ty_is_numeric(in) && want == FN_W_DECIMAL)
        return fn_decimal_for(in, a);
    if (ty_is_numeric(in) && ty_is_numeric(target))
        return target;
    if (fn_is_datetime(in) && fn_is_datetime(target))
        return target;
    if (str && (ty_is_numeric(target) || fn_is_datetime(target) || target->kind == TY_BINARY))
        return target;
    if (fn_is_atomic(in) && !str && target->kind == TY_STRING)
        return target;
    return NULL;
}

/* AnsiTypeCoercion.implicitCast for one non-collection expectation. */
static const ty *fn_implicit_ansi(const ty *in, fn_want want, em_arena *a)
{
    if (fn_want_accepts(want, in))
        return in;
    if (ty_is_numeric(in) && want == FN_W_DECIMAL)
        return fn_decimal_for(in, a);
    if (ty_is_string(in) && want == FN_W_STRING)
        return NULL; /* another collation: not accepted */
    if ((in->kind == TY_FLOAT || in->kind == TY_DOUBLE || in->kind == TY_DECIMAL) &&
        want == FN_W_INTEGRAL)
        return NULL;
    const ty *target = fn_want_default(want, a);
    if (!target)
        return NULL;
    if (ty_is_string(in) && fn_is_atomic(target))
        return target;
    return ty_can_ansi_store_assign(in, target) ? target : NULL;
}

int fn_misc_expect(em_arena *a, pl_expr *call, int i, fn_want want, bool ansi, em_error *err)
{
    const ty *in = call->args[i]->type;
    if (fn_want_accepts(want, in))
        return EM_OK;
    fn_want members[4];
    int n = fn_want_members(want, members);
    const ty *to = NULL;
    for (int k = 0; k < n && !to; k++)
        to = ansi ? fn_implicit_ansi(in, members[k], a) : fn_implicit_legacy(in, members[k], a);
    if (!to)
        return fn_err_unexpected_input(call, i, fn_want_sql(want), err);
    fn_cast_arg(a, call, i, to);
    return EM_OK;
}

int fn_misc_expect_all(em_arena *a, pl_expr *call, const fn_want *wants, bool ansi, em_error *err)
{
    for (int i = 0; i < call->n_args; i++)
        if (fn_misc_expect(a, call, i, wants[i], ansi, err))
            return err->code;
    return EM_OK;
}

void fn_misc_add_arg(em_arena *a, pl_expr *call, pl_expr *arg)
{
    pl_expr **args = em_arena_calloc(a, (size_t)call->n_args + 1, sizeof *args);
    for (int i = 0; i < call->n_args; i++)
        args[i] = call->args[i];
    args[call->n_args] = arg;
    call->args = args;
    call->n_args++;
}

/* ---- constant folding ------------------------------------------------------------------------ */

bool fn_misc_foldable(const pl_expr *e)
{
    if (!e)
        return false;
    switch (e->kind) {
    case PX_LITERAL:
        return true;
    case PX_CAST:
    case PX_ALIAS:
        return e->n_args == 1 && fn_misc_foldable(e->args[0]);
    case PX_CALL:
        if (!e->fn || e->fn->kind != FN_SCALAR || !e->fn->deterministic || !e->fn->eval)
            return false;
        for (int i = 0; i < e->n_args; i++)
            if (!fn_misc_foldable(e->args[i]))
                return false;
        return true;
    default:
        return false;
    }
}

int fn_misc_fold(const pl_expr *e, const pl_session_opts *opts, vec **out, em_error *err)
{
    *out = NULL;
    if (!fn_misc_foldable(e))
        return 0;
    switch (e->kind) {
    case PX_LITERAL:
        *out = vec_retain(e->lit);
        return 1;
    case PX_ALIAS:
        return fn_misc_fold(e->args[0], opts, out, err);
    case PX_CAST: {
        vec *in = NULL;
        int rc = fn_misc_fold(e->args[0], opts, &in, err);
        if (rc != 1)
            return rc;
        rc = ty_cast_vec(in, e->cast_type ? e->cast_type : e->type, e->eval_mode, opts, out, err);
        vec_release(in);
        return rc ? -1 : 1;
    }
    case PX_CALL: {
        vec *args[16] = {0};
        vec **argv = e->n_args <= 16 ? args : em_calloc((size_t)e->n_args, sizeof *argv);
        int rc = 1;
        for (int i = 0; i < e->n_args && rc == 1; i++)
            rc = fn_misc_fold(e->args[i], opts, &argv[i], err);
        if (rc == 1) {
            em_arena scratch;
            em_arena_init(&scratch, 0);
            fn_ctx ctx = {.opts = opts, .scratch = &scratch};
            if (e->fn->eval(e, argv, 1, &ctx, out, err))
                rc = -1;
            em_arena_release(&scratch);
        }
        for (int i = 0; i < e->n_args; i++)
            vec_release(argv[i]);
        if (argv != args)
            em_free(argv);
        return rc;
    }
    default:
        return 0;
    }
}

/* ---- replacement trees ----------------------------------------------------------------------- */

static vec *fn_misc_broadcast(const vec *lit, int64_t n, em_error *err)
{
    vec *o = vec_new(lit->type, n);
    for (int64_t r = 0; r < n; r++) {
        if (lit->type->kind == TY_NULL || vec_is_null(lit, 0)) {
            vec_append_null(o);
            continue;
        }
        if (vec_append_from(o, lit, 0, err)) {
            vec_release(o);
            return NULL;
        }
    }
    return o;
}

int fn_misc_eval_tree(const pl_expr *e, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                      em_error *err)
{
    *out = NULL;
    switch (e->kind) {
    case PX_COLREF:
        *out = vec_retain(args[e->col_index]);
        return EM_OK;
    case PX_LITERAL:
        *out = fn_misc_broadcast(e->lit, n, err);
        return *out ? EM_OK : err->code;
    case PX_ALIAS:
        return fn_misc_eval_tree(e->args[0], args, n, ctx, out, err);
    case PX_CAST: {
        vec *in = NULL;
        if (fn_misc_eval_tree(e->args[0], args, n, ctx, &in, err))
            return err->code;
        int rc = ty_cast_vec(in, e->cast_type ? e->cast_type : e->type, e->eval_mode,
                             ctx ? ctx->opts : NULL, out, err);
        vec_release(in);
        return rc;
    }
    case PX_CALL: {
        vec *local[8] = {0};
        vec **argv = e->n_args <= 8 ? local : em_calloc((size_t)e->n_args, sizeof *argv);
        int rc = EM_OK;
        for (int i = 0; i < e->n_args && rc == EM_OK; i++)
            rc = fn_misc_eval_tree(e->args[i], args, n, ctx, &argv[i], err);
        if (rc == EM_OK)
            rc = e->fn->eval(e, argv, n, ctx, out, err);
        for (int i = 0; i < e->n_args; i++)
            vec_release(argv[i]);
        if (argv != local)
            em_free(argv);
        return rc;
    }
    default:
        return em_error_internal(err, "fn_misc_eval_tree: unexpected expression kind %d",
                                 (int)e->kind);
    }
}

pl_expr *fn_misc_arg_ref(em_arena *a, const pl_expr *call, int k)
{
    pl_expr *r = pl_expr_new(a, PX_COLREF, 0);
    r->col_index = k;
    r->type = call->args[k]->type;
    r->nullable = call->args[k]->nullable;
    /* errors about the placeholder name the argument as the user wrote it */
    em_str sql;
    em_str_init(&sql, 4096);
    fn_expr_sql(call->args[k], &sql);
    r->name = em_arena_strdup(a, sql.data ? sql.data : "?");
    em_str_release(&sql);
    r->resolved = true;
    return r;
}

pl_expr *fn_misc_bind_call(em_arena *a, const char *name, int n_args, pl_expr *const *args,
                           const pl_session_opts *opts, em_error *err)
{
    const fn_def *def = fn_lookup(name);
    if (!def) {
        em_error_internal(err, "function %s is not registered", name);
        return NULL;
    }
    pl_expr *c = pl_func_new(a, name, n_args, args);
    c->kind = PX_CALL;
    c->fn = def;
    if (def->bind(def, a, c, opts, err))
        return NULL;
    c->resolved = true;
    return c;
}

/* ---- row drivers --------------------------------------------------------------------------------
 */

int fn_misc_drive_str(const pl_expr *call, vec *const *args, int64_t n, bool strict,
                      fn_misc_str_row_fn f, vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    em_str buf;
    em_str_init(&buf, 0);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (strict && fn_misc_any_null(args, call->n_args, r)) {
            vec_append_null(o);
            continue;
        }
        em_str_reset(&buf);
        bool null = false;
        rc = f(call, args, r, &buf, &null, err);
        if (rc != EM_OK)
            break;
        if (buf.overflow) {
            rc = em_error_internal(err, "string result exceeds the maximum size");
            break;
        }
        if (null)
            vec_append_null(o);
        else
            rc = vec_append_str(o, buf.data ? buf.data : "", (int64_t)buf.len, err);
    }
    em_str_release(&buf);
    if (rc != EM_OK) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

int fn_misc_drive_int(const pl_expr *call, vec *const *args, int64_t n, bool strict,
                      fn_misc_int_row_fn f, vec **out, em_error *err)
{
    vec *o = fn_vec_fixed(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        if (strict && fn_misc_any_null(args, call->n_args, r)) {
            vec_set_null(o, r);
            continue;
        }
        int64_t val = 0;
        bool null = false;
        if (f(call, args, r, &val, &null, err) != EM_OK) {
            vec_release(o);
            return err->code;
        }
        if (null) {
            vec_set_null(o, r);
            continue;
        }
        switch (call->type->kind) {
        case TY_BOOLEAN:
            VEC_VALUES(o, uint8_t)[r] = val != 0;
            break;
        case TY_BYTE:
            VEC_VALUES(o, int8_t)[r] = (int8_t)val;
            break;
        case TY_INT:
            VEC_VALUES(o, int32_t)[r] = (int32_t)val;
            break;
        default:
            VEC_VALUES(o, int64_t)[r] = val;
            break;
        }
    }
    *out = o;
    return EM_OK;
}

/* ---- errors and small helpers ------------------------------------------------------------------
 */

int fn_misc_err_non_foldable(const pl_expr *call, int i, const char *input_name, em_error *err)
{
    em_str sql, ity, iexpr;
    em_str_init(&sql, 4096);
    em_str_init(&ity, 1024);
    em_str_init(&iexpr, 4096);
    em_str_putc(&sql, '"');
    fn_expr_sql(call, &sql);
    em_str_putc(&sql, '"');
    ty_sql_type_quoted(call->args[i]->type, &ity);
    em_str_putc(&iexpr, '"');
    fn_expr_sql(call->args[i], &iexpr);
    em_str_putc(&iexpr, '"');
    char name[128];
    snprintf(name, sizeof name, "`%s`", input_name);
    int rc =
        em_error_set(err, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr",
                     sql.data ? sql.data : "", "inputName", name, "inputType",
                     ity.data ? ity.data : "", "inputExpr", iexpr.data ? iexpr.data : "", NULL);
    em_str_release(&sql);
    em_str_release(&ity);
    em_str_release(&iexpr);
    return rc;
}

int fn_misc_err_data_diff(const pl_expr *call, em_error *err)
{
    em_str sql, dt;
    char id[128];
    em_str_init(&sql, 4096);
    em_str_init(&dt, 4096);
    em_str_putc(&sql, '"');
    fn_expr_sql(call, &sql);
    em_str_putc(&sql, '"');
    em_str_putc(&dt, '[');
    for (int k = 0; k < call->n_args; k++) {
        if (k)
            em_str_puts(&dt, ", ");
        ty_sql_type_quoted(call->args[k]->type, &dt);
    }
    em_str_putc(&dt, ']');
    int rc =
        em_error_set(err, "DATATYPE_MISMATCH.DATA_DIFF_TYPES", "sqlExpr", sql.data ? sql.data : "",
                     "functionName", fn_misc_fn_id(call, id, sizeof id), "dataType",
                     dt.data ? dt.data : "", NULL);
    em_str_release(&sql);
    em_str_release(&dt);
    return rc;
}

int64_t fn_misc_get_long(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BOOLEAN:
        return VEC_VALUES(v, uint8_t)[r];
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r];
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return VEC_VALUES(v, int32_t)[r];
    case TY_FLOAT:
        return (int64_t)VEC_VALUES(v, float)[r];
    case TY_DOUBLE:
        return (int64_t)VEC_VALUES(v, double)[r];
    default:
        return VEC_VALUES(v, int64_t)[r];
    }
}

double fn_misc_get_double(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_FLOAT:
        return VEC_VALUES(v, float)[r];
    case TY_DOUBLE:
        return VEC_VALUES(v, double)[r];
    case TY_DECIMAL:
        return ty_dec_to_double(VEC_VALUES(v, ty_i128)[r], v->type->scale);
    default:
        return (double)fn_misc_get_long(v, r);
    }
}

const char *fn_misc_fn_id(const pl_expr *call, char *buf, size_t cap)
{
    const char *n = call->name ? call->name : (call->fn ? call->fn->name : "?");
    size_t k = 0;
    if (cap < 3) {
        if (cap)
            buf[0] = '\0';
        return buf;
    }
    buf[k++] = '`';
    for (; *n && k + 2 < cap; n++)
        buf[k++] = (char)((*n >= 'A' && *n <= 'Z') ? *n + 32 : *n);
    buf[k++] = '`';
    buf[k] = '\0';
    return buf;
}

fn_misc_state *fn_misc_state_new(em_arena *a, const pl_session_opts *opts)
{
    fn_misc_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->ansi = opts && opts->ansi;
    return st;
}
