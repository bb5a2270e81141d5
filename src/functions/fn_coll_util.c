/*
 * fn_coll_util: the helpers behind fn_coll.h, shared by the collection families: type-check
 * errors with Spark's parameters, the coercions of the collection functions' input types,
 * list-vector building, the cell hash set and the map builder (Spark's ArrayBasedMapBuilder
 * rules).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "types/ty_cast.h"
#include "types/ty_format.h"

/* ---- binding ------------------------------------------------------------------------------ */

const char *fn_coll_fname(em_arena *a, const pl_expr *call)
{
    const char *n = call->name ? call->name : (call->fn ? call->fn->name : "?");
    char *s = em_arena_printf(a, "`%s`", n);
    for (char *p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

const char *fn_coll_qtype(em_arena *a, const ty *t)
{
    em_str s;
    em_str_init(&s, 0);
    ty_sql_type_quoted(t, &s);
    const char *r = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    return r;
}

static const char *fn_coll_sql(em_arena *a, const pl_expr *e)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '"');
    fn_expr_sql(e, &s);
    em_str_putc(&s, '"');
    const char *r = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    return r;
}

int fn_coll_err_null_type(em_arena *a, const pl_expr *call, em_error *err)
{
    return em_error_set(err, "DATATYPE_MISMATCH.NULL_TYPE", "sqlExpr", fn_coll_sql(a, call),
                        "functionName", fn_coll_fname(a, call), NULL);
}

int fn_coll_err_diff(em_arena *a, const pl_expr *call, const char *sub, const ty *left,
                     const ty *right, em_error *err)
{
    char cls[96];
    snprintf(cls, sizeof cls, "DATATYPE_MISMATCH.%s", sub);
    bool binary = strcmp(sub, "BINARY_ARRAY_DIFF_TYPES") == 0;
    bool is_map = strncmp(sub, "MAP_", 4) == 0;
    return em_error_set(err, cls, "sqlExpr", fn_coll_sql(a, call), "functionName",
                        fn_coll_fname(a, call), binary ? "arrayType" : "dataType",
                        is_map ? "\"MAP\"" : "\"ARRAY\"", "leftType", fn_coll_qtype(a, left),
                        "rightType", fn_coll_qtype(a, right), NULL);
}

int fn_coll_err_data_diff(em_arena *a, const pl_expr *call, int from, int step, em_error *err)
{
    em_str dt;
    em_str_init(&dt, 0);
    em_str_putc(&dt, '(');
    for (int k = from; k < call->n_args; k += step) {
        if (k > from)
            em_str_puts(&dt, " or ");
        ty_sql_type_quoted(call->args[k]->type, &dt);
    }
    em_str_putc(&dt, ')');
    int rc = em_error_set(err, "DATATYPE_MISMATCH.DATA_DIFF_TYPES", "sqlExpr", fn_coll_sql(a, call),
                          "functionName", fn_coll_fname(a, call), "dataType",
                          dt.data ? dt.data : "", NULL);
    em_str_release(&dt);
    return rc;
}

int fn_coll_err_ordering(em_arena *a, const pl_expr *call, const ty *t, em_error *err)
{
    return em_error_set(err, "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "sqlExpr",
                        fn_coll_sql(a, call), "functionName", fn_coll_fname(a, call), "dataType",
                        fn_coll_qtype(a, t), NULL);
}

static bool fn_coll_has_map(const ty *t)
{
    switch (t->kind) {
    case TY_MAP:
    case TY_VARIANT:
        return true;
    case TY_ARRAY:
        return fn_coll_has_map(t->elem);
    case TY_STRUCT:
        for (int f = 0; f < t->n_fields; f++)
            if (fn_coll_has_map(t->fields[f].type))
                return true;
        return false;
    default:
        return false;
    }
}

int fn_coll_check_map_key(em_arena *a, const pl_expr *call, const ty *key, em_error *err)
{
    if (!fn_coll_has_map(key))
        return EM_OK;
    return em_error_set(err, "DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE", "sqlExpr",
                        fn_coll_sql(a, call), "keyType", fn_coll_qtype(a, key), NULL);
}

const ty *fn_coll_tightest(const ty *a, const ty *b, em_arena *arena)
{
    return fn_tightest_common_type(a, b, false, arena);
}

const ty *fn_coll_wider_no_string(const ty *a, const ty *b, em_arena *arena)
{
    const ty *t = fn_coll_tightest(a, b, arena);
    if (t)
        return t;
    /* DecimalPrecision.widerDecimalType for decimal/integral pairs; double with fractions */
    const ty *da = a->kind == TY_DECIMAL ? a : ty_is_integral(a) ? fn_decimal_for(a, arena) : NULL;
    const ty *db = b->kind == TY_DECIMAL ? b : ty_is_integral(b) ? fn_decimal_for(b, arena) : NULL;
    if ((a->kind == TY_DECIMAL || b->kind == TY_DECIMAL) && da && db)
        return fn_decimal_wider(da->precision, da->scale, db->precision, db->scale, arena);
    if ((a->kind == TY_DECIMAL && (b->kind == TY_FLOAT || b->kind == TY_DOUBLE)) ||
        (b->kind == TY_DECIMAL && (a->kind == TY_FLOAT || a->kind == TY_DOUBLE)))
        return ty_double();
    if (a->kind == TY_ARRAY && b->kind == TY_ARRAY) {
        const ty *e = fn_coll_wider_no_string(a->elem, b->elem, arena);
        return e ? ty_array(arena, e, a->contains_null || b->contains_null) : NULL;
    }
    if (a->kind == TY_MAP && b->kind == TY_MAP) {
        const ty *k = fn_coll_wider_no_string(a->key, b->key, arena);
        const ty *v = fn_coll_wider_no_string(a->value, b->value, arena);
        return k && v ? ty_map(arena, k, v, a->value_contains_null || b->value_contains_null)
                      : NULL;
    }
    return NULL;
}

const ty *fn_coll_wider_common(int n, const ty *const *types, bool ansi, em_arena *arena)
{
    return fn_wider_common_type(n, types, ansi, arena);
}

void fn_coll_cast_elem(em_arena *a, pl_expr *call, int i, const ty *elem)
{
    const ty *t = call->args[i]->type;
    if (t->kind != TY_ARRAY || ty_equals(t->elem, elem))
        return;
    fn_cast_arg(a, call, i, ty_array(a, elem, t->contains_null));
}

void fn_coll_null_to_array(em_arena *a, pl_expr *call, int i)
{
    if (call->args[i]->type->kind == TY_NULL)
        fn_cast_arg(a, call, i, ty_array(a, ty_null(), true));
}

bool fn_coll_literal(const pl_expr *e, const vec **lit)
{
    if (e && e->kind == PX_LITERAL && e->lit) {
        *lit = e->lit;
        return true;
    }
    return false;
}

bool fn_coll_equal_structurally(const ty *a, const ty *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TY_ARRAY:
        return fn_coll_equal_structurally(a->elem, b->elem);
    case TY_MAP:
        return fn_coll_equal_structurally(a->key, b->key) &&
               fn_coll_equal_structurally(a->value, b->value);
    case TY_STRUCT:
        if (a->n_fields != b->n_fields)
            return false;
        for (int k = 0; k < a->n_fields; k++)
            if (!fn_coll_equal_structurally(a->fields[k].type, b->fields[k].type))
                return false;
        return true;
    default:
        return ty_equals_ignore_nullability(a, b);
    }
}

void fn_coll_null_to(em_arena *a, pl_expr *call, int i, const ty *to)
{
    if (call->args[i]->type->kind == TY_NULL)
        fn_cast_arg(a, call, i, to);
}

const ty *fn_coll_as_nullable(em_arena *a, const ty *t)
{
    switch (t->kind) {
    case TY_ARRAY:
        return ty_array(a, fn_coll_as_nullable(a, t->elem), true);
    case TY_MAP:
        return ty_map(a, fn_coll_as_nullable(a, t->key), fn_coll_as_nullable(a, t->value), true);
    case TY_STRUCT: {
        ty_field *f = em_arena_calloc(a, (size_t)(t->n_fields ? t->n_fields : 1), sizeof *f);
        for (int k = 0; k < t->n_fields; k++) {
            f[k] = t->fields[k];
            f[k].type = fn_coll_as_nullable(a, t->fields[k].type);
            f[k].nullable = true;
        }
        return ty_struct(a, t->n_fields, f);
    }
    default:
        return t;
    }
}

const ty *fn_coll_merge_nullability(em_arena *a, const ty *x, const ty *y)
{
    if (x->kind != y->kind || ty_equals(x, y))
        return x;
    switch (x->kind) {
    case TY_ARRAY:
        return ty_array(a, fn_coll_merge_nullability(a, x->elem, y->elem),
                        x->contains_null || y->contains_null);
    case TY_MAP:
        return ty_map(a, fn_coll_merge_nullability(a, x->key, y->key),
                      fn_coll_merge_nullability(a, x->value, y->value),
                      x->value_contains_null || y->value_contains_null);
    case TY_STRUCT: {
        if (x->n_fields != y->n_fields)
            return x;
        ty_field *f = em_arena_calloc(a, (size_t)(x->n_fields ? x->n_fields : 1), sizeof *f);
        for (int k = 0; k < x->n_fields; k++) {
            f[k] = x->fields[k];
            f[k].type = fn_coll_merge_nullability(a, x->fields[k].type, y->fields[k].type);
            f[k].nullable = x->fields[k].nullable || y->fields[k].nullable;
        }
        return ty_struct(a, x->n_fields, f);
    }
    default:
        return x;
    }
}

void fn_coll_append_arg(em_arena *a, pl_expr *call, pl_expr *arg)
{
    pl_expr **args = em_arena_calloc(a, (size_t)call->n_args + 1, sizeof *args);
    if (call->n_args)
        memcpy(args, call->args, (size_t)call->n_args * sizeof *args);
    args[call->n_args] = arg;
    arg->resolved = true;
    call->args = args;
    call->n_args++;
}

/* ---- list vectors ------------------------------------------------------------------------- */

void fn_list_close(vec *v)
{
    vec_reserve(v, v->len + 1);
    v->offsets[v->len + 1] = (int32_t)v->children[0]->len;
    vec_set_valid(v, v->len);
    v->len++;
}

static void fn_copy_validity(vec *dst, int64_t at, const vec *src, int64_t off, int64_t n)
{
    if (src->validity) {
        for (int64_t r = 0; r < n; r++)
            if (vec_is_null(src, off + r))
                vec_set_null(dst, at + r);
            else
                vec_set_valid(dst, at + r);
    } else if (dst->validity) {
        for (int64_t r = 0; r < n; r++)
            vec_set_valid(dst, at + r);
    }
}

int fn_vec_append_range(vec *dst, const vec *src, int64_t off, int64_t n, em_error *err)
{
    if (n <= 0)
        return EM_OK;
    if (src->type->kind == TY_NULL || dst->type->kind == TY_NULL) {
        for (int64_t r = 0; r < n; r++)
            vec_append_null(dst);
        return EM_OK;
    }
    vec_reserve(dst, dst->len + n);
    int w = ty_fixed_width(dst->type);
    if (w) {
        memcpy((char *)dst->values + dst->len * w, (const char *)src->values + off * w,
               (size_t)(n * w));
        fn_copy_validity(dst, dst->len, src, off, n);
        dst->len += n;
        return EM_OK;
    }
    switch (dst->type->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY: {
        int32_t b0 = src->offsets[off], b1 = src->offsets[off + n];
        if (vec_reserve_bytes(dst, b1 - b0, err))
            return err ? err->code : EM_EINTERNAL;
        if (b1 > b0)
            memcpy(dst->bytes + dst->bytes_len, src->bytes + b0, (size_t)(b1 - b0));
        int64_t base = dst->bytes_len - b0;
        for (int64_t r = 0; r < n; r++)
            dst->offsets[dst->len + r + 1] = (int32_t)(src->offsets[off + r + 1] + base);
        dst->bytes_len += b1 - b0;
        fn_copy_validity(dst, dst->len, src, off, n);
        dst->len += n;
        return EM_OK;
    }
    case TY_ARRAY:
    case TY_MAP: {
        int32_t e0 = src->offsets[off], e1 = src->offsets[off + n];
        int64_t base = dst->children[0]->len - e0;
        for (int c = 0; c < dst->n_children; c++)
            if (fn_vec_append_range(dst->children[c], src->children[c], e0, e1 - e0, err))
                return err ? err->code : EM_EINTERNAL;
        for (int64_t r = 0; r < n; r++)
            dst->offsets[dst->len + r + 1] = (int32_t)(src->offsets[off + r + 1] + base);
        fn_copy_validity(dst, dst->len, src, off, n);
        dst->len += n;
        return EM_OK;
    }
    case TY_STRUCT:
        for (int c = 0; c < dst->n_children; c++)
            if (fn_vec_append_range(dst->children[c], src->children[c], off, n, err))
                return err ? err->code : EM_EINTERNAL;
        fn_copy_validity(dst, dst->len, src, off, n);
        dst->len += n;
        return EM_OK;
    default:
        for (int64_t r = 0; r < n; r++)
            if (vec_append_from(dst, src, off + r, err))
                return err ? err->code : EM_EINTERNAL;
        return EM_OK;
    }
}

int fn_vec_append_or_null(vec *dst, const vec *src, int64_t r, em_error *err)
{
    if (fn_cell_null(src, r)) {
        vec_append_null(dst);
        return EM_OK;
    }
    return vec_append_from(dst, src, r, err);
}

/* ---- cell sets ---------------------------------------------------------------------------- */

void fn_cellset_init(fn_cellset *s)
{
    memset(s, 0, sizeof *s);
    s->gen = 1;
}

void fn_cellset_release(fn_cellset *s)
{
    em_free(s->slots);
    memset(s, 0, sizeof *s);
}

void fn_cellset_clear(fn_cellset *s)
{
    s->n = 0;
    if (++s->gen == 0) {
        if (s->slots)
            memset(s->slots, 0, (size_t)s->cap * sizeof *s->slots);
        s->gen = 1;
    }
}

static void fn_cellset_grow(fn_cellset *s)
{
    int64_t ncap = s->cap ? s->cap * 2 : 16;
    fn_cell *old = s->slots;
    int64_t ocap = s->cap;
    s->slots = em_calloc((size_t)ncap, sizeof *s->slots);
    s->cap = ncap;
    for (int64_t k = 0; k < ocap; k++) {
        if (old[k].gen != s->gen)
            continue;
        int64_t p = (int64_t)(old[k].hash & (uint64_t)(ncap - 1));
        while (s->slots[p].gen == s->gen)
            p = (p + 1) & (ncap - 1);
        s->slots[p] = old[k];
    }
    em_free(old);
}

int64_t fn_cellset_find(const fn_cellset *s, const vec *v, int64_t row)
{
    if (!s->n)
        return -1;
    uint64_t h = ty_hash_cell(v, row, 0);
    int64_t p = (int64_t)(h & (uint64_t)(s->cap - 1));
    while (s->slots[p].gen == s->gen) {
        const fn_cell *c = &s->slots[p];
        if (c->hash == h && ty_cells_equal(c->v, c->row, v, row))
            return c->id;
        p = (p + 1) & (s->cap - 1);
    }
    return -1;
}

int64_t fn_cellset_add(fn_cellset *s, const vec *v, int64_t row, bool *added)
{
    if ((s->n + 1) * 2 > s->cap)
        fn_cellset_grow(s);
    uint64_t h = ty_hash_cell(v, row, 0);
    int64_t p = (int64_t)(h & (uint64_t)(s->cap - 1));
    while (s->slots[p].gen == s->gen) {
        const fn_cell *c = &s->slots[p];
        if (c->hash == h && ty_cells_equal(c->v, c->row, v, row)) {
            *added = false;
            return c->id;
        }
        p = (p + 1) & (s->cap - 1);
    }
    fn_cell *c = &s->slots[p];
    c->v = v;
    c->row = row;
    c->hash = h;
    c->id = s->n++;
    c->gen = s->gen;
    *added = true;
    return c->id;
}

/* ---- map builder -------------------------------------------------------------------------- */

void fn_mapb_init(fn_map_builder *b, const pl_session_opts *opts)
{
    memset(b, 0, sizeof *b);
    fn_cellset_init(&b->keys);
    b->last_win = opts && opts->map_key_last_win;
}

void fn_mapb_release(fn_map_builder *b)
{
    fn_cellset_release(&b->keys);
    em_free(b->ent);
    memset(b, 0, sizeof *b);
}

void fn_mapb_reset(fn_map_builder *b)
{
    b->n = 0;
    fn_cellset_clear(&b->keys);
}

int fn_mapb_put(fn_map_builder *b, const vec *kv, int64_t kr, const vec *vv, int64_t vr,
                em_error *err)
{
    if (fn_cell_null(kv, kr))
        return em_error_set(err, "NULL_MAP_KEY", NULL);
    bool added;
    int64_t id = fn_cellset_add(&b->keys, kv, kr, &added);
    if (!added) {
        if (b->last_win) {
            b->ent[id].vv = vv;
            b->ent[id].vr = vr;
            return EM_OK;
        }
        em_str k;
        em_str_init(&k, 400);
        fn_coll_java_string(kv, kr, &k);
        int rc = em_error_set(err, "DUPLICATED_MAP_KEY", "key", k.data ? k.data : "",
                              "mapKeyDedupPolicy", "\"spark.sql.mapKeyDedupPolicy\"", NULL);
        em_str_release(&k);
        return rc;
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->ent = em_realloc(b->ent, (size_t)b->cap * sizeof *b->ent);
    }
    b->ent[b->n++] = (fn_map_entry){.kv = kv, .kr = kr, .vv = vv, .vr = vr};
    return EM_OK;
}

/* NormalizeFloatingNumbers: -0.0 becomes 0.0 and every NaN the canonical NaN. */
static void fn_normalize_key(vec *keys)
{
    int64_t r = keys->len - 1;
    if (keys->type->kind == TY_DOUBLE) {
        double *d = &VEC_VALUES(keys, double)[r];
        if (*d == 0.0)
            *d = 0.0;
        else if (isnan(*d))
            *d = NAN;
    } else if (keys->type->kind == TY_FLOAT) {
        float *f = &VEC_VALUES(keys, float)[r];
        if (*f == 0.0f)
            *f = 0.0f;
        else if (isnan(*f))
            *f = NAN;
    }
}

int fn_mapb_emit(fn_map_builder *b, vec *out, em_error *err)
{
    vec *keys = out->children[0], *vals = out->children[1];
    for (int64_t k = 0; k < b->n; k++) {
        const fn_map_entry *e = &b->ent[k];
        if (vec_append_from(keys, e->kv, e->kr, err) ||
            fn_vec_append_or_null(vals, e->vv, e->vr, err)) {
            fn_mapb_reset(b);
            return err ? err->code : EM_EINTERNAL;
        }
        fn_normalize_key(keys);
    }
    fn_list_close(out);
    fn_mapb_reset(b);
    return EM_OK;
}

void fn_coll_java_string(const vec *v, int64_t row, em_str *out)
{
    if (fn_cell_null(v, row)) {
        em_str_puts(out, "null");
        return;
    }
    switch (v->type->kind) {
    case TY_ARRAY:
    case TY_MAP: {
        em_str_putc(out, '[');
        for (int32_t k = v->offsets[row]; k < v->offsets[row + 1]; k++) {
            if (k > v->offsets[row])
                em_str_putc(out, ',');
            fn_coll_java_string(v->children[0], k, out);
        }
        em_str_putc(out, ']');
        return;
    }
    case TY_STRUCT:
        em_str_putc(out, '[');
        for (int f = 0; f < v->n_children; f++) {
            if (f)
                em_str_putc(out, ',');
            fn_coll_java_string(v->children[f], row, out);
        }
        em_str_putc(out, ']');
        return;
    default: {
        ty_format_opts fo = {.pretty = false, .decimal_plain = true, .tz = ty_tz_utc()};
        ty_format_cell(v, row, &fo, out);
        return;
    }
    }
}
