/*
 * fn_agg_pct: percentiles. percentile(col, percentage[, frequency]) and median(col) compute
 * exact percentiles with linear interpolation (Spark's Percentile / Median); percentile_approx
 * / approx_percentile(col, percentage[, accuracy]) use the Greenwald-Khanna summary exactly as
 * Spark's QuantileSummaries does (head buffer of 50000 values, compression threshold 10000,
 * relative error 1 / accuracy, default accuracy 10000), so results are the same values Spark
 * picks, not merely within the error bound.
 *
 * Types: percentile / median accept numeric and ANSI interval columns (strings are cast to
 * double) and return double (intervals keep an interval result); percentile_approx also
 * accepts dates and timestamps and returns the column's type. An array percentage returns an
 * array of results. Percentages must be constant and in [0, 1]; accuracy must be constant and
 * in (0, 2147483647]; missing defaults (frequency 1, accuracy 10000) are appended at bind time
 * and show in the generated name, as in Spark.
 *
 * States hold a value set of doubles with counts (exact) or a summary (approximate), owned by
 * the state and freed by destroy. final works on copies, so it can run more than once (window
 * frames). percentile_cont / percentile_disc need WITHIN GROUP, which the SQL parser does not
 * produce yet.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_agg_int.h"
#include "types/ty_cast.h"

typedef enum fn_agg_pct_kind {
    FN_AGG_PCT_EXACT,
    FN_AGG_PCT_MEDIAN,
    FN_AGG_PCT_APPROX
} fn_agg_pct_kind;

typedef struct fn_agg_pct_info {
    fn_agg_pct_kind kind;
    const ty *in_type;
    bool is_array; /* the percentage was an array: return an array */
    int n_pcts;
    double *pcts;
    double rel_err; /* approx: 1 / accuracy */
} fn_agg_pct_info;

/* ---- Greenwald-Khanna summary (QuantileSummaries) ---------------------------------------- */

#define FN_AGG_GK_HEAD_SIZE          50000
#define FN_AGG_GK_COMPRESS_THRESHOLD 10000

typedef struct fn_agg_gk_stat {
    double value;
    int64_t g, delta;
} fn_agg_gk_stat;

typedef struct fn_gk {
    double rel_err;
    fn_agg_gk_stat *sampled;
    int64_t n_sampled;
    int64_t count; /* values in sampled (not the head) */
    double *head;
    int64_t n_head, cap_head;
    bool compressed;
} fn_gk;

typedef struct fn_agg_pct_state {
    fn_agg_vset *set; /* exact: distinct doubles with counts */
    fn_gk *gk;        /* approx */
} fn_agg_pct_state;

static fn_gk *fn_agg_gk_new(double rel_err)
{
    fn_gk *g = em_calloc(1, sizeof *g);
    g->rel_err = rel_err;
    g->compressed = true;
    return g;
}

static void fn_agg_gk_free(fn_gk *g)
{
    if (!g)
        return;
    em_free(g->sampled);
    em_free(g->head);
    em_free(g);
}

static fn_gk *fn_agg_gk_copy(const fn_gk *src)
{
    fn_gk *g = fn_agg_gk_new(src->rel_err);
    g->count = src->count;
    g->compressed = src->compressed;
    g->n_sampled = src->n_sampled;
    if (src->n_sampled) {
        g->sampled = em_malloc((size_t)src->n_sampled * sizeof *g->sampled);
        memcpy(g->sampled, src->sampled, (size_t)src->n_sampled * sizeof *g->sampled);
    }
    if (src->n_head) {
        g->head = em_malloc((size_t)src->n_head * sizeof *g->head);
        memcpy(g->head, src->head, (size_t)src->n_head * sizeof *g->head);
        g->n_head = g->cap_head = src->n_head;
    }
    return g;
}

/* java.lang.Double.compare: -0.0 < 0.0, NaN above everything and equal to itself. */
static int fn_agg_gk_cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    if (a < b)
        return -1;
    if (a > b)
        return 1;
    int64_t x, y;
    if (a != a)
        a = NAN;
    if (b != b)
        b = NAN;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y ? 0 : (x < y ? -1 : 1);
}

/* withHeadBufferInserted: merges the sorted head into sampled. */
static void fn_agg_gk_insert_head(fn_gk *g)
{
    if (g->n_head == 0)
        return;
    qsort(g->head, (size_t)g->n_head, sizeof *g->head, fn_agg_gk_cmp_double);
    int64_t cap = g->n_sampled + g->n_head;
    fn_agg_gk_stat *out = em_malloc((size_t)cap * sizeof *out);
    int64_t n_out = 0, sample_idx = 0, count = g->count;
    for (int64_t ops = 0; ops < g->n_head; ops++) {
        double cur = g->head[ops];
        while (sample_idx < g->n_sampled && g->sampled[sample_idx].value <= cur)
            out[n_out++] = g->sampled[sample_idx++];
        count++;
        int64_t delta = 0;
        if (!(n_out == 0 || (sample_idx == g->n_sampled && ops == g->n_head - 1)))
            delta = (int64_t)floor(2 * g->rel_err * (double)count);
        out[n_out++] = (fn_agg_gk_stat){cur, 1, delta};
    }
    while (sample_idx < g->n_sampled)
        out[n_out++] = g->sampled[sample_idx++];
    em_free(g->sampled);
    g->sampled = out;
    g->n_sampled = n_out;
    g->count = count;
    g->n_head = 0;
}

/* compressImmut(sampled, mergeThreshold), in place. */
static void fn_agg_gk_compress_samples(fn_gk *g, double merge_threshold)
{
    int64_t n = g->n_sampled;
    if (n == 0)
        return;
    /* built back to front, then moved to the front */
    fn_agg_gk_stat *res = em_malloc((size_t)(n + 1) * sizeof *res);
    int64_t pos = n + 1; /* res[pos..n] holds the result */
    fn_agg_gk_stat head = g->sampled[n - 1];
    for (int64_t i = n - 2; i >= 1; i--) {
        fn_agg_gk_stat s1 = g->sampled[i];
        if ((double)(s1.g + head.g + head.delta) < merge_threshold) {
            head.g += s1.g;
        } else {
            res[--pos] = head;
            head = s1;
        }
    }
    res[--pos] = head;
    fn_agg_gk_stat first = g->sampled[0];
    if (first.value <= head.value && n > 1)
        res[--pos] = first;
    int64_t m = n + 1 - pos;
    memmove(res, res + pos, (size_t)m * sizeof *res);
    em_free(g->sampled);
    g->sampled = res;
    g->n_sampled = m;
}

static void fn_agg_gk_compress(fn_gk *g)
{
    fn_agg_gk_insert_head(g);
    fn_agg_gk_compress_samples(g, 2 * g->rel_err * (double)g->count);
    g->compressed = true;
}

static void fn_agg_gk_insert(fn_gk *g, double x)
{
    if (g->n_head == g->cap_head) {
        g->cap_head = g->cap_head ? g->cap_head * 2 : 64;
        g->head = em_realloc(g->head, (size_t)g->cap_head * sizeof *g->head);
    }
    g->head[g->n_head++] = x;
    g->compressed = false;
    if (g->n_head >= FN_AGG_GK_HEAD_SIZE) {
        fn_agg_gk_insert_head(g);
        if (g->n_sampled >= FN_AGG_GK_COMPRESS_THRESHOLD)
            fn_agg_gk_compress(g);
    }
}

/* PercentileDigest.merge: both sides compressed, then QuantileSummaries.merge. */
static void fn_agg_gk_merge(fn_gk *d, const fn_gk *src)
{
    if (!d->compressed)
        fn_agg_gk_compress(d);
    fn_gk *o = fn_agg_gk_copy(src);
    if (!o->compressed)
        fn_agg_gk_compress(o);
    if (o->count == 0) {
        fn_agg_gk_free(o);
        return;
    }
    if (d->count == 0) {
        em_free(d->sampled);
        d->sampled = o->sampled;
        d->n_sampled = o->n_sampled;
        d->count = o->count;
        d->rel_err = o->rel_err;
        o->sampled = NULL;
        fn_agg_gk_free(o);
        return;
    }
    double merged_err = d->rel_err > o->rel_err ? d->rel_err : o->rel_err;
    int64_t merged_count = d->count + o->count;
    int64_t add_self = (int64_t)floor(2 * o->rel_err * (double)o->count);
    int64_t add_other = (int64_t)floor(2 * d->rel_err * (double)d->count);
    fn_agg_gk_stat *m = em_malloc((size_t)(d->n_sampled + o->n_sampled) * sizeof *m);
    int64_t n = 0, si = 0, oi = 0;
    while (si < d->n_sampled && oi < o->n_sampled) {
        fn_agg_gk_stat s = d->sampled[si], t = o->sampled[oi];
        if (s.value < t.value) {
            si++;
            s.delta += oi > 0 ? add_self : 0;
            m[n++] = s;
        } else {
            oi++;
            t.delta += si > 0 ? add_other : 0;
            m[n++] = t;
        }
    }
    while (si < d->n_sampled)
        m[n++] = d->sampled[si++];
    while (oi < o->n_sampled)
        m[n++] = o->sampled[oi++];
    em_free(d->sampled);
    d->sampled = m;
    d->n_sampled = n;
    d->count = merged_count;
    d->rel_err = merged_err;
    fn_agg_gk_compress_samples(d, 2 * merged_err * (double)merged_count);
    d->compressed = true;
    fn_agg_gk_free(o);
}

typedef struct fn_agg_gk_pct {
    double p;
    int pos;
} fn_agg_gk_pct;

static int fn_agg_gk_cmp_pct(const void *a, const void *b)
{
    const fn_agg_gk_pct *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return x->pos - y->pos; /* stable, as Scala's sortBy */
}

/* QuantileSummaries.query over a compressed summary with at least one sample. */
static void fn_agg_gk_query(const fn_gk *g, int n_pcts, const double *pcts, double *out)
{
    int64_t target = INT64_MIN;
    for (int64_t i = 0; i < g->n_sampled; i++)
        if (g->sampled[i].delta + g->sampled[i].g > target)
            target = g->sampled[i].delta + g->sampled[i].g;
    double target_err = (double)(target / 2);
    int64_t index = 0, min_rank = g->sampled[0].g;
    fn_agg_gk_pct *sorted = em_malloc((size_t)n_pcts * sizeof *sorted);
    for (int k = 0; k < n_pcts; k++)
        sorted[k] = (fn_agg_gk_pct){pcts[k], k};
    qsort(sorted, (size_t)n_pcts, sizeof *sorted, fn_agg_gk_cmp_pct);
    for (int k = 0; k < n_pcts; k++) {
        double p = sorted[k].p;
        double res;
        if (p <= g->rel_err) {
            res = g->sampled[0].value;
        } else if (p >= 1 - g->rel_err) {
            res = g->sampled[g->n_sampled - 1].value;
        } else {
            /* findApproxQuantile */
            int64_t rank = (int64_t)ceil(p * (double)g->count);
            int64_t i = index, mr = min_rank;
            fn_agg_gk_stat cur = g->sampled[i];
            bool found = false;
            while (i < g->n_sampled - 1) {
                int64_t max_rank = mr + cur.delta;
                if ((double)max_rank - target_err <= (double)rank &&
                    (double)rank <= (double)mr + target_err) {
                    found = true;
                    break;
                }
                i++;
                cur = g->sampled[i];
                mr += cur.g;
            }
            if (found) {
                index = i;
                min_rank = mr;
                res = cur.value;
            } else {
                index = g->n_sampled - 1;
                min_rank = 0;
                res = g->sampled[g->n_sampled - 1].value;
            }
        }
        out[sorted[k].pos] = res;
    }
    em_free(sorted);
}

/* ---- binding ------------------------------------------------------------------------------ */

static fn_agg_pct_kind fn_agg_pct_kind_of(const char *name)
{
    if (strcasecmp(name, "median") == 0)
        return FN_AGG_PCT_MEDIAN;
    if (strcasecmp(name, "percentile") == 0)
        return FN_AGG_PCT_EXACT;
    return FN_AGG_PCT_APPROX;
}

static bool fn_agg_pct_is_interval(const ty *t)
{
    return t->kind == TY_YEARMONTH_INTERVAL || t->kind == TY_DAYTIME_INTERVAL;
}

/* Appends a resolved literal argument. */
static void fn_agg_pct_append_arg(em_arena *a, pl_expr *call, pl_expr *lit)
{
    pl_expr **args = em_arena_calloc(a, (size_t)call->n_args + 1, sizeof *args);
    memcpy(args, call->args, (size_t)call->n_args * sizeof *args);
    lit->resolved = true;
    args[call->n_args] = lit;
    call->args = args;
    call->n_args++;
}

/* The value column: numeric and ANSI intervals (and, for approx, dates and timestamps). */
static int fn_agg_pct_bind_child(fn_agg_pct_info *info, em_arena *a, pl_expr *call, bool ansi,
                                 em_error *err)
{
    const ty *t = call->args[0]->type;
    bool approx = info->kind == FN_AGG_PCT_APPROX;
    bool datetime = t->kind == TY_DATE || t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
    if (fn_agg_pct_is_interval(t) || (approx && datetime))
        return EM_OK;
    if (ty_is_numeric(t) || t->kind == TY_NULL || ty_is_string(t)) {
        fn_cast_arg(a, call, 0, ty_is_numeric(t) ? t : ty_double());
        return EM_OK;
    }
    (void)ansi;
    return fn_err_unexpected_input(
        call, 0,
        approx ? "(\"NUMERIC\" or \"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\" or \"INTERVAL "
                 "YEAR TO MONTH\" or \"INTERVAL DAY TO SECOND\")"
               : "(\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or \"INTERVAL YEAR TO MONTH\")",
        err);
}

/* The percentage: double, or array<double> without NULL elements. */
static int fn_agg_pct_bind_percentage(em_arena *a, pl_expr *call, int i, bool approx, em_error *err)
{
    const ty *t = call->args[i]->type;
    if (t->kind == TY_ARRAY) {
        const ty *e = t->elem;
        if (!t->contains_null && (ty_is_numeric(e) || ty_is_string(e) || e->kind == TY_NULL)) {
            fn_cast_arg(a, call, i, ty_array(a, ty_double(), false));
            return EM_OK;
        }
    } else if (ty_is_numeric(t) || ty_is_string(t) || t->kind == TY_NULL) {
        fn_cast_arg(a, call, i, ty_double());
        return EM_OK;
    }
    return fn_err_unexpected_input(call, i,
                                   approx                ? "(\"DOUBLE\" or \"ARRAY<DOUBLE>\")"
                                   : t->kind == TY_ARRAY ? "\"ARRAY<DOUBLE>\""
                                                         : "\"DOUBLE\"",
                                   err);
}

/* Reads the folded percentage (double or array<double>); returns 1 if it was NULL. */
static int fn_agg_pct_read_percentages(fn_agg_pct_info *info, em_arena *a, const vec *v)
{
    if (v->type->kind == TY_NULL || vec_is_null(v, 0))
        return 1;
    if (v->type->kind == TY_ARRAY) {
        info->is_array = true;
        int32_t start = v->offsets[0], end = v->offsets[1];
        const vec *c = v->children[0];
        info->n_pcts = end - start;
        info->pcts = em_arena_calloc(a, (size_t)(info->n_pcts ? info->n_pcts : 1), sizeof(double));
        for (int32_t k = start; k < end; k++) {
            if (vec_is_null(c, k))
                return 1;
            info->pcts[k - start] = VEC_VALUES(c, double)[k];
        }
        return 0;
    }
    info->n_pcts = 1;
    info->pcts = em_arena_calloc(a, 1, sizeof(double));
    info->pcts[0] = VEC_VALUES(v, double)[0];
    return 0;
}

static int fn_agg_pct_check_range(const fn_agg_pct_info *info, const pl_expr *call, em_error *err)
{
    bool bad = false;
    for (int k = 0; k < info->n_pcts; k++)
        if (info->pcts[k] < 0.0 || info->pcts[k] > 1.0)
            bad = true;
    if (!bad)
        return EM_OK;
    em_str cur;
    em_str_init(&cur, 4096);
    vec *d = vec_new(ty_double(), 1);
    d->len = 1;
    for (int k = 0; k < info->n_pcts; k++) {
        VEC_VALUES(d, double)[0] = info->pcts[k];
        if (k)
            em_str_putc(&cur, ',');
        ty_sql_value_append(d, 0, NULL, &cur);
    }
    vec_release(d);
    int rc =
        fn_agg_err_value_range(call, "percentage", "[0.0, 1.0]", cur.data ? cur.data : "", err);
    em_str_release(&cur);
    return rc;
}

static int fn_agg_pct_bind(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    fn_agg_pct_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->kind = fn_agg_pct_kind_of(def->name);
    bool ansi = opts && opts->ansi;
    bool approx = info->kind == FN_AGG_PCT_APPROX;
    if (info->kind == FN_AGG_PCT_MEDIAN) {
        if (fn_check_arity(call, 1, 1, "1", err))
            return err->code;
    } else if (fn_check_arity(call, 2, 3, "[2, 3]", err)) {
        return err->code;
    }
    if (call->n_args == 2)
        fn_agg_pct_append_arg(a, call, approx ? pl_lit_int(a, 10000) : pl_lit_long(a, 1));
    /* ExpectsInputTypes first (every argument), then the foldable / range checks */
    if (fn_agg_pct_bind_child(info, a, call, ansi, err))
        return err->code;
    if (info->kind != FN_AGG_PCT_MEDIAN) {
        if (fn_agg_pct_bind_percentage(a, call, 1, approx, err) ||
            fn_agg_expect_arg(a, call, 2, FN_AGG_EXPECT_LONG, ansi, err))
            return err->code;
    }
    info->in_type = call->args[0]->type;
    if (info->kind == FN_AGG_PCT_MEDIAN) {
        info->n_pcts = 1;
        info->pcts = em_arena_calloc(a, 1, sizeof(double));
        info->pcts[0] = 0.5;
    } else {
        vec *pv = NULL;
        int rc = fn_agg_fold(call->args[1], opts, &pv, err);
        if (rc < 0)
            return err->code;
        if (rc == 0)
            return fn_agg_err_non_foldable(call, 1, "`percentage`", err);
        if (approx) {
            vec *av = NULL;
            rc = fn_agg_fold(call->args[2], opts, &av, err);
            if (rc <= 0) {
                vec_release(pv);
                return rc < 0 ? err->code : fn_agg_err_non_foldable(call, 2, "`accuracy`", err);
            }
            bool null = av->type->kind == TY_NULL || vec_is_null(av, 0);
            int64_t acc = null ? 0 : fn_agg_long_at(av, 0);
            vec_release(av);
            if (null) {
                vec_release(pv);
                return fn_agg_err_unexpected_null(call, "accuracy", err);
            }
            if (acc <= 0 || acc > INT32_MAX) {
                vec_release(pv);
                char cur[32];
                snprintf(cur, sizeof cur, "%" PRId64 "L", acc);
                return fn_agg_err_value_range(call, "accuracy", "(0, 2147483647]", cur, err);
            }
            info->rel_err = 1.0 / (double)acc;
        }
        int is_null = fn_agg_pct_read_percentages(info, a, pv);
        vec_release(pv);
        if (is_null)
            return fn_agg_err_unexpected_null(call, "percentage", err);
        if (fn_agg_pct_check_range(info, call, err))
            return err->code;
    }
    const ty *rt;
    if (approx)
        rt = info->in_type;
    else if (info->in_type->kind == TY_YEARMONTH_INTERVAL)
        rt = ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH);
    else if (info->in_type->kind == TY_DAYTIME_INTERVAL)
        rt = ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND);
    else
        rt = ty_double();
    call->type = info->is_array ? ty_array(a, rt, false) : rt;
    call->nullable = true;
    call->fn_state = info;
    return EM_OK;
}

/* ---- execution ---------------------------------------------------------------------------- */

static int64_t fn_agg_pct_state_size(const pl_expr *call)
{
    (void)call;
    return (int64_t)sizeof(fn_agg_pct_state);
}

static void fn_agg_pct_init(const pl_expr *call, void *state)
{
    memset(state, 0, sizeof(fn_agg_pct_state));
    (void)call;
}

static void fn_agg_pct_destroy(const pl_expr *call, void *state)
{
    fn_agg_pct_state *st = state;
    fn_agg_vset_free(st->set);
    fn_agg_gk_free(st->gk);
    st->set = NULL;
    st->gk = NULL;
    (void)call;
}

/* The value as a double (Percentile.toDoubleValue / ApproximatePercentile.update). */
static double fn_agg_pct_value(const vec *v, int64_t r)
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

static int fn_agg_pct_err_negative(const pl_expr *call, int64_t f, em_error *err)
{
    em_str sql;
    em_str_init(&sql, 4096);
    em_str_putc(&sql, '"');
    fn_expr_sql(call->args[2], &sql);
    em_str_putc(&sql, '"');
    char val[32];
    snprintf(val, sizeof val, "%" PRId64 "L", f);
    int rc = em_error_set(err, "NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION", "frequencyExpression",
                          sql.data ? sql.data : "", "negativeValue", val, NULL);
    em_str_release(&sql);
    return rc;
}

static int fn_agg_pct_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                             fn_ctx *ctx, em_error *err)
{
    const fn_agg_pct_info *info = call->fn_state;
    const vec *v = args[0];
    const vec *freq = info->kind == FN_AGG_PCT_EXACT ? args[2] : NULL;
    vec *one = info->kind == FN_AGG_PCT_APPROX ? NULL : vec_new(ty_double(), 1);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        fn_agg_pct_state *st = states[r];
        if (!st || fn_is_null(v, r))
            continue;
        double x = fn_agg_pct_value(v, r);
        if (info->kind == FN_AGG_PCT_APPROX) {
            if (!st->gk)
                st->gk = fn_agg_gk_new(info->rel_err);
            fn_agg_gk_insert(st->gk, x);
            continue;
        }
        int64_t f = 1;
        if (freq) {
            if (fn_is_null(freq, r))
                continue;
            f = fn_agg_long_at(freq, r);
            if (f < 0) {
                rc = fn_agg_pct_err_negative(call, f, err);
                break;
            }
            if (f == 0)
                continue;
        }
        VEC_VALUES(one, double)[0] = x;
        one->len = 1;
        if (!st->set)
            st->set = fn_agg_vset_new(ty_double());
        rc = fn_agg_vset_add(st->set, one, 0, f, NULL, err);
    }
    vec_release(one);
    (void)ctx;
    return rc;
}

static int fn_agg_pct_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx,
                            em_error *err)
{
    const fn_agg_pct_info *info = call->fn_state;
    fn_agg_pct_state *d = dst;
    const fn_agg_pct_state *s = src;
    (void)ctx;
    if (info->kind == FN_AGG_PCT_APPROX) {
        if (!s->gk)
            return EM_OK;
        if (!d->gk)
            d->gk = fn_agg_gk_new(info->rel_err);
        fn_agg_gk_merge(d->gk, s->gk);
        return EM_OK;
    }
    if (!s->set)
        return EM_OK;
    if (!d->set)
        d->set = fn_agg_vset_new(ty_double());
    return fn_agg_vset_merge(d->set, s->set, err);
}

typedef struct fn_agg_pct_entry {
    double key;
    int64_t count;
} fn_agg_pct_entry;

/* The child type's ordering on the double keys (NaN last, -0.0 equal to 0.0). */
static int fn_agg_pct_cmp_entry(const void *a, const void *b)
{
    double x = ((const fn_agg_pct_entry *)a)->key, y = ((const fn_agg_pct_entry *)b)->key;
    bool xn = x != x, yn = y != y;
    if (xn || yn)
        return xn == yn ? 0 : (xn ? 1 : -1);
    return x < y ? -1 : (x > y ? 1 : 0);
}

/* java.util.Arrays.binarySearch(a, 0, n, key) turned into an insertion point. */
static int64_t fn_agg_pct_search(const int64_t *acc, int64_t n, int64_t key)
{
    int64_t lo = 0, hi = n - 1;
    while (lo <= hi) {
        int64_t mid = (int64_t)((uint64_t)(lo + hi) >> 1);
        if (acc[mid] < key)
            lo = mid + 1;
        else if (acc[mid] > key)
            hi = mid - 1;
        else
            return mid;
    }
    return lo;
}

/* PercentileBase.getPercentiles over the distinct values with counts. */
static void fn_agg_pct_exact(const fn_agg_vset *set, int n_pcts, const double *pcts, double *out)
{
    int64_t n = set->values->len;
    fn_agg_pct_entry *e = em_malloc((size_t)n * sizeof *e);
    for (int64_t i = 0; i < n; i++)
        e[i] = (fn_agg_pct_entry){VEC_VALUES(set->values, double)[i], set->counts[i]};
    qsort(e, (size_t)n, sizeof *e, fn_agg_pct_cmp_entry);
    int64_t *acc = em_malloc((size_t)n * sizeof *acc);
    int64_t total = 0;
    for (int64_t i = 0; i < n; i++) {
        total += e[i].count;
        acc[i] = total;
    }
    for (int k = 0; k < n_pcts; k++) {
        double position = (double)(total - 1) * pcts[k];
        int64_t lower = (int64_t)floor(position), higher = (int64_t)ceil(position);
        int64_t li = fn_agg_pct_search(acc, n, lower + 1),
                hi = fn_agg_pct_search(acc, n, higher + 1);
        double lk = e[li].key;
        if (higher == lower) {
            out[k] = lk;
            continue;
        }
        double hk = e[hi].key;
        if (hk == lk) {
            out[k] = lk;
            continue;
        }
        out[k] = ((double)higher - position) * lk + (position - (double)lower) * hk;
    }
    em_free(acc);
    em_free(e);
}

/* Scala's Double.toInt / toLong: truncation, NaN -> 0, saturating. */
static int64_t fn_agg_pct_to_long(double d, int64_t lo, int64_t hi)
{
    if (d != d)
        return 0;
    if (d <= (double)lo)
        return lo;
    if (d >= (double)hi)
        return hi;
    return (int64_t)d;
}

/* Appends one result value of type t converted from d. */
static int fn_agg_pct_append_value(vec *out, const ty *t, double d)
{
    switch (t->kind) {
    case TY_BYTE:
        fn_agg_put_integral(out, (int8_t)fn_agg_pct_to_long(d, INT32_MIN, INT32_MAX));
        return EM_OK;
    case TY_SHORT:
        fn_agg_put_integral(out, (int16_t)fn_agg_pct_to_long(d, INT32_MIN, INT32_MAX));
        return EM_OK;
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL: {
        int32_t v = (int32_t)fn_agg_pct_to_long(d, INT32_MIN, INT32_MAX);
        fn_agg_put_fixed(out, &v);
        return EM_OK;
    }
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        fn_agg_put_long(out, fn_agg_pct_to_long(d, INT64_MIN, INT64_MAX));
        return EM_OK;
    case TY_FLOAT: {
        float f = (float)d;
        fn_agg_put_fixed(out, &f);
        return EM_OK;
    }
    case TY_DECIMAL: {
        ty_i128 z;
        if (ty_dec_from_double(d, t->precision, t->scale, &z))
            fn_agg_put_fixed(out, &z);
        else
            vec_append_null(out);
        return EM_OK;
    }
    default:
        fn_agg_put_double(out, d);
        return EM_OK;
    }
}

static int fn_agg_pct_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                            em_error *err)
{
    const fn_agg_pct_info *info = call->fn_state;
    const fn_agg_pct_state *st = state;
    (void)ctx;
    double *res = em_malloc((size_t)(info->n_pcts ? info->n_pcts : 1) * sizeof *res);
    bool have = false;
    if (info->kind == FN_AGG_PCT_APPROX) {
        if (st->gk && info->n_pcts) {
            fn_gk *g = fn_agg_gk_copy(st->gk);
            if (!g->compressed)
                fn_agg_gk_compress(g);
            if (g->count > 0 && g->n_sampled > 0) {
                fn_agg_gk_query(g, info->n_pcts, info->pcts, res);
                have = true;
            }
            fn_agg_gk_free(g);
        }
    } else if (fn_agg_vset_len(st->set) > 0 && info->n_pcts) {
        fn_agg_pct_exact(st->set, info->n_pcts, info->pcts, res);
        have = true;
    }
    int rc = EM_OK;
    if (!have) {
        vec_append_null(out);
    } else if (info->is_array) {
        vec *child = out->children[0];
        for (int k = 0; k < info->n_pcts && rc == EM_OK; k++)
            rc = fn_agg_pct_append_value(child, child->type, res[k]);
        if (rc == EM_OK) {
            vec_reserve(out, out->len + 1);
            out->offsets[out->len + 1] = (int32_t)child->len;
            vec_set_valid(out, out->len);
            out->len++;
        }
    } else {
        rc = fn_agg_pct_append_value(out, out->type, res[0]);
    }
    em_free(res);
    (void)err;
    return rc;
}

static const fn_agg_ops fn_agg_pct_ops = {
    .state_size = fn_agg_pct_state_size,
    .init = fn_agg_pct_init,
    .update = fn_agg_pct_update,
    .merge = fn_agg_pct_merge,
    .final = fn_agg_pct_final,
    .destroy = fn_agg_pct_destroy,
};

#define FN_AGG_PCT(nm, mn, mx)                                                                     \
    {                                                                                              \
        .name = nm, .kind = FN_AGGREGATE, .min_args = mn, .max_args = mx, .bind = fn_agg_pct_bind, \
        .agg = &fn_agg_pct_ops, .deterministic = true                                              \
    }

const fn_def fn_agg_pct_defs[] = {
    FN_AGG_PCT("percentile", 2, 3),
    FN_AGG_PCT("median", 1, 1),
    FN_AGG_PCT("percentile_approx", 2, 3),
    FN_AGG_PCT("approx_percentile", 2, 3),
};
const int fn_agg_pct_n_defs = (int)(sizeof fn_agg_pct_defs / sizeof fn_agg_pct_defs[0]);
