/*
 * fn_agg_stat: the statistical aggregates, with Spark's one-pass formulas so results match to
 * the last bit: stddev / std / stddev_samp, stddev_pop, variance / var_samp, var_pop, skewness,
 * kurtosis (CentralMomentAgg), covar_pop, covar_samp (Covariance), corr (PearsonCorrelation),
 * the regression family regr_count, regr_avgx, regr_avgy, regr_sxx, regr_syy, regr_sxy,
 * regr_slope, regr_intercept, regr_r2 (linearRegression.scala), and product (Product).
 *
 * Inputs are implicitly cast to double (regr_count / regr_avgx / regr_avgy accept any numeric
 * type, strings becoming double). NULL inputs are skipped; the pairwise functions skip a row
 * when either value is NULL. Results are double and nullable: NULL for an empty group, and for
 * a sample statistic that would divide by zero NULL (or NaN when
 * spark.sql.legacy.statisticalAggregate is true).
 *
 * Spark aggregates in two phases and its final phase merges each partial buffer into a zeroed
 * buffer before evaluating; final does the same merge so single-partition results agree
 * exactly (the merge rescales averages, which can move the last bit of the regression
 * intercept). The arithmetic follows Spark's expression trees operation by operation.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_agg_int.h"

typedef enum fn_agg_stat_kind {
    FN_AGG_STAT_STDDEV_SAMP,
    FN_AGG_STAT_STDDEV_POP,
    FN_AGG_STAT_VAR_SAMP,
    FN_AGG_STAT_VAR_POP,
    FN_AGG_STAT_SKEWNESS,
    FN_AGG_STAT_KURTOSIS,
    FN_AGG_STAT_COVAR_POP,
    FN_AGG_STAT_COVAR_SAMP,
    FN_AGG_STAT_CORR,
    FN_AGG_STAT_REGR_R2,
    FN_AGG_STAT_REGR_SXX,
    FN_AGG_STAT_REGR_SYY,
    FN_AGG_STAT_REGR_SXY,
    FN_AGG_STAT_REGR_SLOPE,
    FN_AGG_STAT_REGR_INTERCEPT,
    FN_AGG_STAT_REGR_COUNT,
    FN_AGG_STAT_REGR_AVGX,
    FN_AGG_STAT_REGR_AVGY,
    FN_AGG_STAT_PRODUCT,
} fn_agg_stat_kind;

typedef struct fn_agg_stat_info {
    fn_agg_stat_kind kind;
    int order;         /* central moment order (2..4); 0 when not a moment aggregate */
    bool null_on_div0; /* !spark.sql.legacy.statisticalAggregate */
    bool ansi;         /* regr_avgx / regr_avgy decimal overflow */
    const ty *avg_in;  /* regr_avgx / regr_avgy: the averaged argument's type */
    int avg_arg;       /* ... and its index */
} fn_agg_stat_info;

/* One layout for every kind: central moments (n, avg, m2..m4), co-moments (cn, xavg, yavg,
   ck, xmk, ymk), counts and decimal sums for the regression averages, the running product. */
typedef struct fn_agg_stat_state {
    double n, avg, m2, m3, m4;
    double cn, xavg, yavg, ck, xmk, ymk;
    int64_t count;
    double dsum;
    ty_i128 decsum;
    bool overflow; /* decimal sum left 38 digits */
    bool set;      /* product has a value */
} fn_agg_stat_state;

static const struct {
    const char *name;
    fn_agg_stat_kind kind;
} fn_agg_stat_names[] = {
    {"stddev", FN_AGG_STAT_STDDEV_SAMP},      {"std", FN_AGG_STAT_STDDEV_SAMP},
    {"stddev_samp", FN_AGG_STAT_STDDEV_SAMP}, {"stddev_pop", FN_AGG_STAT_STDDEV_POP},
    {"variance", FN_AGG_STAT_VAR_SAMP},       {"var_samp", FN_AGG_STAT_VAR_SAMP},
    {"var_pop", FN_AGG_STAT_VAR_POP},         {"skewness", FN_AGG_STAT_SKEWNESS},
    {"kurtosis", FN_AGG_STAT_KURTOSIS},       {"covar_pop", FN_AGG_STAT_COVAR_POP},
    {"covar_samp", FN_AGG_STAT_COVAR_SAMP},   {"corr", FN_AGG_STAT_CORR},
    {"regr_r2", FN_AGG_STAT_REGR_R2},         {"regr_sxx", FN_AGG_STAT_REGR_SXX},
    {"regr_syy", FN_AGG_STAT_REGR_SYY},       {"regr_sxy", FN_AGG_STAT_REGR_SXY},
    {"regr_slope", FN_AGG_STAT_REGR_SLOPE},   {"regr_intercept", FN_AGG_STAT_REGR_INTERCEPT},
    {"regr_count", FN_AGG_STAT_REGR_COUNT},   {"regr_avgx", FN_AGG_STAT_REGR_AVGX},
    {"regr_avgy", FN_AGG_STAT_REGR_AVGY},     {"product", FN_AGG_STAT_PRODUCT},
};

static fn_agg_stat_kind fn_agg_stat_kind_of(const char *name)
{
    for (size_t k = 0; k < sizeof fn_agg_stat_names / sizeof fn_agg_stat_names[0]; k++)
        if (strcasecmp(fn_agg_stat_names[k].name, name) == 0)
            return fn_agg_stat_names[k].kind;
    return FN_AGG_STAT_PRODUCT;
}

static int fn_agg_stat_order(fn_agg_stat_kind k)
{
    switch (k) {
    case FN_AGG_STAT_STDDEV_SAMP:
    case FN_AGG_STAT_STDDEV_POP:
    case FN_AGG_STAT_VAR_SAMP:
    case FN_AGG_STAT_VAR_POP:
    case FN_AGG_STAT_REGR_SXX:
    case FN_AGG_STAT_REGR_SYY:
    case FN_AGG_STAT_REGR_SLOPE:
    case FN_AGG_STAT_REGR_INTERCEPT:
        return 2;
    case FN_AGG_STAT_SKEWNESS:
        return 3;
    case FN_AGG_STAT_KURTOSIS:
        return 4;
    default:
        return 0;
    }
}

static int fn_agg_stat_bind(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    fn_agg_stat_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->kind = fn_agg_stat_kind_of(def->name);
    info->order = fn_agg_stat_order(info->kind);
    info->null_on_div0 = fn_agg_null_on_div0(opts);
    info->ansi = opts && opts->ansi;
    bool ansi = info->ansi;
    int n = def->max_args;
    if (fn_check_arity(call, n, n, n == 1 ? "1" : "2", err))
        return err->code;
    bool numeric = info->kind == FN_AGG_STAT_REGR_COUNT || info->kind == FN_AGG_STAT_REGR_AVGX ||
                   info->kind == FN_AGG_STAT_REGR_AVGY;
    for (int i = 0; i < n; i++)
        if (fn_agg_expect_arg(a, call, i, numeric ? FN_AGG_EXPECT_NUMERIC : FN_AGG_EXPECT_DOUBLE,
                              ansi, err))
            return err->code;
    call->nullable = true;
    call->type = ty_double();
    if (info->kind == FN_AGG_STAT_REGR_COUNT) {
        call->type = ty_long();
        call->nullable = false;
    } else if (info->kind == FN_AGG_STAT_REGR_AVGX || info->kind == FN_AGG_STAT_REGR_AVGY) {
        /* Average(If(both not NULL, arg, NULL)): decimal(p+4, s+4) for decimals, else double */
        info->avg_arg = info->kind == FN_AGG_STAT_REGR_AVGX ? 1 : 0;
        info->avg_in = call->args[info->avg_arg]->type;
        if (info->avg_in->kind == TY_DECIMAL)
            call->type =
                fn_decimal_bounded(info->avg_in->precision + 4, info->avg_in->scale + 4, a);
    }
    call->fn_state = info;
    return EM_OK;
}

static int64_t fn_agg_stat_state_size(const pl_expr *call)
{
    (void)call;
    return (int64_t)sizeof(fn_agg_stat_state);
}

static void fn_agg_stat_init(const pl_expr *call, void *state)
{
    memset(state, 0, sizeof(fn_agg_stat_state));
    (void)call;
}

/* CentralMomentAgg.updateExpressions for one value x. */
static void fn_agg_stat_moment_update(fn_agg_stat_state *st, int order, double x)
{
    double new_n = st->n + 1.0;
    double delta = x - st->avg;
    double delta_n = delta / new_n;
    double new_avg = st->avg + delta_n;
    double new_m2 = st->m2 + delta * (delta - delta_n);
    double delta2 = delta * delta;
    double delta_n2 = delta_n * delta_n;
    double new_m3 = 0.0, new_m4 = 0.0;
    if (order >= 3)
        new_m3 = (st->m3 - (3.0 * delta_n) * new_m2) + delta * (delta2 - delta_n2);
    if (order >= 4)
        new_m4 = ((st->m4 - (4.0 * delta_n) * new_m3) - (6.0 * delta_n2) * new_m2) +
                 delta * (delta * delta2 - delta_n * delta_n2);
    st->n = new_n;
    st->avg = new_avg;
    st->m2 = new_m2;
    st->m3 = new_m3;
    st->m4 = new_m4;
}

/* CentralMomentAgg.mergeExpressions (d = left, s = right). */
static void fn_agg_stat_moment_merge(fn_agg_stat_state *d, const fn_agg_stat_state *s, int order)
{
    double n1 = d->n, n2 = s->n;
    double new_n = n1 + n2;
    double delta = s->avg - d->avg;
    double delta_n = new_n == 0.0 ? 0.0 : delta / new_n;
    double new_avg = d->avg + delta_n * n2;
    double new_m2 = (d->m2 + s->m2) + ((delta * delta_n) * n1) * n2;
    double new_m3 = 0.0, new_m4 = 0.0;
    if (order >= 3)
        new_m3 = ((d->m3 + s->m3) + ((((delta_n * delta_n) * delta) * n1) * n2) * (n1 - n2)) +
                 (3.0 * delta_n) * (n1 * s->m2 - n2 * d->m2);
    if (order >= 4)
        new_m4 = (((d->m4 + s->m4) + (((((delta_n * delta_n) * delta_n) * delta) * n1) * n2) *
                                         ((n1 * n1 - n1 * n2) + n2 * n2)) +
                  ((6.0 * delta_n) * delta_n) * ((n1 * n1) * s->m2 + (n2 * n2) * d->m2)) +
                 (4.0 * delta_n) * (n1 * s->m3 - n2 * d->m3);
    d->n = new_n;
    d->avg = new_avg;
    d->m2 = new_m2;
    d->m3 = new_m3;
    d->m4 = new_m4;
}

/* Covariance.updateExpressions (x = left, y = right); corr also keeps xmk / ymk. */
static void fn_agg_stat_co_update(fn_agg_stat_state *st, double x, double y, bool pearson)
{
    double new_n = st->cn + 1.0;
    double dx = x - st->xavg;
    double dy = y - st->yavg;
    double dx_n = dx / new_n;
    double dy_n = dy / new_n;
    double new_xavg = st->xavg + dx_n;
    double new_yavg = st->yavg + dy_n;
    st->ck = st->ck + dx * (y - new_yavg);
    if (pearson) {
        st->xmk = st->xmk + dx * (x - new_xavg);
        st->ymk = st->ymk + dy * (y - new_yavg);
    }
    st->cn = new_n;
    st->xavg = new_xavg;
    st->yavg = new_yavg;
}

/* Covariance / PearsonCorrelation.mergeExpressions. */
static void fn_agg_stat_co_merge(fn_agg_stat_state *d, const fn_agg_stat_state *s, bool pearson)
{
    double n1 = d->cn, n2 = s->cn;
    double new_n = n1 + n2;
    double dx = s->xavg - d->xavg;
    double dx_n = new_n == 0.0 ? 0.0 : dx / new_n;
    double dy = s->yavg - d->yavg;
    double dy_n = new_n == 0.0 ? 0.0 : dy / new_n;
    d->xavg = d->xavg + dx_n * n2;
    d->yavg = d->yavg + dy_n * n2;
    d->ck = (d->ck + s->ck) + ((dx * dy_n) * n1) * n2;
    if (pearson) {
        d->xmk = (d->xmk + s->xmk) + ((dx * dx_n) * n1) * n2;
        d->ymk = (d->ymk + s->ymk) + ((dy * dy_n) * n1) * n2;
    }
    d->cn = new_n;
}

/* regr_slope / regr_intercept keep CovPopulation(x, y) in the co-moment fields and
   VariancePop(x) (updated on the same rows) in the moment fields. */

static int fn_agg_stat_avg_add(const fn_agg_stat_info *info, fn_agg_stat_state *st, const vec *v,
                               int64_t r)
{
    st->count++;
    if (v->type->kind == TY_DECIMAL) {
        ty_i128 z;
        int sc = v->type->scale;
        if (!st->overflow && ty_dec_add(st->decsum, sc, VEC_VALUES(v, ty_i128)[r], sc, 38, sc, &z))
            st->decsum = z;
        else
            st->overflow = true;
    } else {
        st->dsum += fn_agg_double_at(v, r);
    }
    (void)info;
    return EM_OK;
}

static int fn_agg_stat_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                              fn_ctx *ctx, em_error *err)
{
    const fn_agg_stat_info *info = call->fn_state;
    const vec *a0 = args[0];
    const vec *a1 = call->n_args > 1 ? args[1] : NULL;
    for (int64_t r = 0; r < n; r++) {
        fn_agg_stat_state *st = states[r];
        if (!st || fn_is_null(a0, r) || (a1 && fn_is_null(a1, r)))
            continue;
        switch (info->kind) {
        case FN_AGG_STAT_REGR_COUNT:
            st->count++;
            break;
        case FN_AGG_STAT_REGR_AVGX:
        case FN_AGG_STAT_REGR_AVGY:
            fn_agg_stat_avg_add(info, st, args[info->avg_arg], r);
            break;
        case FN_AGG_STAT_PRODUCT: {
            double x = VEC_VALUES(a0, double)[r];
            st->dsum = (st->set ? st->dsum : 1.0) * x;
            st->set = true;
            break;
        }
        case FN_AGG_STAT_COVAR_POP:
        case FN_AGG_STAT_COVAR_SAMP:
        case FN_AGG_STAT_REGR_SXY:
            fn_agg_stat_co_update(st, VEC_VALUES(a0, double)[r], VEC_VALUES(a1, double)[r], false);
            break;
        case FN_AGG_STAT_CORR:
        case FN_AGG_STAT_REGR_R2:
            fn_agg_stat_co_update(st, VEC_VALUES(a0, double)[r], VEC_VALUES(a1, double)[r], true);
            break;
        case FN_AGG_STAT_REGR_SXX:
            fn_agg_stat_moment_update(st, 2, VEC_VALUES(a1, double)[r]);
            break;
        case FN_AGG_STAT_REGR_SYY:
            fn_agg_stat_moment_update(st, 2, VEC_VALUES(a0, double)[r]);
            break;
        case FN_AGG_STAT_REGR_SLOPE:
        case FN_AGG_STAT_REGR_INTERCEPT: {
            double y = VEC_VALUES(a0, double)[r], x = VEC_VALUES(a1, double)[r];
            fn_agg_stat_co_update(st, x, y, false);
            fn_agg_stat_moment_update(st, 2, x);
            break;
        }
        default:
            fn_agg_stat_moment_update(st, info->order, VEC_VALUES(a0, double)[r]);
            break;
        }
    }
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_agg_stat_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx,
                             em_error *err)
{
    const fn_agg_stat_info *info = call->fn_state;
    fn_agg_stat_state *d = dst;
    const fn_agg_stat_state *s = src;
    switch (info->kind) {
    case FN_AGG_STAT_REGR_COUNT:
        d->count += s->count;
        break;
    case FN_AGG_STAT_REGR_AVGX:
    case FN_AGG_STAT_REGR_AVGY:
        d->count += s->count;
        d->dsum += s->dsum;
        if (info->avg_in->kind == TY_DECIMAL) {
            ty_i128 z;
            int sc = info->avg_in->scale;
            if (d->overflow || s->overflow || !ty_dec_add(d->decsum, sc, s->decsum, sc, 38, sc, &z))
                d->overflow = true;
            else
                d->decsum = z;
        }
        break;
    case FN_AGG_STAT_PRODUCT:
        /* coalesce(coalesce(left, 1.0) * right, left) */
        if (s->set) {
            d->dsum = (d->set ? d->dsum : 1.0) * s->dsum;
            d->set = true;
        }
        break;
    case FN_AGG_STAT_COVAR_POP:
    case FN_AGG_STAT_COVAR_SAMP:
    case FN_AGG_STAT_REGR_SXY:
        fn_agg_stat_co_merge(d, s, false);
        break;
    case FN_AGG_STAT_CORR:
    case FN_AGG_STAT_REGR_R2:
        fn_agg_stat_co_merge(d, s, true);
        break;
    case FN_AGG_STAT_REGR_SLOPE:
    case FN_AGG_STAT_REGR_INTERCEPT:
        fn_agg_stat_co_merge(d, s, false);
        fn_agg_stat_moment_merge(d, s, 2);
        break;
    default:
        fn_agg_stat_moment_merge(d, s, info->order);
        break;
    }
    (void)ctx;
    (void)err;
    return EM_OK;
}

static double fn_agg_stat_div0(const fn_agg_stat_info *info, bool *null)
{
    if (info->null_on_div0)
        *null = true;
    return NAN;
}

static int fn_agg_stat_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                             em_error *err)
{
    const fn_agg_stat_info *info = call->fn_state;
    const fn_agg_stat_state *st0 = state;
    if (info->kind == FN_AGG_STAT_REGR_COUNT) {
        fn_agg_put_long(out, st0->count);
        return EM_OK;
    }
    if (info->kind == FN_AGG_STAT_REGR_AVGX || info->kind == FN_AGG_STAT_REGR_AVGY) {
        if (st0->count == 0) {
            vec_append_null(out);
            return EM_OK;
        }
        if (call->type->kind == TY_DECIMAL) {
            /* Average: the sum buffer is decimal(p+10, s) (a sum that does not fit it is stored
               as NULL, so the average is NULL in every mode); DecimalDivideWithOverflowCheck
               into decimal(p+4, s+4) fails under ANSI with the quotient in the message. */
            const ty *rt = call->type;
            int in_p = info->avg_in->precision, in_s = info->avg_in->scale;
            int sum_p = in_p + 10 > 38 ? 38 : in_p + 10;
            if (st0->overflow || !ty_dec_fits(st0->decsum, sum_p)) {
                vec_append_null(out);
                return EM_OK;
            }
            ty_i128 z = 0;
            if (!ty_dec_div(st0->decsum, in_s, st0->count, 0, rt->precision, rt->scale, &z)) {
                if (info->ansi) {
                    char plain[96] = "?";
                    ty_i128 q;
                    if (ty_dec_div(st0->decsum, in_s, st0->count, 0, 38, rt->scale, &q))
                        ty_dec_to_chars(q, rt->scale, true, plain);
                    return fn_err_decimal_overflow(err, plain, rt->precision, rt->scale);
                }
                vec_append_null(out);
                return EM_OK;
            }
            fn_agg_put_fixed(out, &z);
            return EM_OK;
        }
        fn_agg_put_double(out, st0->dsum / (double)st0->count);
        return EM_OK;
    }
    if (info->kind == FN_AGG_STAT_PRODUCT) {
        if (!st0->set)
            vec_append_null(out);
        else
            fn_agg_put_double(out, st0->dsum);
        return EM_OK;
    }
    /* Spark's final phase: merge the (single) partial buffer into a zeroed one. */
    fn_agg_stat_state z;
    memset(&z, 0, sizeof z);
    fn_agg_stat_merge(call, &z, st0, ctx, err);
    const fn_agg_stat_state *st = &z;
    bool null = false;
    double res = 0.0;
    switch (info->kind) {
    case FN_AGG_STAT_STDDEV_POP:
        null = st->n == 0.0;
        res = sqrt(st->m2 / st->n);
        break;
    case FN_AGG_STAT_STDDEV_SAMP:
        null = st->n == 0.0;
        res = st->n == 1.0 ? fn_agg_stat_div0(info, &null) : sqrt(st->m2 / (st->n - 1.0));
        break;
    case FN_AGG_STAT_VAR_POP:
        null = st->n == 0.0;
        res = st->m2 / st->n;
        break;
    case FN_AGG_STAT_VAR_SAMP:
        null = st->n == 0.0;
        res = st->n == 1.0 ? fn_agg_stat_div0(info, &null) : st->m2 / (st->n - 1.0);
        break;
    case FN_AGG_STAT_SKEWNESS:
        null = st->n == 0.0;
        res = st->m2 == 0.0 ? fn_agg_stat_div0(info, &null)
                            : (sqrt(st->n) * st->m3) / sqrt((st->m2 * st->m2) * st->m2);
        break;
    case FN_AGG_STAT_KURTOSIS:
        null = st->n == 0.0;
        res = st->m2 == 0.0 ? fn_agg_stat_div0(info, &null)
                            : ((st->n * st->m4) / (st->m2 * st->m2)) - 3.0;
        break;
    case FN_AGG_STAT_COVAR_POP:
        null = st->cn == 0.0;
        res = st->ck / st->cn;
        break;
    case FN_AGG_STAT_COVAR_SAMP:
        null = st->cn == 0.0;
        res = st->cn == 1.0 ? fn_agg_stat_div0(info, &null) : st->ck / (st->cn - 1.0);
        break;
    case FN_AGG_STAT_CORR:
        null = st->cn == 0.0;
        res = st->cn == 1.0 ? fn_agg_stat_div0(info, &null) : st->ck / sqrt(st->xmk * st->ymk);
        break;
    case FN_AGG_STAT_REGR_R2: {
        /* PearsonCorrelation(y, x): xmk belongs to the first argument */
        double corr = st->ck / sqrt(st->xmk * st->ymk);
        null = st->xmk == 0.0;
        res = st->ymk == 0.0 ? 1.0 : corr * corr;
        break;
    }
    case FN_AGG_STAT_REGR_SXX:
    case FN_AGG_STAT_REGR_SYY:
        null = st->n == 0.0;
        res = st->m2;
        break;
    case FN_AGG_STAT_REGR_SXY:
        null = st->cn == 0.0;
        res = st->ck;
        break;
    case FN_AGG_STAT_REGR_SLOPE:
        null = st->m2 == 0.0;
        res = st->ck / st->m2;
        break;
    case FN_AGG_STAT_REGR_INTERCEPT:
        null = st->m2 == 0.0;
        res = st->yavg - (st->ck / st->m2) * st->xavg;
        break;
    default:
        break;
    }
    if (null)
        vec_append_null(out);
    else
        fn_agg_put_double(out, res);
    return EM_OK;
}

static const fn_agg_ops fn_agg_stat_ops = {
    .state_size = fn_agg_stat_state_size,
    .init = fn_agg_stat_init,
    .update = fn_agg_stat_update,
    .merge = fn_agg_stat_merge,
    .final = fn_agg_stat_final,
    .destroy = NULL,
};

#define FN_AGG_STAT(nm, n)                                                                         \
    {                                                                                              \
        .name = nm, .kind = FN_AGGREGATE, .min_args = n, .max_args = n, .bind = fn_agg_stat_bind,  \
        .agg = &fn_agg_stat_ops, .deterministic = true                                             \
    }

const fn_def fn_agg_stat_defs[] = {
    FN_AGG_STAT("stddev", 1),     FN_AGG_STAT("std", 1),        FN_AGG_STAT("stddev_samp", 1),
    FN_AGG_STAT("stddev_pop", 1), FN_AGG_STAT("variance", 1),   FN_AGG_STAT("var_samp", 1),
    FN_AGG_STAT("var_pop", 1),    FN_AGG_STAT("skewness", 1),   FN_AGG_STAT("kurtosis", 1),
    FN_AGG_STAT("covar_pop", 2),  FN_AGG_STAT("covar_samp", 2), FN_AGG_STAT("corr", 2),
    FN_AGG_STAT("regr_r2", 2),    FN_AGG_STAT("regr_sxx", 2),   FN_AGG_STAT("regr_syy", 2),
    FN_AGG_STAT("regr_sxy", 2),   FN_AGG_STAT("regr_slope", 2), FN_AGG_STAT("regr_intercept", 2),
    FN_AGG_STAT("regr_count", 2), FN_AGG_STAT("regr_avgx", 2),  FN_AGG_STAT("regr_avgy", 2),
    FN_AGG_STAT("product", 1),
};
const int fn_agg_stat_n_defs = (int)(sizeof fn_agg_stat_defs / sizeof fn_agg_stat_defs[0]);
