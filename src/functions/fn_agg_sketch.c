/*
 * fn_agg_sketch: summary aggregates whose bytes / bins must equal Spark's.
 *
 * count_min_sketch(col, eps, confidence, seed), Spark's CountMinSketchAgg over
 * its CountMinSketchImpl, byte for byte: width = ceil(2 / eps), depth =
 * ceil(-log1p(-confidence) / ln 2); the per-row hash multipliers come from
 * java.util.Random(seed).nextInt(Integer.MAX_VALUE); integral items hash as
 * ((a * x) folded mod 2^31 - 1) % width, strings and binaries through Spark's (legacy)
 * Murmur3_x86_32.hashUnsafeBytes double hashing. The result is the sketch serialized as
 * CountMinSketch.writeTo does (big-endian: version 1, total count, depth, width, the
 * multipliers, then the table row by row); never NULL (an empty group gives a zero sketch).
 *
 * Arguments follow ExpectsInputTypes (no implicit casts): the column is integral, string or
 * binary; eps and confidence are constant doubles; the seed a constant int or bigint.
 * The state owns a lazily allocated table (depth * width counters); merge adds tables.
 *
 * histogram_numeric(col, nb), Spark's HistogramNumeric over its NumericHistogram (Ben-Haim and
 * Tom-Tov): at most nb bins sorted by x; a new value joins an equal bin or is inserted, and the
 * two closest bins are merged (weighted mean) while there are too many, ties broken by the
 * histogram's own java.util.Random(31183).nextDouble(). The result is
 * array<struct<x: T, y: double>> with x in the column's type (the default
 * spark.sql.legacy.histogramNumericPropagateInputType = true); NULL when no value was seen.
 *
 * bitmap_construct_agg(position) / bitmap_or_agg(bitmap) / bitmap_and_agg(bitmap): Spark's 4096
 * byte bitmaps (BitmapExpressionUtils.NUM_BYTES), held inline in the state; positions outside
 * [0, 32768) raise INVALID_BITMAP_POSITION; OR / AND combine the common prefix of the inputs
 * and AND clears the bytes an input lacks. Never NULL.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn_agg_int.h"
#include "types/ty_cast.h"

/* Largest table accepted (counters); Spark would attempt any size and run out of memory. */
#define FN_AGG_CMS_MAX_CELLS ((int64_t)1 << 26)

typedef struct fn_agg_cms_info {
    int32_t depth, width;
    int64_t *hash_a; /* depth multipliers */
} fn_agg_cms_info;

typedef struct fn_agg_cms_state {
    int64_t total;
    int64_t *table; /* depth * width, NULL until the first row */
} fn_agg_cms_state;

/* ---- java.util.Random ---------------------------------------------------------------------- */

static int32_t fn_agg_jrandom_next(uint64_t *seed, int bits)
{
    *seed = (*seed * 0x5DEECE66DULL + 0xBULL) & ((1ULL << 48) - 1);
    return (int32_t)(int64_t)(*seed >> (48 - bits));
}

/* Random.nextInt(bound) for a bound that is not a power of two. */
static int32_t fn_agg_jrandom_next_int(uint64_t *seed, int32_t bound)
{
    int32_t r = fn_agg_jrandom_next(seed, 31);
    int32_t m = bound - 1;
    for (int32_t u = r;; u = fn_agg_jrandom_next(seed, 31)) {
        r = u % bound;
        /* u - r + m < 0 in Java's wrapping int arithmetic */
        if ((int32_t)((uint32_t)u - (uint32_t)r + (uint32_t)m) >= 0)
            break;
    }
    return r;
}

/* ---- binding ------------------------------------------------------------------------------ */

static int fn_agg_cms_type_err(const pl_expr *call, int i, const char *required, em_error *err)
{
    return fn_err_unexpected_input(call, i, required, err);
}

static int fn_agg_cms_double(const pl_expr *call, int i, const char *name,
                             const pl_session_opts *opts, double *out, em_error *err)
{
    vec *v = NULL;
    int rc = fn_agg_fold(call->args[i], opts, &v, err);
    if (rc < 0)
        return err->code;
    char id[32];
    snprintf(id, sizeof id, "`%s`", name);
    if (rc == 0)
        return fn_agg_err_non_foldable(call, i, id, err);
    bool null = v->type->kind == TY_NULL || vec_is_null(v, 0);
    if (!null)
        *out = fn_agg_double_at(v, 0);
    vec_release(v);
    return null ? fn_agg_err_unexpected_null(call, name, err) : EM_OK;
}

static int fn_agg_cms_range_err(const pl_expr *call, const char *name, const char *range,
                                double value, em_error *err)
{
    em_str cur;
    em_str_init(&cur, 256);
    vec *d = vec_new(ty_double(), 1);
    VEC_VALUES(d, double)[0] = value;
    d->len = 1;
    ty_sql_value_append(d, 0, NULL, &cur);
    vec_release(d);
    int rc = fn_agg_err_value_range(call, name, range, cur.data ? cur.data : "", err);
    em_str_release(&cur);
    return rc;
}

static int fn_agg_cms_bind(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    (void)def;
    if (fn_check_arity(call, 4, 4, "4", err))
        return err->code;
    const ty *ct = call->args[0]->type;
    if (!(ty_is_integral(ct) || ct->kind == TY_STRING || ct->kind == TY_BINARY))
        return fn_agg_cms_type_err(call, 0, "(\"INTEGRAL\" or \"STRING\" or \"BINARY\")", err);
    for (int i = 1; i <= 2; i++)
        if (call->args[i]->type->kind != TY_DOUBLE)
            return fn_agg_cms_type_err(call, i, "\"DOUBLE\"", err);
    ty_kind sk = call->args[3]->type->kind;
    if (sk != TY_INT && sk != TY_LONG)
        return fn_agg_cms_type_err(call, 3, "(\"INT\" or \"BIGINT\")", err);
    /* foldable checks come before the NULL checks, in argument order */
    for (int i = 1; i <= 3; i++) {
        static const char *const ids[] = {"", "`eps`", "`confidence`", "`seed`"};
        vec *v = NULL;
        int rc = fn_agg_fold(call->args[i], opts, &v, err);
        vec_release(v);
        if (rc < 0)
            return err->code;
        if (rc == 0)
            return fn_agg_err_non_foldable(call, i, ids[i], err);
    }
    double eps = 0, confidence = 0;
    if (fn_agg_cms_double(call, 1, "eps", opts, &eps, err) ||
        fn_agg_cms_double(call, 2, "confidence", opts, &confidence, err))
        return err->code;
    vec *sv = NULL;
    if (fn_agg_fold(call->args[3], opts, &sv, err) < 0)
        return err->code;
    bool seed_null = !sv || sv->type->kind == TY_NULL || vec_is_null(sv, 0);
    int32_t seed = seed_null ? 0 : (int32_t)fn_agg_long_at(sv, 0); /* Long.toInt */
    vec_release(sv);
    if (seed_null)
        return fn_agg_err_unexpected_null(call, "seed", err);
    if (eps <= 0.0)
        return fn_agg_cms_range_err(call, "eps", "(0.0, 1.7976931348623157E308]", eps, err);
    if (confidence <= 0.0 || confidence >= 1.0)
        return fn_agg_cms_range_err(call, "confidence", "(0.0, 1.0]", confidence, err);
    double w = ceil(2 / eps), dp = ceil(-log1p(-confidence) / log(2));
    if (!(w >= 1 && dp >= 1 && w * dp <= (double)FN_AGG_CMS_MAX_CELLS))
        return em_error_internal(err, "count_min_sketch of %.0f x %.0f counters is too large", dp,
                                 w);
    fn_agg_cms_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->width = (int32_t)w;
    info->depth = (int32_t)dp;
    info->hash_a = em_arena_calloc(a, (size_t)info->depth, sizeof *info->hash_a);
    uint64_t rs = ((uint64_t)(int64_t)seed ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1);
    for (int32_t i = 0; i < info->depth; i++)
        info->hash_a[i] = fn_agg_jrandom_next_int(&rs, INT32_MAX);
    call->fn_state = info;
    call->type = ty_binary();
    call->nullable = false;
    return EM_OK;
}

/* ---- execution ---------------------------------------------------------------------------- */

static int64_t fn_agg_cms_state_size(const pl_expr *call)
{
    (void)call;
    return (int64_t)sizeof(fn_agg_cms_state);
}

static void fn_agg_cms_init(const pl_expr *call, void *state)
{
    memset(state, 0, sizeof(fn_agg_cms_state));
    (void)call;
}

static void fn_agg_cms_destroy(const pl_expr *call, void *state)
{
    fn_agg_cms_state *st = state;
    em_free(st->table);
    st->table = NULL;
    (void)call;
}

static int64_t *fn_agg_cms_table(const fn_agg_cms_info *info, fn_agg_cms_state *st)
{
    if (!st->table)
        st->table = em_calloc((size_t)info->depth * (size_t)info->width, sizeof *st->table);
    return st->table;
}

/* CountMinSketchImpl.hash(item, i) for integral items. */
static int32_t fn_agg_cms_long_bucket(const fn_agg_cms_info *info, int64_t item, int i)
{
    int64_t h = (int64_t)((uint64_t)info->hash_a[i] * (uint64_t)item);
    h += h >> 32;
    h &= ((int64_t)1 << 31) - 1;
    return (int32_t)h % info->width;
}

static void fn_agg_cms_add(const fn_agg_cms_info *info, fn_agg_cms_state *st, const vec *v,
                           int64_t r)
{
    int64_t *table = fn_agg_cms_table(info, st);
    if (ty_is_integral(v->type)) {
        int64_t item = fn_agg_long_at(v, r);
        for (int i = 0; i < info->depth; i++)
            table[(int64_t)i * info->width + fn_agg_cms_long_bucket(info, item, i)] += 1;
    } else {
        int32_t len;
        const unsigned char *b = (const unsigned char *)vec_str(v, r, &len);
        int32_t h1 = fn_agg_murmur3_bytes(b, len, 0);
        int32_t h2 = fn_agg_murmur3_bytes(b, len, h1);
        for (int i = 0; i < info->depth; i++) {
            int32_t combined = (int32_t)((uint32_t)h1 + (uint32_t)i * (uint32_t)h2);
            int32_t bucket = combined % info->width;
            if (bucket < 0)
                bucket = -bucket;
            table[(int64_t)i * info->width + bucket] += 1;
        }
    }
    st->total += 1;
}

static int fn_agg_cms_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                             fn_ctx *ctx, em_error *err)
{
    const fn_agg_cms_info *info = call->fn_state;
    const vec *v = args[0];
    for (int64_t r = 0; r < n; r++)
        if (states[r] && !fn_is_null(v, r))
            fn_agg_cms_add(info, states[r], v, r);
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_agg_cms_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx,
                            em_error *err)
{
    const fn_agg_cms_info *info = call->fn_state;
    fn_agg_cms_state *d = dst;
    const fn_agg_cms_state *s = src;
    if (s->table) {
        int64_t *t = fn_agg_cms_table(info, d);
        int64_t cells = (int64_t)info->depth * info->width;
        for (int64_t k = 0; k < cells; k++)
            t[k] += s->table[k];
    }
    d->total += s->total;
    (void)ctx;
    (void)err;
    return EM_OK;
}

static void fn_agg_cms_be(unsigned char *p, uint64_t v, int bytes)
{
    for (int k = bytes - 1; k >= 0; k--, v >>= 8)
        p[k] = (unsigned char)v;
}

static int fn_agg_cms_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                            em_error *err)
{
    const fn_agg_cms_info *info = call->fn_state;
    const fn_agg_cms_state *st = state;
    int64_t cells = (int64_t)info->depth * info->width;
    size_t size = 4 + 8 + 4 + 4 + (size_t)info->depth * 8 + (size_t)cells * 8;
    unsigned char *buf = em_malloc(size);
    unsigned char *p = buf;
    fn_agg_cms_be(p, 1, 4); /* Version.V1 */
    p += 4;
    fn_agg_cms_be(p, (uint64_t)st->total, 8);
    p += 8;
    fn_agg_cms_be(p, (uint64_t)info->depth, 4);
    p += 4;
    fn_agg_cms_be(p, (uint64_t)info->width, 4);
    p += 4;
    for (int i = 0; i < info->depth; i++, p += 8)
        fn_agg_cms_be(p, (uint64_t)info->hash_a[i], 8);
    for (int64_t k = 0; k < cells; k++, p += 8)
        fn_agg_cms_be(p, st->table ? (uint64_t)st->table[k] : 0, 8);
    int rc = vec_append_str(out, (const char *)buf, (int64_t)size, err);
    em_free(buf);
    (void)ctx;
    return rc;
}

static const fn_agg_ops fn_agg_cms_ops = {
    .state_size = fn_agg_cms_state_size,
    .init = fn_agg_cms_init,
    .update = fn_agg_cms_update,
    .merge = fn_agg_cms_merge,
    .final = fn_agg_cms_final,
    .destroy = fn_agg_cms_destroy,
};

/* ---- histogram_numeric ------------------------------------------------------------------- */

typedef struct fn_agg_hist_bin {
    double x, y;
} fn_agg_hist_bin;

typedef struct fn_agg_hist {
    int32_t nbins, used;
    fn_agg_hist_bin *bins; /* nbins + 1 slots */
    uint64_t rng;          /* java.util.Random state */
} fn_agg_hist;

typedef struct fn_agg_hist_state {
    fn_agg_hist *h; /* NULL until the first value */
} fn_agg_hist_state;

static void fn_agg_hist_rng_init(fn_agg_hist *h)
{
    h->rng = (31183ULL ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1);
}

/* Random.nextDouble */
static double fn_agg_hist_next_double(fn_agg_hist *h)
{
    int64_t hi = (int64_t)(uint32_t)fn_agg_jrandom_next(&h->rng, 26);
    int64_t lo = (int64_t)(uint32_t)fn_agg_jrandom_next(&h->rng, 27);
    return (double)((hi << 27) + lo) * 0x1.0p-53;
}

static fn_agg_hist *fn_agg_hist_new(int32_t nbins)
{
    fn_agg_hist *h = em_calloc(1, sizeof *h);
    h->nbins = nbins;
    h->bins = em_calloc((size_t)nbins + 1, sizeof *h->bins);
    fn_agg_hist_rng_init(h);
    return h;
}

static void fn_agg_hist_free(fn_agg_hist *h)
{
    if (!h)
        return;
    em_free(h->bins);
    em_free(h);
}

/* NumericHistogram.trim over bins[0, used) (used may exceed nbins by the caller's count). */
static void fn_agg_hist_trim(fn_agg_hist *h)
{
    while (h->used > h->nbins) {
        fn_agg_hist_bin *b = h->bins;
        double smallest = b[1].x - b[0].x;
        int32_t loc = 0, count = 1;
        for (int32_t i = 1; i < h->used - 1; i++) {
            double diff = b[i + 1].x - b[i].x;
            if (diff < smallest) {
                smallest = diff;
                loc = i;
                count = 1;
            } else if (diff == smallest && fn_agg_hist_next_double(h) <= 1.0 / ++count) {
                loc = i;
            }
        }
        double d = b[loc].y + b[loc + 1].y;
        b[loc].x *= b[loc].y / d;
        b[loc].x += b[loc + 1].x / d * b[loc + 1].y;
        b[loc].y = d;
        memmove(&b[loc + 1], &b[loc + 2], (size_t)(h->used - loc - 2) * sizeof *b);
        h->used--;
    }
}

static void fn_agg_hist_add(fn_agg_hist *h, double v)
{
    int32_t bin = 0;
    for (int32_t l = 0, r = h->used; l < r;) {
        bin = (l + r) / 2;
        if (h->bins[bin].x > v) {
            r = bin;
        } else if (h->bins[bin].x < v) {
            l = ++bin;
        } else {
            break;
        }
    }
    if (bin < h->used && h->bins[bin].x == v) {
        h->bins[bin].y++;
        return;
    }
    memmove(&h->bins[bin + 1], &h->bins[bin], (size_t)(h->used - bin) * sizeof *h->bins);
    h->bins[bin] = (fn_agg_hist_bin){v, 1};
    if (++h->used > h->nbins)
        fn_agg_hist_trim(h);
}

/* Double.compare on x; a stable sort (Collections.sort) of the merged bins. */
static int fn_agg_hist_cmp(const fn_agg_hist_bin *a, const fn_agg_hist_bin *b)
{
    if (a->x < b->x)
        return -1;
    if (a->x > b->x)
        return 1;
    int64_t x, y;
    double ax = a->x != a->x ? NAN : a->x, bx = b->x != b->x ? NAN : b->x;
    memcpy(&x, &ax, sizeof x);
    memcpy(&y, &bx, sizeof y);
    return x == y ? 0 : (x < y ? -1 : 1);
}

static void fn_agg_hist_merge_into(fn_agg_hist *d, const fn_agg_hist *s)
{
    if (d->used == 0) {
        memcpy(d->bins, s->bins, (size_t)s->used * sizeof *d->bins);
        d->used = s->used;
        return;
    }
    int32_t n = d->used + s->used;
    fn_agg_hist_bin *all = em_malloc((size_t)n * sizeof *all);
    memcpy(all, d->bins, (size_t)d->used * sizeof *all);
    memcpy(all + d->used, s->bins, (size_t)s->used * sizeof *all);
    /* insertion sort keeps equal keys in order, as TimSort does; n <= 2 * nbins */
    for (int32_t i = 1; i < n; i++) {
        fn_agg_hist_bin key = all[i];
        int32_t j = i - 1;
        while (j >= 0 && fn_agg_hist_cmp(&all[j], &key) > 0) {
            all[j + 1] = all[j];
            j--;
        }
        all[j + 1] = key;
    }
    em_free(d->bins);
    d->bins = all;
    d->used = n;
    fn_agg_hist_trim(d);
    fn_agg_hist_bin *fit = em_calloc((size_t)d->nbins + 1, sizeof *fit);
    memcpy(fit, d->bins, (size_t)d->used * sizeof *fit);
    em_free(d->bins);
    d->bins = fit;
}

static int fn_agg_hist_bind(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    (void)def;
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    const ty *t = call->args[0]->type;
    bool ok_t = ty_is_numeric(t) || t->kind == TY_DATE || t->kind == TY_TIMESTAMP ||
                t->kind == TY_TIMESTAMP_NTZ || t->kind == TY_YEARMONTH_INTERVAL ||
                t->kind == TY_DAYTIME_INTERVAL;
    if (!ok_t && (t->kind == TY_NULL || ty_is_string(t))) {
        fn_cast_arg(a, call, 0, ty_double());
        ok_t = true;
    }
    if (!ok_t)
        return fn_err_unexpected_input(call, 0,
                                       "(\"NUMERIC\" or \"DATE\" or \"TIMESTAMP\" or "
                                       "\"TIMESTAMP_NTZ\" or \"INTERVAL YEAR TO MONTH\" or "
                                       "\"INTERVAL DAY TO SECOND\")",
                                       err);
    const ty *nt = call->args[1]->type;
    if (nt->kind != TY_INT) {
        if (ty_is_numeric(nt) || nt->kind == TY_NULL || ty_is_string(nt))
            fn_cast_arg(a, call, 1, ty_int());
        else
            return fn_err_unexpected_input(call, 1, "\"INT\"", err);
    }
    vec *v = NULL;
    int rc = fn_agg_fold(call->args[1], opts, &v, err);
    if (rc < 0)
        return err->code;
    if (rc == 0)
        return fn_agg_err_non_foldable(call, 1, "`nb`", err);
    bool null = v->type->kind == TY_NULL || vec_is_null(v, 0);
    int32_t nb = null ? 0 : VEC_VALUES(v, int32_t)[0];
    vec_release(v);
    if (null)
        return fn_agg_err_unexpected_null(call, "nb", err);
    if (nb < 2) {
        char cur[16];
        snprintf(cur, sizeof cur, "%d", nb);
        return fn_agg_err_value_range(call, "nb", "[2, 2147483647]", cur, err);
    }
    if (nb > (1 << 24))
        return em_error_internal(err, "histogram_numeric with %d bins is too large", nb);
    int32_t *info = em_arena_calloc(a, 1, sizeof *info);
    *info = nb;
    ty_field f[2] = {{.name = "x", .type = call->args[0]->type, .nullable = true},
                     {.name = "y", .type = ty_double(), .nullable = true}};
    call->type = ty_array(a, ty_struct(a, 2, f), true);
    call->nullable = true;
    call->fn_state = info;
    return EM_OK;
}

static int64_t fn_agg_hist_state_size(const pl_expr *call)
{
    (void)call;
    return (int64_t)sizeof(fn_agg_hist_state);
}

static void fn_agg_hist_init(const pl_expr *call, void *state)
{
    memset(state, 0, sizeof(fn_agg_hist_state));
    (void)call;
}

static void fn_agg_hist_destroy(const pl_expr *call, void *state)
{
    fn_agg_hist_state *st = state;
    fn_agg_hist_free(st->h);
    st->h = NULL;
    (void)call;
}

/* The value as HistogramNumeric.update reads it (Number.doubleValue / Decimal.toDouble). */
static double fn_agg_hist_value(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return (double)VEC_VALUES(v, int32_t)[r];
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        return (double)VEC_VALUES(v, int64_t)[r];
    default:
        return fn_agg_double_at(v, r);
    }
}

static int fn_agg_hist_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                              fn_ctx *ctx, em_error *err)
{
    const int32_t *nb = call->fn_state;
    const vec *v = args[0];
    for (int64_t r = 0; r < n; r++) {
        fn_agg_hist_state *st = states[r];
        if (!st || fn_is_null(v, r))
            continue;
        if (!st->h)
            st->h = fn_agg_hist_new(*nb);
        fn_agg_hist_add(st->h, fn_agg_hist_value(v, r));
    }
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_agg_hist_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx,
                             em_error *err)
{
    const int32_t *nb = call->fn_state;
    fn_agg_hist_state *d = dst;
    const fn_agg_hist_state *s = src;
    if (s->h && s->h->used) {
        if (!d->h)
            d->h = fn_agg_hist_new(*nb);
        fn_agg_hist_merge_into(d->h, s->h);
    }
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* One x of the column's type from the bin center (HistogramNumeric.eval, propagateInputType). */
static void fn_agg_hist_put_x(vec *xv, double x)
{
    switch (xv->type->kind) {
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL: {
        /* Double.toInt (saturating), then toByte / toShort narrow */
        int32_t i = x != x               ? 0
                    : x >= 2147483647.0  ? INT32_MAX
                    : x <= -2147483648.0 ? INT32_MIN
                                         : (int32_t)x;
        fn_agg_put_integral(xv, i);
        return;
    }
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL: {
        int64_t l = x != x                        ? 0
                    : x >= 9223372036854775807.0  ? INT64_MAX
                    : x <= -9223372036854775808.0 ? INT64_MIN
                                                  : (int64_t)x;
        fn_agg_put_long(xv, l);
        return;
    }
    case TY_FLOAT: {
        float f = (float)x;
        fn_agg_put_fixed(xv, &f);
        return;
    }
    case TY_DECIMAL: {
        ty_i128 z;
        if (ty_dec_from_double(x, xv->type->precision, xv->type->scale, &z))
            fn_agg_put_fixed(xv, &z);
        else
            vec_append_null(xv);
        return;
    }
    default:
        fn_agg_put_double(xv, x);
        return;
    }
}

static int fn_agg_hist_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                             em_error *err)
{
    const fn_agg_hist_state *st = state;
    (void)ctx;
    (void)err;
    /* Spark's final phase copies the partial histogram into an empty buffer */
    if (!st->h || st->h->used < 1) {
        vec_append_null(out);
        return EM_OK;
    }
    vec *structs = out->children[0];
    for (int32_t b = 0; b < st->h->used; b++) {
        fn_agg_hist_put_x(structs->children[0], st->h->bins[b].x);
        fn_agg_put_double(structs->children[1], st->h->bins[b].y);
        vec_reserve(structs, structs->len + 1);
        vec_set_valid(structs, structs->len);
        structs->len++;
    }
    vec_reserve(out, out->len + 1);
    out->offsets[out->len + 1] = (int32_t)structs->len;
    vec_set_valid(out, out->len);
    out->len++;
    (void)call;
    return EM_OK;
}

static const fn_agg_ops fn_agg_hist_ops = {
    .state_size = fn_agg_hist_state_size,
    .init = fn_agg_hist_init,
    .update = fn_agg_hist_update,
    .merge = fn_agg_hist_merge,
    .final = fn_agg_hist_final,
    .destroy = fn_agg_hist_destroy,
};

/* ---- bitmaps -------------------------------------------------------------------------------- */

#define FN_AGG_BITMAP_BYTES 4096

typedef enum fn_agg_bitmap_kind {
    FN_AGG_BITMAP_CONSTRUCT,
    FN_AGG_BITMAP_OR,
    FN_AGG_BITMAP_AND
} fn_agg_bitmap_kind;

static int fn_agg_bitmap_bind(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    fn_agg_bitmap_kind *kind = em_arena_calloc(a, 1, sizeof *kind);
    if (strcmp(def->name, "bitmap_construct_agg") == 0) {
        *kind = FN_AGG_BITMAP_CONSTRUCT;
        if (fn_agg_expect_arg(a, call, 0, FN_AGG_EXPECT_BIGINT, opts && opts->ansi, err))
            return err->code;
    } else {
        *kind = strcmp(def->name, "bitmap_or_agg") == 0 ? FN_AGG_BITMAP_OR : FN_AGG_BITMAP_AND;
        if (call->args[0]->type->kind != TY_BINARY)
            return fn_err_unexpected_input(call, 0, "\"BINARY\"", err);
    }
    call->fn_state = kind;
    call->type = ty_binary();
    call->nullable = false;
    return EM_OK;
}

static int64_t fn_agg_bitmap_state_size(const pl_expr *call)
{
    (void)call;
    return FN_AGG_BITMAP_BYTES;
}

static void fn_agg_bitmap_init(const pl_expr *call, void *state)
{
    const fn_agg_bitmap_kind *kind = call->fn_state;
    memset(state, *kind == FN_AGG_BITMAP_AND ? 0xff : 0, FN_AGG_BITMAP_BYTES);
}

static void fn_agg_bitmap_combine(fn_agg_bitmap_kind kind, unsigned char *bm,
                                  const unsigned char *in, int64_t len)
{
    int64_t common = len < FN_AGG_BITMAP_BYTES ? len : FN_AGG_BITMAP_BYTES;
    for (int64_t k = 0; k < common; k++)
        bm[k] = kind == FN_AGG_BITMAP_AND ? (unsigned char)(bm[k] & in[k])
                                          : (unsigned char)(bm[k] | in[k]);
    if (kind == FN_AGG_BITMAP_AND)
        for (int64_t k = common; k < FN_AGG_BITMAP_BYTES; k++)
            bm[k] = 0;
}

static int fn_agg_bitmap_update(const pl_expr *call, void *const *states, vec *const *args,
                                int64_t n, fn_ctx *ctx, em_error *err)
{
    const fn_agg_bitmap_kind *kind = call->fn_state;
    const vec *v = args[0];
    for (int64_t r = 0; r < n; r++) {
        unsigned char *bm = states[r];
        if (!bm || fn_is_null(v, r))
            continue;
        if (*kind != FN_AGG_BITMAP_CONSTRUCT) {
            int32_t len;
            const char *p = vec_str(v, r, &len);
            fn_agg_bitmap_combine(*kind, bm, (const unsigned char *)p, len);
            continue;
        }
        int64_t pos = VEC_VALUES(v, int64_t)[r];
        if (pos < 0 || pos >= 8 * FN_AGG_BITMAP_BYTES) {
            char ps[32], nb[16], nbits[16];
            snprintf(ps, sizeof ps, "%" PRId64, pos);
            snprintf(nb, sizeof nb, "%d", FN_AGG_BITMAP_BYTES);
            snprintf(nbits, sizeof nbits, "%d", 8 * FN_AGG_BITMAP_BYTES);
            return em_error_set(err, "INVALID_BITMAP_POSITION", "bitPosition", ps, "bitmapNumBytes",
                                nb, "bitmapNumBits", nbits, NULL);
        }
        bm[pos / 8] |= (unsigned char)(1u << (pos % 8));
    }
    (void)ctx;
    return EM_OK;
}

static int fn_agg_bitmap_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx,
                               em_error *err)
{
    const fn_agg_bitmap_kind *kind = call->fn_state;
    fn_agg_bitmap_combine(*kind == FN_AGG_BITMAP_AND ? FN_AGG_BITMAP_AND : FN_AGG_BITMAP_OR, dst,
                          src, FN_AGG_BITMAP_BYTES);
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_agg_bitmap_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                               em_error *err)
{
    (void)call;
    (void)ctx;
    return vec_append_str(out, state, FN_AGG_BITMAP_BYTES, err);
}

static const fn_agg_ops fn_agg_bitmap_ops = {
    .state_size = fn_agg_bitmap_state_size,
    .init = fn_agg_bitmap_init,
    .update = fn_agg_bitmap_update,
    .merge = fn_agg_bitmap_merge,
    .final = fn_agg_bitmap_final,
    .destroy = NULL,
};

#define FN_AGG_BITMAP(nm)                                                                          \
    {                                                                                              \
        .name = nm, .kind = FN_AGGREGATE, .min_args = 1, .max_args = 1,                            \
        .bind = fn_agg_bitmap_bind, .agg = &fn_agg_bitmap_ops, .deterministic = true               \
    }

const fn_def fn_agg_sketch_defs[] = {
    {.name = "count_min_sketch",
     .kind = FN_AGGREGATE,
     .min_args = 4,
     .max_args = 4,
     .bind = fn_agg_cms_bind,
     .agg = &fn_agg_cms_ops,
     .deterministic = true},
    {.name = "histogram_numeric",
     .kind = FN_AGGREGATE,
     .min_args = 2,
     .max_args = 2,
     .bind = fn_agg_hist_bind,
     .agg = &fn_agg_hist_ops,
     .deterministic = true},
    FN_AGG_BITMAP("bitmap_construct_agg"),
    FN_AGG_BITMAP("bitmap_or_agg"),
    FN_AGG_BITMAP("bitmap_and_agg"),
};
const int fn_agg_sketch_n_defs = (int)(sizeof fn_agg_sketch_defs / sizeof fn_agg_sketch_defs[0]);
