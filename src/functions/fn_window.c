/*
 * fn_window: the window functions row_number, rank, dense_rank, percent_rank, cume_dist,
 * ntile, lag, lead and nth_value (Spark's RowNumber, Rank, DenseRank, PercentRank, CumeDist,
 * NTile, Lag, Lead, NthValue). Aggregates over windows (sum, first_value, ...) are ordinary
 * aggregates framed by the Window operator; only these FN_WINDOW functions live here.
 *
 * Each kernel computes a whole partition at once from fn_window_part (exec/op_window.c):
 *  - row_number: 1, 2, ...; rank: 1 + the position of the row's first ORDER BY peer;
 *    dense_rank: 1 + the number of distinct peer groups before the row; percent_rank:
 *    (rank - 1) / (n - 1), 0 for a single row; cume_dist: (last peer position + 1) / n;
 *  - ntile(b): Spark's update rules (bucket size n div b, the first n mod b buckets one row
 *    larger), so the buckets are the ones Spark assigns;
 *  - lag / lead (FrameLessOffsetWindowFunction): the input `offset` rows before / after inside
 *    the partition, else the default evaluated on the current row (NULL when absent); with
 *    IGNORE NULLS the offset counts non-null inputs (the offset-th non-null input strictly
 *    after / before the row), and offset 0 is the current input even when it is NULL;
 *  - nth_value(x, n [, ignoreNulls]): the n-th row (the n-th non-null input) of the row's
 *    frame, NULL when the frame is shorter.
 *
 * Binding follows Spark's constructors and checks: offsets are implicitly cast to int and must
 * be foldable (DATATYPE_MISMATCH.NON_FOLDABLE_INPUT); ntile's buckets must be a foldable int
 * greater than 0 and nth_value's offset greater than 0 (DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE);
 * lag / lead defaults are implicitly cast to the input type (TypeCollection(input, NULL)).
 * Ranking functions drop their arguments (Spark replaces them with the ORDER BY expressions)
 * and ntile() becomes ntile(1), as Spark's constructors do, so generated names match.
 */
#include "functions/fn_agg_int.h"
#define fn_agg_append_fixed fn_agg_put_fixed
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_agg_int.h"
#include "types/ty_cast.h"

typedef enum fn_win_kind {
    FN_WIN_ROW_NUMBER,
    FN_WIN_RANK,
    FN_WIN_DENSE_RANK,
    FN_WIN_PERCENT_RANK,
    FN_WIN_CUME_DIST,
    FN_WIN_NTILE,
    FN_WIN_LAG,
    FN_WIN_LEAD,
    FN_WIN_NTH_VALUE,
} fn_win_kind;

typedef struct fn_win_info {
    fn_win_kind kind;
    int64_t offset;    /* lag / lead: |offset| as given (lag negates it); nth_value: n; ntile: b */
    bool ignore_nulls; /* lag / lead / nth_value */
} fn_win_info;

static fn_win_kind fn_win_kind_of(const char *name)
{
    static const struct {
        const char *name;
        fn_win_kind kind;
    } kinds[] = {
        {"row_number", FN_WIN_ROW_NUMBER},
        {"rank", FN_WIN_RANK},
        {"dense_rank", FN_WIN_DENSE_RANK},
        {"percent_rank", FN_WIN_PERCENT_RANK},
        {"cume_dist", FN_WIN_CUME_DIST},
        {"ntile", FN_WIN_NTILE},
        {"lag", FN_WIN_LAG},
        {"lead", FN_WIN_LEAD},
        {"nth_value", FN_WIN_NTH_VALUE},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcasecmp(name, kinds[i].name) == 0)
            return kinds[i].kind;
    return FN_WIN_ROW_NUMBER;
}

/* ---- binding ------------------------------------------------------------------------------ */

static pl_expr *fn_win_int_lit(em_arena *a, int32_t v)
{
    pl_expr *e = pl_lit_int(a, v);
    e->resolved = true;
    e->nullable = false;
    return e;
}

/* Replaces call->args with the first n of them, plus `extra` when given. */
static void fn_win_set_args(em_arena *a, pl_expr *call, int n, pl_expr *extra)
{
    int total = n + (extra ? 1 : 0);
    pl_expr **args = em_arena_calloc(a, (size_t)(total ? total : 1), sizeof *args);
    for (int i = 0; i < n; i++)
        args[i] = call->args[i];
    if (extra)
        args[n] = extra;
    call->args = args;
    call->n_args = total;
}

/*
 * ImplicitCastInputTypes for an IntegerType parameter (the offsets): numeric and string
 * arguments are cast to int (TypeCoercion / AnsiTypeCoercion implicitCast), NULL stays NULL
 * (read as 0), anything else raises UNEXPECTED_INPUT_TYPE.
 */
static int fn_win_int_arg(em_arena *a, pl_expr *call, int i, em_error *err)
{
    const ty *t = call->args[i]->type;
    if (t->kind == TY_INT || t->kind == TY_NULL)
        return EM_OK;
    if (ty_is_numeric(t) || ty_is_string(t)) {
        fn_cast_arg(a, call, i, ty_int());
        return EM_OK;
    }
    return fn_err_unexpected_input(call, i, "\"INT\"", err);
}

/* Folds args[i] to an int (NULL reads as 0, as Spark's offset.eval().asInstanceOf[Int]).
   Returns 1 folded, 0 not foldable, <0 on an evaluation error. */
static int fn_win_fold_int(const pl_expr *call, int i, const pl_session_opts *opts, int64_t *out,
                           em_error *err)
{
    vec *v = NULL;
    int rc = fn_agg_fold(call->args[i], opts, &v, err);
    if (rc <= 0)
        return rc;
    *out = 0;
    if (v->type->kind != TY_NULL && !vec_is_null(v, 0)) {
        if (v->type->kind == TY_INT)
            *out = VEC_VALUES(v, int32_t)[0];
        else if (ty_is_integral(v->type))
            *out = fn_agg_long_at(v, 0);
    }
    vec_release(v);
    return 1;
}

/* A trailing ignoreNulls argument: must be a boolean literal (expressionToIngnoreNulls). */
static int fn_win_ignore_nulls(const pl_expr *call, int i, bool *out, em_error *err)
{
    const pl_expr *e = call->args[i];
    if (e->kind == PX_LITERAL && e->lit && e->lit->type->kind == TY_BOOLEAN &&
        !vec_is_null(e->lit, 0)) {
        *out = VEC_VALUES(e->lit, uint8_t)[0] != 0;
        return EM_OK;
    }
    /* QueryCompilationErrors.invalidIgnoreNullsParameter. */
    em_str s, fname;
    em_str_init(&s, 1024);
    em_str_init(&fname, 64);
    em_str_putc(&s, '"');
    fn_expr_sql(e, &s);
    em_str_putc(&s, '"');
    em_str_putc(&fname, '`');
    for (const char *c = call->name ? call->name : "?"; *c; c++)
        em_str_putc(&fname, (char)((*c >= 'A' && *c <= 'Z') ? *c - 'A' + 'a' : *c));
    em_str_putc(&fname, '`');
    int rc = em_error_set(err, "INVALID_PARAMETER_VALUE.BOOLEAN", "functionName",
                          fname.data ? fname.data : "", "parameter", "`ignoreNulls`",
                          "invalidValue", s.data ? s.data : "", NULL);
    em_str_release(&s);
    em_str_release(&fname);
    return rc;
}

/* The implicit cast of lag / lead's default to the input type (TypeCollection(input, NULL)). */
static int fn_win_default_arg(em_arena *a, pl_expr *call, bool ansi, em_error *err)
{
    const ty *in = call->args[0]->type, *dt = call->args[2]->type;
    if (dt->kind == TY_NULL || ty_equals_ignore_nullability(in, dt))
        return EM_OK;
    bool ok = false;
    if (ansi) {
        /* AnsiTypeCoercion.implicitCast: strings to any atomic type, else canANSIStoreAssign. */
        ok = (ty_is_string(dt) && !ty_is_nested(in)) || ty_can_ansi_store_assign(dt, in);
    } else if (ty_is_numeric(in) && ty_is_numeric(dt)) {
        ok = true; /* TypeCoercion.implicitCast: numeric to numeric */
    } else if (ty_is_string(dt) && !ty_is_nested(in)) {
        ok = true; /* string to any atomic type */
    } else if (ty_is_string(in) && !ty_is_nested(dt)) {
        ok = true; /* any atomic type to string */
    } else if ((in->kind == TY_TIMESTAMP || in->kind == TY_TIMESTAMP_NTZ || in->kind == TY_DATE) &&
               (dt->kind == TY_TIMESTAMP || dt->kind == TY_TIMESTAMP_NTZ || dt->kind == TY_DATE)) {
        ok = true; /* between datetime types */
    }
    if (!ok) {
        em_str req;
        em_str_init(&req, 512);
        em_str_puts(&req, "(\"");
        ty_sql(in, &req);
        em_str_puts(&req, "\" or \"VOID\")");
        int rc = fn_err_unexpected_input(call, 2, req.data ? req.data : "", err);
        em_str_release(&req);
        return rc;
    }
    fn_cast_arg(a, call, 2, in);
    return EM_OK;
}

static int fn_bind_window(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    fn_win_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->kind = fn_win_kind_of(def->name);
    bool ansi = opts && opts->ansi;
    call->nullable = false;
    switch (info->kind) {
    case FN_WIN_ROW_NUMBER:
    case FN_WIN_CUME_DIST:
        if (fn_check_arity(call, 0, 0, "0", err))
            return err->code;
        call->type = info->kind == FN_WIN_ROW_NUMBER ? ty_int() : ty_double();
        break;
    case FN_WIN_RANK:
    case FN_WIN_DENSE_RANK:
    case FN_WIN_PERCENT_RANK:
        /* RankLike.withOrder: the children become the ORDER BY expressions. */
        fn_win_set_args(a, call, 0, NULL);
        call->type = info->kind == FN_WIN_PERCENT_RANK ? ty_double() : ty_int();
        break;
    case FN_WIN_NTILE: {
        if (fn_check_arity(call, 0, 1, "[0, 1]", err))
            return err->code;
        if (call->n_args == 0)
            fn_win_set_args(a, call, 0, fn_win_int_lit(a, 1));
        int64_t b = 0;
        int rc = fn_win_fold_int(call, 0, opts, &b, err);
        if (rc < 0)
            return err->code;
        if (rc == 0)
            return fn_agg_err_non_foldable(call, 0, "`buckets`", err);
        if (call->args[0]->type->kind != TY_INT)
            return fn_err_unexpected_input(call, 0, "\"INT\"", err);
        if (b <= 0) {
            char cur[32];
            snprintf(cur, sizeof cur, "%lld", (long long)b);
            return fn_agg_err_value_range(call, "buckets", "(0, 2147483647]", cur, err);
        }
        info->offset = b;
        call->type = ty_int();
        break;
    }
    case FN_WIN_LAG:
    case FN_WIN_LEAD: {
        if (fn_check_arity(call, 0, 4, "[0, 1, 2, 3, 4]", err))
            return err->code;
        if (call->n_args == 4) {
            if (fn_win_ignore_nulls(call, 3, &info->ignore_nulls, err))
                return err->code;
            fn_win_set_args(a, call, 3, NULL);
        }
        if (call->n_args == 0) {
            pl_expr *null_in = pl_lit_null(a, ty_null());
            null_in->resolved = true;
            null_in->nullable = true;
            fn_win_set_args(a, call, 0, null_in);
        }
        info->offset = 1;
        if (call->n_args >= 2) {
            if (fn_win_int_arg(a, call, 1, err))
                return err->code;
            int rc = fn_win_fold_int(call, 1, opts, &info->offset, err);
            if (rc < 0)
                return err->code;
            if (rc == 0)
                return fn_agg_err_non_foldable(call, 1, "`offset`", err);
        }
        if (call->n_args >= 3 && fn_win_default_arg(a, call, ansi, err))
            return err->code;
        call->type = call->args[0]->type;
        call->nullable = call->n_args < 3 || call->args[2]->nullable || call->args[0]->nullable;
        break;
    }
    case FN_WIN_NTH_VALUE: {
        if (fn_check_arity(call, 2, 3, "[2, 3]", err))
            return err->code;
        if (call->n_args == 3 && fn_win_ignore_nulls(call, 2, &info->ignore_nulls, err))
            return err->code;
        if (fn_win_int_arg(a, call, 1, err))
            return err->code;
        int rc = fn_win_fold_int(call, 1, opts, &info->offset, err);
        if (rc < 0)
            return err->code;
        if (rc == 0)
            return fn_agg_err_non_foldable(call, 1, "`offset`", err);
        if (info->offset <= 0) {
            char cur[32];
            snprintf(cur, sizeof cur, "%lldL", (long long)info->offset);
            return fn_agg_err_value_range(call, "offset", "(0, 9223372036854775807]", cur, err);
        }
        call->type = call->args[0]->type;
        call->nullable = true;
        break;
    }
    }
    call->fn_state = info;
    return EM_OK;
}

/* ---- kernels ------------------------------------------------------------------------------ */

static void fn_win_put_int(vec *out, int32_t v)
{
    fn_agg_append_fixed(out, &v);
}

static void fn_win_put_double(vec *out, double v)
{
    fn_agg_append_fixed(out, &v);
}

/* Appends row r of v (NULL-typed vectors append NULL). */
static int fn_win_put_from(vec *out, const vec *v, int64_t r, em_error *err)
{
    if (fn_is_null(v, r)) {
        vec_append_null(out);
        return EM_OK;
    }
    return vec_append_from(out, v, r, err);
}

/* lag / lead: the input `offset` rows after (lead) or before (lag) each row; dflt (row r, or
   NULL when there is no default) where that row does not exist. */
static int fn_win_offset(const fn_win_info *info, const fn_window_part *p, const vec *dflt,
                         vec *out, em_error *err)
{
    int64_t n = p->n;
    int64_t off = info->kind == FN_WIN_LAG ? -info->offset : info->offset;
    const vec *in = p->args[0];
    int rc = EM_OK;
    if (!info->ignore_nulls || off == 0) {
        for (int64_t r = 0; r < n && rc == EM_OK; r++) {
            int64_t t = r + off;
            if (t >= 0 && t < n)
                rc = fn_win_put_from(out, in, t, err);
            else if (dflt)
                rc = fn_win_put_from(out, dflt, r, err);
            else
                vec_append_null(out);
        }
        return rc;
    }
    /* IGNORE NULLS: positions of the non-null inputs, then the k-th one after / before r. */
    int64_t *nn = em_malloc((size_t)(n ? n : 1) * sizeof *nn);
    int64_t n_nn = 0;
    for (int64_t r = 0; r < n; r++)
        if (!fn_is_null(in, r))
            nn[n_nn++] = r;
    int64_t k = off > 0 ? off : -off;
    int64_t before = 0; /* non-null inputs at positions < r */
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        while (before < n_nn && nn[before] < r)
            before++;
        int64_t idx;
        if (off > 0) {
            int64_t after = before + (before < n_nn && nn[before] == r ? 1 : 0);
            idx = after + k - 1;
        } else {
            idx = before - k;
        }
        if (idx >= 0 && idx < n_nn)
            rc = fn_win_put_from(out, in, nn[idx], err);
        else if (dflt)
            rc = fn_win_put_from(out, dflt, r, err);
        else
            vec_append_null(out);
    }
    em_free(nn);
    return rc;
}

static int fn_win_nth(const fn_win_info *info, const fn_window_part *p, vec *out, em_error *err)
{
    const vec *in = p->args[0];
    for (int64_t r = 0; r < p->n; r++) {
        int64_t lo = p->frame_lo[r], hi = p->frame_hi[r];
        int64_t pick = -1;
        if (!info->ignore_nulls) {
            if (hi - lo >= info->offset)
                pick = lo + info->offset - 1;
        } else {
            int64_t seen = 0;
            for (int64_t j = lo; j < hi; j++)
                if (!fn_is_null(in, j) && ++seen == info->offset) {
                    pick = j;
                    break;
                }
        }
        int rc = pick >= 0 ? fn_win_put_from(out, in, pick, err) : (vec_append_null(out), EM_OK);
        if (rc)
            return rc;
    }
    return EM_OK;
}

static int fn_eval_window(const pl_expr *call, const fn_window_part *p, fn_ctx *ctx, vec *out,
                          em_error *err)
{
    const fn_win_info *info = call->fn_state;
    int64_t n = p->n;
    vec_reserve(out, out->len + n);
    switch (info->kind) {
    case FN_WIN_ROW_NUMBER:
        for (int64_t r = 0; r < n; r++)
            fn_win_put_int(out, (int32_t)(r + 1));
        return EM_OK;
    case FN_WIN_RANK:
        for (int64_t r = 0; r < n; r++)
            fn_win_put_int(out, (int32_t)(p->peer_start[r] + 1));
        return EM_OK;
    case FN_WIN_DENSE_RANK: {
        int32_t rank = 0;
        for (int64_t r = 0; r < n; r++) {
            if (p->peer_start[r] == r)
                rank++;
            fn_win_put_int(out, rank);
        }
        return EM_OK;
    }
    case FN_WIN_PERCENT_RANK:
        for (int64_t r = 0; r < n; r++)
            fn_win_put_double(out, n > 1 ? (double)p->peer_start[r] / (double)(n - 1) : 0.0);
        return EM_OK;
    case FN_WIN_CUME_DIST:
        for (int64_t r = 0; r < n; r++)
            fn_win_put_double(out, (double)p->peer_end[r] / (double)n);
        return EM_OK;
    case FN_WIN_NTILE: {
        /* NTile's aggregate buffer, updated once per row (all updates read the old values). */
        int64_t buckets = info->offset;
        int64_t size = n / buckets, padding = n % buckets;
        int64_t row = 0, bucket = 0, threshold = 0;
        for (int64_t r = 0; r < n; r++) {
            bool over = row >= threshold;
            int64_t nb = bucket + (over ? 1 : 0);
            int64_t nt = threshold + (over ? size + (bucket < padding ? 1 : 0) : 0);
            row++;
            bucket = nb;
            threshold = nt;
            fn_win_put_int(out, (int32_t)bucket);
        }
        return EM_OK;
    }
    case FN_WIN_LAG:
    case FN_WIN_LEAD:
        return fn_win_offset(info, p, call->n_args >= 3 ? p->args[2] : NULL, out, err);
    case FN_WIN_NTH_VALUE:
        return fn_win_nth(info, p, out, err);
    }
    (void)ctx;
    return EM_OK;
}

static const fn_window_ops fn_window_std_ops = {.eval = fn_eval_window};

#define FN_WIN(nm, mn, mx)                                                                         \
    {                                                                                              \
        .name = nm, .kind = FN_WINDOW, .min_args = mn, .max_args = mx, .bind = fn_bind_window,     \
        .deterministic = true, .window = &fn_window_std_ops                                        \
    }

const fn_def fn_window_defs[] = {
    FN_WIN("row_number", 0, 0),    FN_WIN("rank", 0, -1),     FN_WIN("dense_rank", 0, -1),
    FN_WIN("percent_rank", 0, -1), FN_WIN("cume_dist", 0, 0), FN_WIN("ntile", 0, 1),
    FN_WIN("lag", 0, 4),           FN_WIN("lead", 0, 4),      FN_WIN("nth_value", 2, 3),
};
const int fn_window_n_defs = (int)(sizeof fn_window_defs / sizeof fn_window_defs[0]);
