/*
 * fn_agg_collect: aggregates that keep the values of a group: collect_list / array_agg
 * (CollectList), collect_set (CollectSet), listagg / string_agg (ListAgg, DISTINCT applied by
 * the executor) and mode (Mode).
 *
 * collect_list / collect_set return array<T> with containsNull = false and are never NULL (an
 * empty group gives []); NULL inputs are skipped. Element order is first-seen order (Spark
 * documents it as undefined). collect_set rejects maps and collated strings
 * (DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE).
 *
 * listagg(expr[, delimiter]) concatenates the non-NULL strings (or binaries) separated by the
 * constant delimiter; NULL when every value is NULL. A missing delimiter is appended as a NULL
 * literal at bind time, so the generated name reads listagg(x, NULL) as in Spark.
 *
 * mode(expr[, deterministic]) returns the most frequent non-NULL value; with deterministic =
 * true ties go to the smallest value (Spark's reverse ordering within group), otherwise to the
 * first maximum in the iteration order of Spark's OpenHashMap, reproduced for keys whose Java
 * hash code is known (numbers, dates, timestamps, intervals, strings; else first-seen order).
 * The deterministic flag is consumed at bind time and removed from the arguments.
 *
 * States hold a pointer to a growable vector (lists) or a value set (sets, mode) owned by the
 * state; destroy releases it. Merge appends / adds the other state's values.
 *
 * Memory: what a state collects is charged to the running query's budget through the
 * executor's hooks (fn_mem_acquire, defined here): each update charges the estimated bytes of
 * the values it adds (value bytes, string lengths + offsets, a hash slot for sets; duplicates a
 * set drops are given back) before adding them, so a group outgrowing the budget fails with
 * UNABLE_TO_ACQUIRE_MEMORY; destroy releases the state's charge.
 */
#include <stdatomic.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_agg_int.h"
#include "types/ty_cast.h"

typedef enum fn_agg_coll_kind {
    FN_AGG_COLL_LIST,
    FN_AGG_COLL_SET,
    FN_AGG_COLL_LISTAGG,
    FN_AGG_COLL_MODE,
} fn_agg_coll_kind;

typedef struct fn_agg_coll_info {
    fn_agg_coll_kind kind;
    const ty *elem;     /* the collected value type */
    bool deterministic; /* mode */
    const char *delim;  /* listagg: delimiter bytes (NULL = none) */
    int32_t delim_len;
} fn_agg_coll_info;

typedef struct fn_agg_coll_state {
    vec *values;      /* list / listagg */
    fn_agg_vset *set; /* set / mode */
    void *acct;       /* the memory budget charged (fn_mem_acquire), and how much */
    int64_t charged;
} fn_agg_coll_state;

/* ---- memory accounting hooks -------------------------------------------------------------- */

static _Atomic(const fn_mem_hooks *) fn_mem_hooks_now;

void fn_mem_set_hooks(const fn_mem_hooks *hooks)
{
    atomic_store_explicit(&fn_mem_hooks_now, hooks, memory_order_release);
}

int fn_mem_acquire(void **acct, int64_t bytes, em_error *err)
{
    *acct = NULL;
    const fn_mem_hooks *h = atomic_load_explicit(&fn_mem_hooks_now, memory_order_acquire);
    if (!h || !h->acquire || bytes <= 0)
        return EM_OK;
    return h->acquire(acct, bytes, err);
}

void fn_mem_release(void *acct, int64_t bytes)
{
    const fn_mem_hooks *h = atomic_load_explicit(&fn_mem_hooks_now, memory_order_acquire);
    if (h && h->release && acct && bytes > 0)
        h->release(acct, bytes);
}

/* Estimated bytes value row r of v takes once collected (a hash slot more in a set). */
static int64_t fn_agg_coll_bytes(const fn_agg_coll_info *info, const vec *v, int64_t r)
{
    int w = ty_fixed_width(v->type);
    int64_t b = w > 0 ? w + 1 : 32;
    if (v->type->kind == TY_STRING || v->type->kind == TY_BINARY || v->type->kind == TY_CHAR ||
        v->type->kind == TY_VARCHAR) {
        int32_t len = 0;
        vec_str(v, r, &len);
        b = (int64_t)len + 5;
    } else if ((v->type->kind == TY_ARRAY || v->type->kind == TY_MAP) && v->offsets) {
        b = 16 + 16 * (int64_t)(v->offsets[r + 1] - v->offsets[r]);
    }
    if (info->kind == FN_AGG_COLL_SET || info->kind == FN_AGG_COLL_MODE)
        b += 24;
    return b;
}

static fn_agg_coll_kind fn_agg_coll_kind_of(const char *name)
{
    if (strcasecmp(name, "collect_set") == 0)
        return FN_AGG_COLL_SET;
    if (strcasecmp(name, "listagg") == 0 || strcasecmp(name, "string_agg") == 0)
        return FN_AGG_COLL_LISTAGG;
    if (strcasecmp(name, "mode") == 0)
        return FN_AGG_COLL_MODE;
    return FN_AGG_COLL_LIST;
}

static bool fn_agg_coll_has_map(const ty *t)
{
    switch (t->kind) {
    case TY_MAP:
        return true;
    case TY_ARRAY:
        return fn_agg_coll_has_map(t->elem);
    case TY_STRUCT:
        for (int f = 0; f < t->n_fields; f++)
            if (fn_agg_coll_has_map(t->fields[f].type))
                return true;
        return false;
    case TY_STRING:
        /* UnsafeRowUtils.isBinaryStable: collated strings compare by collation key */
        return t->collation && strcasecmp(t->collation, "UTF8_BINARY") != 0;
    default:
        return false;
    }
}

static int fn_agg_coll_err_set_type(const pl_expr *call, em_error *err)
{
    em_str sql, fid;
    em_str_init(&sql, 4096);
    em_str_init(&fid, 256);
    em_str_putc(&sql, '"');
    fn_expr_sql(call, &sql);
    em_str_putc(&sql, '"');
    fn_agg_fn_id(call, &fid);
    int rc = em_error_set(err, "DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE", "sqlExpr",
                          sql.data ? sql.data : "", "functionName", fid.data ? fid.data : "",
                          "dataType", "\"MAP\" or \"COLLATED STRING\"", NULL);
    em_str_release(&sql);
    em_str_release(&fid);
    return rc;
}

/* listagg's inputs: TypeCollection(STRING, BINARY[, NULL]) with Spark's implicit casts (NULL
   and atomic values become strings in both modes). */
static int fn_agg_coll_string_or_binary(em_arena *a, pl_expr *call, int i, bool allow_null,
                                        em_error *err)
{
    const ty *t = call->args[i]->type;
    if (ty_is_string(t) || t->kind == TY_BINARY || (allow_null && t->kind == TY_NULL))
        return EM_OK;
    if (ty_is_nested(t) || t->kind == TY_VARIANT)
        return fn_err_unexpected_input(call, i,
                                       allow_null ? "(\"STRING\" or \"BINARY\" or \"VOID\")"
                                                  : "(\"STRING\" or \"BINARY\")",
                                       err);
    fn_cast_arg(a, call, i, ty_string());
    return EM_OK;
}

static int fn_agg_coll_bind_listagg(fn_agg_coll_info *info, em_arena *a, pl_expr *call,
                                    const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    if (call->n_args == 1) {
        /* ListAgg(child) = ListAgg(child, Literal(null)): the default shows in the name */
        pl_expr **args = em_arena_calloc(a, 2, sizeof *args);
        args[0] = call->args[0];
        args[1] = pl_lit_null(a, ty_null());
        args[1]->resolved = true;
        call->args = args;
        call->n_args = 2;
    }
    if (fn_agg_coll_string_or_binary(a, call, 0, false, err) ||
        fn_agg_coll_string_or_binary(a, call, 1, true, err))
        return err->code;
    vec *d = NULL;
    int rc = fn_agg_fold(call->args[1], opts, &d, err);
    if (rc < 0)
        return err->code;
    if (rc == 0)
        return fn_agg_err_non_foldable(call, 1, "`delimiter`", err);
    const ty *ct = call->args[0]->type, *dt = call->args[1]->type;
    if (dt->kind != TY_NULL && !(ty_is_string(ct) == ty_is_string(dt))) {
        vec_release(d);
        em_str sql, fid, types;
        em_str_init(&sql, 4096);
        em_str_init(&fid, 256);
        em_str_init(&types, 256);
        em_str_putc(&sql, '"');
        fn_expr_sql(call, &sql);
        em_str_putc(&sql, '"');
        fn_agg_fn_id(call, &fid);
        em_str_putc(&types, '(');
        ty_sql_type_quoted(ct, &types);
        em_str_puts(&types, " or ");
        ty_sql_type_quoted(dt, &types);
        em_str_putc(&types, ')');
        rc = em_error_set(err, "DATATYPE_MISMATCH.DATA_DIFF_TYPES", "sqlExpr",
                          sql.data ? sql.data : "", "functionName", fid.data ? fid.data : "",
                          "dataType", types.data ? types.data : "", NULL);
        em_str_release(&sql);
        em_str_release(&fid);
        em_str_release(&types);
        return rc;
    }
    if (d && d->type->kind != TY_NULL && !vec_is_null(d, 0)) {
        int32_t len;
        const char *s = vec_str(d, 0, &len);
        info->delim = em_arena_strndup(a, s, (size_t)len);
        info->delim_len = len;
    }
    vec_release(d);
    call->type = ct;
    call->nullable = true;
    return EM_OK;
}

/* ModeBuilder: mode(col) or mode(col, deterministic) with a constant boolean. */
static int fn_agg_coll_bind_mode(fn_agg_coll_info *info, em_arena *a, pl_expr *call,
                                 const pl_session_opts *opts, em_error *err)
{
    if (call->n_args == 0) /* mode() needs WITHIN GROUP, which the parser does not build */
        return em_error_set(err, "INVALID_WITHIN_GROUP_EXPRESSION.WITHIN_GROUP_MISSING", "funcName",
                            "`mode`", NULL);
    if (call->n_args > 2)
        return fn_check_arity(call, 0, 0, "0", err);
    if (call->is_distinct) /* Mode.isDistinctSupported = false */
        return em_error_set(err, "INVALID_WITHIN_GROUP_EXPRESSION.DISTINCT_UNSUPPORTED", "funcName",
                            "`mode`", NULL);
    if (call->n_args == 2) {
        pl_expr *flag = call->args[1];
        vec *v = NULL;
        int rc = fn_agg_fold(flag, opts, &v, err);
        if (rc < 0)
            return err->code;
        if (rc == 0)
            return em_error_set(err, "NON_FOLDABLE_ARGUMENT", "funcName", "`mode`", "paramName",
                                "`deterministic`", "paramType", "\"BOOLEAN\"", NULL);
        rc = EM_OK;
        bool is_null = v->type->kind == TY_NULL || vec_is_null(v, 0);
        bool value = !is_null && v->type->kind == TY_BOOLEAN && VEC_VALUES(v, uint8_t)[0];
        vec_release(v);
        em_str sql;
        em_str_init(&sql, 4096);
        em_str_putc(&sql, '"');
        fn_expr_sql(flag, &sql);
        em_str_putc(&sql, '"');
        if (is_null) {
            rc = em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_NULL", "exprName",
                              "`deterministic`", "sqlExpr", sql.data ? sql.data : "", NULL);
        } else if (flag->type->kind != TY_BOOLEAN) {
            em_str ity;
            em_str_init(&ity, 256);
            ty_sql_type_quoted(flag->type, &ity);
            rc =
                em_error_set(err, "UNEXPECTED_INPUT_TYPE", "paramIndex", "second", "functionName",
                             "`mode`", "requiredType", "\"BOOLEAN\"", "inputSql",
                             sql.data ? sql.data : "", "inputType", ity.data ? ity.data : "", NULL);
            em_str_release(&ity);
        }
        em_str_release(&sql);
        if (rc)
            return rc;
        info->deterministic = value;
        call->n_args = 1; /* Mode(child[, reverse]): the flag is not a child */
        if (value) {
            /* Mode.sql with reverse = true: mode() WITHIN GROUP (ORDER BY col DESC) */
            em_str s;
            em_str_init(&s, 4096);
            em_str_puts(&s, "mode() WITHIN GROUP (ORDER BY ");
            fn_expr_sql(call->args[0], &s);
            em_str_puts(&s, " DESC)");
            call->sql = em_arena_strdup(a, s.data ? s.data : "");
            em_str_release(&s);
        }
    }
    call->type = call->args[0]->type;
    call->nullable = true;
    return EM_OK;
}

static int fn_agg_coll_bind(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    fn_agg_coll_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->kind = fn_agg_coll_kind_of(def->name);
    switch (info->kind) {
    case FN_AGG_COLL_LISTAGG:
        if (fn_agg_coll_bind_listagg(info, a, call, opts, err))
            return err->code;
        break;
    case FN_AGG_COLL_MODE:
        if (fn_agg_coll_bind_mode(info, a, call, opts, err))
            return err->code;
        break;
    case FN_AGG_COLL_SET:
    case FN_AGG_COLL_LIST:
        if (fn_check_arity(call, 1, 1, "1", err))
            return err->code;
        if (info->kind == FN_AGG_COLL_SET && fn_agg_coll_has_map(call->args[0]->type))
            return fn_agg_coll_err_set_type(call, err);
        call->type = ty_array(a, call->args[0]->type, false);
        call->nullable = false;
        break;
    }
    info->elem = call->args[0]->type;
    call->fn_state = info;
    return EM_OK;
}

static int64_t fn_agg_coll_state_size(const pl_expr *call)
{
    (void)call;
    return (int64_t)sizeof(fn_agg_coll_state);
}

static void fn_agg_coll_init(const pl_expr *call, void *state)
{
    memset(state, 0, sizeof(fn_agg_coll_state));
    (void)call;
}

static void fn_agg_coll_destroy(const pl_expr *call, void *state)
{
    fn_agg_coll_state *st = state;
    vec_release(st->values);
    fn_agg_vset_free(st->set);
    st->values = NULL;
    st->set = NULL;
    fn_mem_release(st->acct, st->charged);
    st->acct = NULL;
    st->charged = 0;
    (void)call;
}

static bool fn_agg_coll_uses_set(const fn_agg_coll_info *info)
{
    return info->kind == FN_AGG_COLL_SET || info->kind == FN_AGG_COLL_MODE;
}

static int fn_agg_coll_add(const fn_agg_coll_info *info, fn_agg_coll_state *st, const vec *v,
                           int64_t r, int64_t count, bool *is_new, em_error *err)
{
    if (fn_agg_coll_uses_set(info)) {
        if (!st->set)
            st->set = fn_agg_vset_new(info->elem);
        return fn_agg_vset_add(st->set, v, r, count, is_new, err);
    }
    if (is_new)
        *is_new = true;
    if (!st->values)
        st->values = vec_new(info->elem, 8);
    return vec_append_from(st->values, v, r, err);
}

static int fn_agg_coll_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                              fn_ctx *ctx, em_error *err)
{
    const fn_agg_coll_info *info = call->fn_state;
    const vec *v = args[0];
    /* charge what this batch may add first: a failure leaves every state as it was */
    int64_t total = 0;
    for (int64_t r = 0; r < n; r++)
        if (states[r] && !fn_is_null(v, r))
            total += fn_agg_coll_bytes(info, v, r);
    void *acct = NULL;
    if (fn_mem_acquire(&acct, total, err))
        return err->code ? err->code : EM_ENOMEM;
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        fn_agg_coll_state *st = states[r];
        if (!st || fn_is_null(v, r))
            continue;
        int64_t b = fn_agg_coll_bytes(info, v, r);
        bool is_new = true;
        if (fn_agg_coll_add(info, st, v, r, 1, &is_new, err)) {
            rc = err->code ? err->code : EM_EINTERNAL;
            break;
        }
        total -= b;
        if (!acct || !is_new) { /* a duplicate in a set takes nothing */
            fn_mem_release(acct, b);
            continue;
        }
        if (st->acct && st->acct != acct) { /* charged elsewhere: keep one account a state */
            fn_mem_release(acct, b);
            continue;
        }
        st->acct = acct;
        st->charged += b;
    }
    fn_mem_release(acct, total); /* rows not reached (an error) */
    (void)ctx;
    return rc;
}

static int fn_agg_coll_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx,
                             em_error *err)
{
    const fn_agg_coll_info *info = call->fn_state;
    fn_agg_coll_state *d = dst;
    const fn_agg_coll_state *s = src;
    (void)ctx;
    /* what src holds, charged again for dst (src releases its own charge when destroyed) */
    if (s->charged > 0 && (!d->acct || d->acct == s->acct)) {
        void *acct = NULL;
        if (fn_mem_acquire(&acct, s->charged, err))
            return err->code ? err->code : EM_ENOMEM;
        if (acct) {
            d->acct = acct;
            d->charged += s->charged;
        }
    }
    if (fn_agg_coll_uses_set(info)) {
        if (!s->set)
            return EM_OK;
        if (!d->set)
            d->set = fn_agg_vset_new(info->elem);
        return fn_agg_vset_merge(d->set, s->set, err);
    }
    for (int64_t r = 0; s->values && r < s->values->len; r++)
        if (fn_agg_coll_add(info, d, s->values, r, 1, NULL, err))
            return err->code;
    return EM_OK;
}

/* Appends one array row holding rows [0, n) of src. */
static int fn_agg_coll_append_array(vec *out, const vec *src, int64_t n, em_error *err)
{
    vec *child = out->children[0];
    for (int64_t r = 0; r < n; r++)
        if (vec_append_from(child, src, r, err))
            return err->code;
    if (child->len > INT32_MAX)
        return em_error_internal(err, "collected array exceeds %d elements", INT32_MAX);
    vec_reserve(out, out->len + 1);
    out->offsets[out->len + 1] = (int32_t)child->len;
    vec_set_valid(out, out->len);
    out->len++;
    return EM_OK;
}

static int fn_agg_coll_final_listagg(const fn_agg_coll_info *info, const fn_agg_coll_state *st,
                                     vec *out, em_error *err)
{
    if (!st->values || st->values->len == 0) {
        vec_append_null(out);
        return EM_OK;
    }
    em_str s;
    em_str_init(&s, 0);
    for (int64_t r = 0; r < st->values->len; r++) {
        if (r && info->delim_len)
            em_str_append(&s, info->delim, (size_t)info->delim_len);
        int32_t len;
        const char *p = vec_str(st->values, r, &len);
        em_str_append(&s, p, (size_t)len);
    }
    int rc = s.overflow ? em_error_internal(err, "listagg result exceeds %zu bytes", s.max)
                        : vec_append_str(out, s.data ? s.data : "", (int64_t)s.len, err);
    em_str_release(&s);
    return rc;
}

/* java.lang.Object.hashCode of the boxed key Spark keeps in Mode's OpenHashMap[AnyRef, Long]
   (Integer, Long, Double, UTF8String...); false for keys whose hash Ember cannot reproduce. */
static bool fn_agg_coll_java_hash(const vec *v, int64_t r, int32_t *out)
{
    switch (v->type->kind) {
    case TY_BOOLEAN:
        *out = VEC_VALUES(v, uint8_t)[r] ? 1231 : 1237;
        return true;
    case TY_BYTE:
        *out = VEC_VALUES(v, int8_t)[r];
        return true;
    case TY_SHORT:
        *out = VEC_VALUES(v, int16_t)[r];
        return true;
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        *out = VEC_VALUES(v, int32_t)[r];
        return true;
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL: {
        uint64_t x = (uint64_t)VEC_VALUES(v, int64_t)[r];
        *out = (int32_t)(uint32_t)(x ^ (x >> 32));
        return true;
    }
    case TY_FLOAT: {
        float f = VEC_VALUES(v, float)[r];
        int32_t bits = 0x7fc00000; /* Float.floatToIntBits(NaN) */
        if (f == f)
            memcpy(&bits, &f, sizeof bits);
        *out = bits;
        return true;
    }
    case TY_DOUBLE: {
        double d = VEC_VALUES(v, double)[r];
        uint64_t bits = 0x7ff8000000000000ULL;
        if (d == d)
            memcpy(&bits, &d, sizeof bits);
        *out = (int32_t)(uint32_t)(bits ^ (bits >> 32));
        return true;
    }
    case TY_STRING:
        if (v->type->collation && strcasecmp(v->type->collation, "UTF8_BINARY") != 0)
            return false;
        {
            int32_t len;
            const char *p = vec_str(v, r, &len);
            *out = fn_agg_murmur3_bytes(p, len, 42); /* UTF8String.hashCode */
        }
        return true;
    default:
        return false;
    }
}

/* Inserts keys (hash codes h, in the order given) into a simulated Spark OpenHashSet (capacity
   64, load factor 0.7, doubling, triangular probing on Guava's murmur3 of the hash code) and
   writes its iteration order (slot order) back into order. */
static void fn_agg_coll_hashset_order(const int32_t *h, int64_t n, int64_t *order)
{
    int64_t cap = 64;
    int64_t *slots = em_malloc((size_t)cap * sizeof *slots);
    for (int64_t k = 0; k < cap; k++)
        slots[k] = -1;
    int64_t size = 0;
    for (int64_t idx = 0; idx < n; idx++) {
        int64_t key = order[idx], mask = cap - 1;
        int64_t pos = fn_agg_murmur3_int(h[key], 0) & mask;
        for (int64_t delta = 1; slots[pos] >= 0; delta++)
            pos = (pos + delta) & mask;
        slots[pos] = key;
        if (++size > (int64_t)(0.7 * (double)cap)) {
            int64_t ncap = cap * 2, nmask = ncap - 1;
            int64_t *ns = em_malloc((size_t)ncap * sizeof *ns);
            for (int64_t k = 0; k < ncap; k++)
                ns[k] = -1;
            for (int64_t old = 0; old < cap; old++) {
                if (slots[old] < 0)
                    continue;
                int64_t np = fn_agg_murmur3_int(h[slots[old]], 0) & nmask;
                for (int64_t delta = 1; ns[np] >= 0; delta++)
                    np = (np + delta) & nmask;
                ns[np] = slots[old];
            }
            em_free(slots);
            slots = ns;
            cap = ncap;
        }
    }
    int64_t out = 0;
    for (int64_t k = 0; k < cap; k++)
        if (slots[k] >= 0)
            order[out++] = slots[k];
    em_free(slots);
}

static int fn_agg_coll_final_mode(const fn_agg_coll_info *info, const fn_agg_coll_state *st,
                                  vec *out, em_error *err)
{
    const fn_agg_vset *set = st->set;
    int64_t n = fn_agg_vset_len(set);
    if (n == 0) {
        vec_append_null(out);
        return EM_OK;
    }
    int64_t best = 0;
    if (info->deterministic) {
        /* maxBy (count, key) with the key ordering reversed: ties go to the smallest value */
        for (int64_t idx = 1; idx < n; idx++)
            if (set->counts[idx] > set->counts[best] ||
                (set->counts[idx] == set->counts[best] &&
                 ty_compare(set->values, idx, set->values, best) < 0))
                best = idx;
        return vec_append_from(out, set->values, best, err);
    }
    /* maxBy(count) keeps the first maximum in the map's iteration order: for keys whose Java
       hash code is known, the order of Spark's OpenHashMap after the partial buffer, its
       deserialized copy and the final buffer (each filled in the previous one's order);
       otherwise first-seen order. */
    int64_t *order = em_malloc((size_t)n * sizeof *order);
    int32_t *h = em_malloc((size_t)n * sizeof *h);
    bool known = true;
    for (int64_t idx = 0; idx < n; idx++) {
        order[idx] = idx;
        known = known && fn_agg_coll_java_hash(set->values, idx, &h[idx]);
    }
    for (int stage = 0; known && stage < 3; stage++)
        fn_agg_coll_hashset_order(h, n, order);
    best = order[0];
    for (int64_t k = 1; k < n; k++)
        if (set->counts[order[k]] > set->counts[best])
            best = order[k];
    em_free(order);
    em_free(h);
    return vec_append_from(out, set->values, best, err);
}

static int fn_agg_coll_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                             em_error *err)
{
    const fn_agg_coll_info *info = call->fn_state;
    const fn_agg_coll_state *st = state;
    (void)ctx;
    switch (info->kind) {
    case FN_AGG_COLL_LIST:
        return fn_agg_coll_append_array(out, st->values, st->values ? st->values->len : 0, err);
    case FN_AGG_COLL_SET:
        return fn_agg_coll_append_array(out, st->set ? st->set->values : NULL,
                                        fn_agg_vset_len(st->set), err);
    case FN_AGG_COLL_LISTAGG:
        return fn_agg_coll_final_listagg(info, st, out, err);
    case FN_AGG_COLL_MODE:
        return fn_agg_coll_final_mode(info, st, out, err);
    }
    return EM_OK;
}

static const fn_agg_ops fn_agg_coll_ops = {
    .state_size = fn_agg_coll_state_size,
    .init = fn_agg_coll_init,
    .update = fn_agg_coll_update,
    .merge = fn_agg_coll_merge,
    .final = fn_agg_coll_final,
    .destroy = fn_agg_coll_destroy,
};

#define FN_AGG_COLL(nm, mn, mx)                                                                    \
    {                                                                                              \
        .name = nm, .kind = FN_AGGREGATE, .min_args = mn, .max_args = mx,                          \
        .bind = fn_agg_coll_bind, .agg = &fn_agg_coll_ops, .deterministic = true                   \
    }

const fn_def fn_agg_collect_defs[] = {
    FN_AGG_COLL("collect_list", 1, 1), FN_AGG_COLL("array_agg", 1, 1),
    FN_AGG_COLL("collect_set", 1, 1),  FN_AGG_COLL("listagg", 1, 2),
    FN_AGG_COLL("string_agg", 1, 2),   FN_AGG_COLL("mode", 1, 2),
};
const int fn_agg_collect_n_defs = (int)(sizeof fn_agg_collect_defs / sizeof fn_agg_collect_defs[0]);
