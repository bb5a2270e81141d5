/*
 * source_parquet: the Parquet format of the data-source layer, over io/parquet (pq.h).
 *
 * Schema: without a user schema, the footer of the first data file in listing order gives the
 * data schema (spark.sql.parquet.mergeSchema off, Spark's default); with the "mergeSchema"
 * option or that setting on, every file's schema is merged (StructType.merge: fields by name in
 * first-seen order, nested structs merged, other conflicts raise CANNOT_MERGE_SCHEMAS).
 *
 * Reading (ParquetReadSupport's clipping): each requested column is matched to a file column by
 * name, case-insensitively unless spark.sql.caseSensitive; a column the file lacks reads as
 * NULL; only matched columns are decoded (projection pushdown). Nested struct fields match by
 * name too. A file type that differs from the requested one is widened the way Spark 4's
 * vectorized reader allows (int -> bigint / double / wider decimal, float -> double, decimal ->
 * wider decimal, date -> timestamp_ntz); anything else raises
 * FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH.
 *
 * Vectors leave the reader typed with the source's types (plan arena), never the file's, so they
 * outlive the file.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "io/parquet/pq.h"
#include "io/source_int.h"
#include "plan/plan.h"
#include "types/ty_cast.h"

static void io_pq_options(const io_source *s, pq_options *o, int64_t batch_rows)
{
    pq_options_init(o);
    o->binary_as_string = s->conf.parquet_binary_as_string;
    o->int96_as_timestamp = s->conf.parquet_int96_as_timestamp;
    o->infer_timestamp_ntz = s->conf.parquet_infer_timestamp_ntz;
    if (batch_rows > 0 && batch_rows <= VEC_BATCH_ROWS)
        o->batch_rows = (int)batch_rows;
}

/* Opens a file image for footer reads and scans; the caller closes both. */
static int io_pq_open_file(const io_source *s, const io_file *f, int64_t batch_rows, io_buf *b,
                           pq_file **pf, em_error *err)
{
    if (io_buf_open(f, b, err))
        return err ? err->code : EM_EUSER;
    pq_options o;
    io_pq_options(s, &o, batch_rows);
    if (pq_file_open_buffer(b->data, b->len, f->uri, &o, NULL, pf, err)) {
        io_buf_close(b);
        return err ? err->code : EM_EUSER;
    }
    return EM_OK;
}

static int io_pq_prepare(io_source *s, em_error *err)
{
    (void)s;
    (void)err;
    return EM_OK;
}

static bool io_name_match(const io_source *s, const char *a, const char *b)
{
    return s->conf.case_sensitive ? strcmp(a, b) == 0 : strcasecmp(a, b) == 0;
}

/* StructType.merge. */
static const ty *io_pq_merge(io_source *s, const ty *a, const ty *b, bool *ok)
{
    if (ty_equals_ignore_nullability(a, b))
        return a;
    if (a->kind == TY_STRUCT && b->kind == TY_STRUCT) {
        ty_field *f = em_arena_calloc(s->arena, (size_t)(a->n_fields + b->n_fields) + 1, sizeof *f);
        int n = 0;
        for (int i = 0; i < a->n_fields; i++) {
            f[n] = a->fields[i];
            for (int j = 0; j < b->n_fields; j++)
                if (strcmp(a->fields[i].name, b->fields[j].name) == 0) {
                    f[n].type = io_pq_merge(s, a->fields[i].type, b->fields[j].type, ok);
                    f[n].nullable = a->fields[i].nullable || b->fields[j].nullable;
                }
            n++;
        }
        for (int j = 0; j < b->n_fields; j++) {
            bool seen = false;
            for (int i = 0; i < a->n_fields; i++)
                if (strcmp(a->fields[i].name, b->fields[j].name) == 0)
                    seen = true;
            if (!seen)
                f[n++] = b->fields[j];
        }
        return ty_struct(s->arena, n, f);
    }
    if (a->kind == TY_ARRAY && b->kind == TY_ARRAY)
        return ty_array(s->arena, io_pq_merge(s, a->elem, b->elem, ok),
                        a->contains_null || b->contains_null);
    if (a->kind == TY_MAP && b->kind == TY_MAP)
        return ty_map(s->arena, io_pq_merge(s, a->key, b->key, ok),
                      io_pq_merge(s, a->value, b->value, ok),
                      a->value_contains_null || b->value_contains_null);
    *ok = false;
    return a;
}

static int io_pq_infer(io_source *s, const ty **out, em_error *err)
{
    *out = NULL;
    bool merge = s->conf.parquet_merge_schema;
    if (io_opt_bool(s, "mergeSchema", merge, &merge, err))
        return err ? err->code : EM_EUSER;
    const ty *acc = NULL;
    for (int i = 0; i < s->n_all; i++) {
        const io_file *f = &s->all[i];
        if (f->size <= 0)
            continue;
        io_buf b;
        pq_file *pf;
        if (io_pq_open_file(s, f, 0, &b, &pf, err))
            return err ? err->code : EM_EUSER;
        const ty *t = ty_copy(s->arena, pq_file_schema(pf));
        pq_file_close(pf);
        io_buf_close(&b);
        if (!acc) {
            acc = t;
        } else {
            bool ok = true;
            const ty *m = io_pq_merge(s, acc, t, &ok);
            if (!ok) {
                em_str l, r;
                em_str_init(&l, 1 << 16);
                em_str_init(&r, 1 << 16);
                ty_simple_string(acc, &l);
                ty_simple_string(t, &r);
                int rc = em_error_set(err, "CANNOT_MERGE_SCHEMAS", "left", l.data ? l.data : "",
                                      "right", r.data ? r.data : "", NULL);
                em_str_release(&l);
                em_str_release(&r);
                return rc;
            }
            acc = m;
        }
        if (!merge)
            break;
    }
    *out = acc;
    return EM_OK;
}

static bool io_pq_supports(const ty *t)
{
    switch (t->kind) {
    case TY_NULL:
    case TY_CALENDAR_INTERVAL:
        return false;
    case TY_ARRAY:
        return io_pq_supports(t->elem);
    case TY_MAP:
        return io_pq_supports(t->key) && io_pq_supports(t->value);
    case TY_STRUCT:
        for (int i = 0; i < t->n_fields; i++)
            if (!io_pq_supports(t->fields[i].type))
                return false;
        return true;
    default:
        return true;
    }
}

/* ---- conforming file vectors to the requested types ---------------------------------------- */

/* Spark 4's vectorized-reader type widening. */
static bool io_pq_widening(const ty *from, const ty *to)
{
    ty_kind f = from->kind, t = to->kind;
    if ((f == TY_BYTE || f == TY_SHORT || f == TY_INT) &&
        (t == TY_SHORT || t == TY_INT || t == TY_LONG || t == TY_DOUBLE))
        return (f == TY_BYTE || t != TY_SHORT) && (f != TY_INT || t != TY_INT);
    if (f == TY_FLOAT && t == TY_DOUBLE)
        return true;
    if (f == TY_DATE && t == TY_TIMESTAMP_NTZ)
        return true;
    if (ty_is_integral(from) && t == TY_DECIMAL) {
        int need = f == TY_LONG ? 20 : f == TY_INT ? 10 : f == TY_SHORT ? 5 : 3;
        return to->precision - to->scale >= need;
    }
    if (f == TY_DECIMAL && t == TY_DECIMAL)
        return to->scale >= from->scale &&
               to->precision - to->scale >= from->precision - from->scale;
    return false;
}

/* Points every level of v at the (structurally equal) type t. */
static void io_retype(vec *v, const ty *t)
{
    v->type = t;
    switch (t->kind) {
    case TY_ARRAY:
        if (v->n_children > 0)
            io_retype(v->children[0], t->elem);
        break;
    case TY_MAP:
        if (v->n_children > 1) {
            io_retype(v->children[0], t->key);
            io_retype(v->children[1], t->value);
        }
        break;
    case TY_STRUCT:
        for (int i = 0; i < v->n_children && i < t->n_fields; i++)
            io_retype(v->children[i], t->fields[i].type);
        break;
    default:
        break;
    }
}

typedef struct io_pq_reader {
    const io_source *s;
    const io_file *f;
    io_buf buf;
    pq_file *pf;
    pq_reader *rd;
    int n_cols;
    int *file_col;   /* per requested data column: position in the reader batch, or -1 */
    const ty **want; /* per requested data column: the data schema type */
} io_pq_reader;

static int io_pq_mismatch(const io_pq_reader *r, const char *col, const ty *want, const ty *have,
                          em_error *err)
{
    char c[600], w[256], h[256];
    em_str x;
    em_str_init(&x, sizeof c - 1);
    em_str_printf(&x, "[%s]", col);
    memcpy(c, x.data ? x.data : "[]", x.len + 1 < sizeof c ? x.len + 1 : sizeof c);
    c[sizeof c - 1] = '\0';
    em_str_release(&x);
    em_str ws, hs;
    em_str_init(&ws, sizeof w - 1);
    em_str_init(&hs, sizeof h - 1);
    ty_simple_string(want, &ws);
    ty_simple_string(have, &hs);
    snprintf(w, sizeof w, "%s", ws.data ? ws.data : "");
    snprintf(h, sizeof h, "%s", hs.data ? hs.data : "");
    em_str_release(&ws);
    em_str_release(&hs);
    return em_error_set(err, "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH", "path",
                        r->f->uri, "column", c, "expectedType", w, "actualType", h, NULL);
}

/* Can the file's type be read as want (same shape, names matched, widenings allowed)? */
static bool io_pq_compatible(const io_source *s, const ty *have, const ty *want)
{
    if (ty_equals_ignore_nullability(have, want))
        return true;
    if (have->kind == TY_STRUCT && want->kind == TY_STRUCT)
        return true; /* matched field by field */
    if (have->kind == TY_ARRAY && want->kind == TY_ARRAY)
        return io_pq_compatible(s, have->elem, want->elem);
    if (have->kind == TY_MAP && want->kind == TY_MAP)
        return io_pq_compatible(s, have->key, want->key) &&
               io_pq_compatible(s, have->value, want->value);
    return io_pq_widening(have, want);
}

/* A new vector of type want from a file vector (consumes src). */
static vec *io_pq_conform(const io_pq_reader *r, vec *src, const ty *want, em_error *err)
{
    const ty *have = src->type;
    if (ty_equals_ignore_nullability(have, want)) {
        io_retype(src, want);
        return src;
    }
    int64_t n = src->len;
    if (have->kind == TY_STRUCT && want->kind == TY_STRUCT) {
        vec *o = vec_new(want, n);
        for (int i = 0; i < want->n_fields; i++) {
            int match = -1;
            for (int j = 0; j < have->n_fields; j++)
                if (io_name_match(r->s, want->fields[i].name, have->fields[j].name)) {
                    match = j;
                    break;
                }
            vec *c;
            if (match < 0 ||
                !io_pq_compatible(r->s, have->fields[match].type, want->fields[i].type)) {
                if (match >= 0) {
                    io_pq_mismatch(r, want->fields[i].name, want->fields[i].type,
                                   have->fields[match].type, err);
                    vec_release(o);
                    vec_release(src);
                    return NULL;
                }
                c = vec_new_nulls(want->fields[i].type, n);
            } else {
                c = io_pq_conform(r, vec_retain(src->children[match]), want->fields[i].type, err);
                if (!c) {
                    vec_release(o);
                    vec_release(src);
                    return NULL;
                }
            }
            vec_release(o->children[i]);
            o->children[i] = c;
        }
        o->len = n;
        for (int64_t i = 0; i < n; i++)
            if (vec_is_null(src, i))
                vec_set_null(o, i);
        vec_release(src);
        return o;
    }
    if ((have->kind == TY_ARRAY && want->kind == TY_ARRAY) ||
        (have->kind == TY_MAP && want->kind == TY_MAP)) {
        vec *o = vec_new(want, n);
        memcpy(o->offsets, src->offsets, sizeof(int32_t) * (size_t)(n + 1));
        if (have->kind == TY_ARRAY) {
            vec *c = io_pq_conform(r, vec_retain(src->children[0]), want->elem, err);
            if (!c) {
                vec_release(o);
                vec_release(src);
                return NULL;
            }
            vec_release(o->children[0]);
            o->children[0] = c;
        } else {
            vec *k = io_pq_conform(r, vec_retain(src->children[0]), want->key, err);
            vec *v = k ? io_pq_conform(r, vec_retain(src->children[1]), want->value, err) : NULL;
            if (!v) {
                vec_release(k);
                vec_release(o);
                vec_release(src);
                return NULL;
            }
            vec_release(o->children[0]);
            vec_release(o->children[1]);
            o->children[0] = k;
            o->children[1] = v;
        }
        o->len = n;
        for (int64_t i = 0; i < n; i++)
            if (vec_is_null(src, i))
                vec_set_null(o, i);
        vec_release(src);
        return o;
    }
    pl_session_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.time_zone = ty_tz_name(r->s->tz);
    vec *o = NULL;
    if (ty_cast_vec(src, want, PX_EVAL_LEGACY, &opts, &o, err)) {
        vec_release(src);
        return NULL;
    }
    vec_release(src);
    return o;
}

/* Opens file f for data columns cols, row groups rgs[0..n_rgs) (rgs NULL: all). */
static int io_pq_open_rgs(const io_source *s, const io_file *f, const int *rgs, int n_rgs,
                          const int *cols, int n_cols, int64_t batch_rows, io_reader **out,
                          em_error *err)
{
    *out = NULL;
    io_pq_reader *r = em_calloc(1, sizeof *r);
    r->s = s;
    r->f = f;
    if (io_pq_open_file(s, f, batch_rows, &r->buf, &r->pf, err)) {
        em_free(r);
        return err ? err->code : EM_EUSER;
    }
    const ty *fs = pq_file_schema(r->pf);
    r->n_cols = n_cols;
    r->file_col = em_calloc((size_t)n_cols + 1, sizeof(int));
    r->want = em_calloc((size_t)n_cols + 1, sizeof(ty *));
    int *proj = em_calloc((size_t)n_cols + 1, sizeof(int));
    int n_proj = 0;
    int rc = EM_OK;
    for (int i = 0; i < n_cols && rc == EM_OK; i++) {
        const ty_field *want = &s->data_schema->fields[cols[i]];
        r->want[i] = want->type;
        int match = -1, n_match = 0;
        for (int j = 0; j < fs->n_fields; j++)
            if (io_name_match(s, want->name, fs->fields[j].name)) {
                if (match < 0)
                    match = j;
                n_match++;
            }
        if (n_match > 1) {
            rc = em_error_set(err, "_LEGACY_ERROR_TEMP_2094", "requiredId", want->name,
                              "matchedFields", want->name, NULL);
            break;
        }
        if (match < 0) {
            r->file_col[i] = -1;
            continue;
        }
        if (!io_pq_compatible(s, fs->fields[match].type, want->type)) {
            rc = io_pq_mismatch(r, want->name, want->type, fs->fields[match].type, err);
            break;
        }
        r->file_col[i] = n_proj;
        proj[n_proj++] = match;
    }
    if (rc == EM_OK && rgs)
        for (int i = 0; i < n_rgs && rc == EM_OK; i++)
            if (rgs[i] < 0 || rgs[i] >= pq_file_num_row_groups(r->pf))
                rc = io_read_failed(f, "row group planned is not in the file any more", err);
    if (rc == EM_OK)
        rc = pq_reader_open(r->pf, proj, n_proj, rgs, rgs ? n_rgs : 0, &r->rd, err);
    em_free(proj);
    if (rc) {
        s->fmt->close((io_reader *)r);
        return err ? err->code : EM_EUSER;
    }
    *out = (io_reader *)r;
    return EM_OK;
}

static int io_pq_open(const io_source *s, const io_file *f, const int *cols, int n_cols,
                      int64_t batch_rows, io_reader **out, em_error *err)
{
    return io_pq_open_rgs(s, f, NULL, 0, cols, n_cols, batch_rows, out, err);
}

static int io_pq_open_piece(const io_source *s, const io_file *f, const io_piece *p,
                            const int *cols, int n_cols, int64_t batch_rows, io_reader **out,
                            em_error *err)
{
    if (p->n_rgs < 0)
        return io_pq_open_rgs(s, f, NULL, 0, cols, n_cols, batch_rows, out, err);
    return io_pq_open_rgs(s, f, p->rgs, p->n_rgs, cols, n_cols, batch_rows, out, err);
}

static int io_pq_next(io_reader *rd, vec_batch **out, em_error *err)
{
    io_pq_reader *r = (io_pq_reader *)rd;
    *out = NULL;
    vec_batch *b = NULL;
    if (pq_reader_next(r->rd, &b, err))
        return -1;
    if (!b)
        return 0;
    vec_batch *o = vec_batch_new(r->n_cols, b->n_rows);
    for (int i = 0; i < r->n_cols; i++) {
        int p = r->file_col[i];
        if (p < 0) {
            o->cols[i] = vec_new_nulls(r->want[i], b->n_rows);
            continue;
        }
        o->cols[i] = io_pq_conform(r, vec_retain(b->cols[p]), r->want[i], err);
        if (!o->cols[i]) {
            vec_batch_free(b);
            vec_batch_free(o);
            return -1;
        }
    }
    vec_batch_free(b);
    *out = o;
    return 1;
}

static void io_pq_close(io_reader *rd)
{
    io_pq_reader *r = (io_pq_reader *)rd;
    if (!r)
        return;
    pq_reader_close(r->rd);
    pq_file_close(r->pf);
    io_buf_close(&r->buf);
    em_free(r->file_col);
    em_free(r->want);
    em_free(r);
}

const io_format io_format_parquet = {
    .name = "parquet",
    .display = "Parquet",
    .prepare = io_pq_prepare,
    .infer = io_pq_infer,
    .supports = io_pq_supports,
    .check_schema = NULL,
    .open = io_pq_open,
    .next = io_pq_next,
    .close = io_pq_close,
    .splittable = NULL,
    .open_piece = io_pq_open_piece,
};

/* ---- row-group pruning (source_plan.c) -------------------------------------------------- */

/* The file column matching data column name: its index, -1 when absent, -2 when ambiguous. */
static int io_pq_match_column(const io_source *s, const ty *fs, const char *name)
{
    int match = -1;
    for (int j = 0; j < fs->n_fields; j++)
        if (io_name_match(s, name, fs->fields[j].name)) {
            if (match >= 0)
                return -2;
            match = j;
        }
    return match;
}

/* Bounds of leaf `leaf` in row group rg as the compared type, or NULL when unknown. */
static vec *io_pq_rg_bounds(const io_source *s, pq_file *pf, int leaf, const pq_stats *st,
                            const ty *col_type, const ty *cmp_type)
{
    if (!st->has_min_max)
        return NULL;
    pq_value lo, hi;
    em_error e;
    em_error_clear(&e);
    if (pq_stats_decode(pf, leaf, st->min, st->min_len, &lo, &e) ||
        pq_stats_decode(pf, leaf, st->max, st->max_len, &hi, &e)) {
        em_error_clear(&e);
        return NULL;
    }
    const ty *lt = pq_file_leaf(pf, leaf)->type;
    vec *b;
    if (lt->kind == TY_STRING || lt->kind == TY_BINARY) {
        io_prune_bytes bl = {lo.v.bytes.ptr, lo.v.bytes.len};
        io_prune_bytes bh = {hi.v.bytes.ptr, hi.v.bytes.len};
        b = io_prune_bounds_new(lt, &bl, &bh);
    } else if (lt->kind == TY_FLOAT || lt->kind == TY_DOUBLE) {
        b = io_prune_bounds_new(lt, &lo.v.f64, &hi.v.f64);
    } else if (lt->kind == TY_DECIMAL) {
        b = io_prune_bounds_new(lt, &lo.v.dec, &hi.v.dec);
    } else {
        b = io_prune_bounds_new(lt, &lo.v.i64, &hi.v.i64);
    }
    return io_prune_to_compared(s, b, col_type, cmp_type);
}

int io_pq_plan_file(const io_source *s, const io_file *f, const io_pred *preds, int n_preds,
                    bool **keep_out, int64_t **rows_out, em_error *err)
{
    *keep_out = NULL;
    *rows_out = NULL;
    io_buf b;
    pq_file *pf;
    if (io_pq_open_file(s, f, 0, &b, &pf, err))
        return -1;
    int n = pq_file_num_row_groups(pf);
    bool *keep = em_calloc((size_t)n + 1, sizeof(bool));
    int64_t *rows = em_calloc((size_t)n + 1, sizeof(int64_t));
    for (int rg = 0; rg < n; rg++) {
        keep[rg] = true;
        rows[rg] = pq_file_row_group_num_rows(pf, rg);
    }
    const ty *fs = pq_file_schema(pf);
    for (int i = 0; i < n_preds; i++) {
        const io_pred *pr = &preds[i];
        const ty *ct, *t;
        if (!io_prune_pred_usable(s, pr, &ct, &t))
            continue;
        int dc = s->col_map[pr->col];
        if (dc < 0 || !ty_equals_ignore_nullability(s->data_schema->fields[dc].type, ct))
            continue;
        int j = io_pq_match_column(s, fs, s->data_schema->fields[dc].name);
        if (j == -2)
            continue;
        if (j == -1) { /* the column reads as NULL in every row */
            if (!io_prune_may_match(pr, NULL, true, false, false))
                for (int rg = 0; rg < n; rg++)
                    keep[rg] = false;
            continue;
        }
        int leaf, n_leaves;
        pq_file_column_leaves(pf, j, &leaf, &n_leaves);
        if (n_leaves != 1)
            continue;
        const pq_leaf_info *li = pq_file_leaf(pf, leaf);
        if (li->max_rep != 0 || !ty_equals_ignore_nullability(li->type, fs->fields[j].type) ||
            !io_pq_compatible(s, li->type, ct))
            continue;
        bool nan_hidden = li->type->kind == TY_FLOAT || li->type->kind == TY_DOUBLE;
        for (int rg = 0; rg < n; rg++) {
            if (!keep[rg] || rows[rg] <= 0)
                continue;
            pq_stats st;
            em_error e;
            em_error_clear(&e);
            if (pq_file_column_stats(pf, rg, leaf, &st, &e)) {
                em_error_clear(&e);
                continue;
            }
            bool all_null = st.has_null_count && st.null_count >= rows[rg];
            bool no_null = st.has_null_count && st.null_count == 0;
            vec *bounds = all_null ? NULL : io_pq_rg_bounds(s, pf, leaf, &st, ct, t);
            if (!io_prune_may_match(pr, bounds, all_null, no_null, nan_hidden))
                keep[rg] = false;
            vec_release(bounds);
        }
    }
    pq_file_close(pf);
    io_buf_close(&b);
    (void)err;
    *keep_out = keep;
    *rows_out = rows;
    return n;
}
