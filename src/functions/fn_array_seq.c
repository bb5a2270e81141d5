/*
 * fn_array_seq: arrays generated from scratch: sequence (integral, date and timestamp ranges)
 * and shuffle (a seeded random permutation).
 *
 * sequence follows Spark's Sequence: start and stop (and an integral step) are cast to their
 * wider common type; the default step is 1 / -1 (one day for dates and timestamps); bounds that
 * the step cannot reach raise _LEGACY_ERROR_TEMP_3243 ("Illegal sequence boundaries"), lengths
 * past Spark's array limit COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER. Temporal steps add the
 * interval's months, days and microseconds to the start the way DateTimeUtils does (in the
 * session time zone for dates and timestamps).
 *
 * shuffle reproduces Spark's Shuffle exactly: RandomIndicesGenerator ("inside-out"
 * Fisher-Yates) over Apache Commons Math's MersenneTwister seeded with seed + partition index
 * (always 0 here), one generator per query advancing row after row (ctx->call_state), so a
 * seeded shuffle returns Spark's permutation. Without a seed the seed is drawn at bind time.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "types/ty_format.h"
#include "types/ty_time.h"

#define FN_MAX_ARRAY 2147483632LL /* ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH */

/* ---- sequence ------------------------------------------------------------------------------ */

static bool fn_is_interval(const ty *t)
{
    return t->kind == TY_CALENDAR_INTERVAL || t->kind == TY_YEARMONTH_INTERVAL ||
           t->kind == TY_DAYTIME_INTERVAL;
}

static int fn_bind_sequence(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    /* Sequence coercion: the non-interval arguments meet at their wider common type */
    const ty *types[3];
    int idx[3], n = 0;
    for (int k = 0; k < call->n_args; k++)
        if (!fn_is_interval(call->args[k]->type)) {
            idx[n] = k;
            types[n++] = call->args[k]->type;
        }
    bool same = true;
    for (int k = 1; k < n; k++)
        if (!ty_equals_ignore_nullability(types[k], types[0]))
            same = false;
    if (!same) {
        const ty *w = fn_coll_wider_common(n, types, opts && opts->ansi, a);
        if (w)
            for (int k = 0; k < n; k++)
                fn_cast_arg(a, call, idx[k], w);
    }
    const ty *st = call->args[0]->type;
    const ty *step = call->n_args > 2 ? call->args[2]->type : NULL;
    bool ok = ty_equals_ignore_nullability(st, call->args[1]->type);
    if (ok && (st->kind == TY_DATE || st->kind == TY_TIMESTAMP || st->kind == TY_TIMESTAMP_NTZ))
        ok = !step || fn_is_interval(step);
    else if (ok && ty_is_integral(st))
        ok = !step || ty_equals_ignore_nullability(step, st);
    else
        ok = false;
    if (!ok) {
        em_str sql;
        em_str_init(&sql, 0);
        em_str_putc(&sql, '"');
        fn_expr_sql(call, &sql);
        em_str_putc(&sql, '"');
        int rc = em_error_set(
            err, "DATATYPE_MISMATCH.SEQUENCE_WRONG_INPUT_TYPES", "sqlExpr", sql.data,
            "functionName", "`sequence`", "startType",
            "(\"TIMESTAMP\" or \"TIMESTAMP_NTZ\" or \"DATE\")", "stepType",
            "(\"INTERVAL\" or \"INTERVAL YEAR TO MONTH\" or \"INTERVAL DAY TO SECOND\")",
            "otherStartType", "\"INTEGRAL\"", NULL);
        em_str_release(&sql);
        return rc;
    }
    call->type = ty_array(a, st, false);
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static int64_t fn_seq_get(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r];
    case TY_INT:
    case TY_DATE:
        return VEC_VALUES(v, int32_t)[r];
    default:
        return VEC_VALUES(v, int64_t)[r];
    }
}

static void fn_seq_put(vec *el, int64_t x)
{
    vec_reserve(el, el->len + 1);
    switch (el->type->kind) {
    case TY_BYTE:
        VEC_VALUES(el, int8_t)[el->len] = (int8_t)x;
        break;
    case TY_SHORT:
        VEC_VALUES(el, int16_t)[el->len] = (int16_t)x;
        break;
    case TY_INT:
    case TY_DATE:
        VEC_VALUES(el, int32_t)[el->len] = (int32_t)x;
        break;
    default:
        VEC_VALUES(el, int64_t)[el->len] = x;
        break;
    }
    vec_set_valid(el, el->len);
    el->len++;
}

static int fn_seq_err_bounds(const char *start, const char *stop, const char *step, em_error *err)
{
    return em_error_set(err, "_LEGACY_ERROR_TEMP_3243", "start", start, "stop", stop, "step", step,
                        NULL);
}

/* Sequence.sequenceLength after the boundary check; -1 with err set on failure. */
static int64_t fn_seq_length(int64_t start, int64_t stop, int64_t step, const char *step_text,
                             em_error *err)
{
    if (!((step > 0 && start <= stop) || (step < 0 && start >= stop) ||
          (step == 0 && start == stop))) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%lld", (long long)start);
        snprintf(b, sizeof b, "%lld", (long long)stop);
        fn_seq_err_bounds(a, b, step_text, err);
        return -1;
    }
    __int128 len = stop == start ? 1 : 1 + ((__int128)stop - start) / step;
    if (len > FN_MAX_ARRAY) {
        char num[48];
        snprintf(num, sizeof num, "%lld", (long long)len);
        em_error_set(err, "COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER", "numberOfElements", num,
                     "functionName", "`sequence`", "maxRoundedArrayLength", "2147483632",
                     "parameter", "`count`", NULL);
        return -1;
    }
    return (int64_t)len;
}

/* The step of row r as (months, days, micros). */
static void fn_seq_split_step(const vec *v, int64_t r, int64_t *months, int64_t *days,
                              int64_t *micros)
{
    *months = *days = *micros = 0;
    if (v->type->kind == TY_CALENDAR_INTERVAL) {
        const ty_calendar_interval *iv = &VEC_VALUES(v, ty_calendar_interval)[r];
        *months = iv->months;
        *days = iv->days;
        *micros = iv->microseconds;
    } else if (v->type->kind == TY_YEARMONTH_INTERVAL) {
        *months = VEC_VALUES(v, int32_t)[r];
    } else {
        int64_t us = VEC_VALUES(v, int64_t)[r];
        *days = us / TY_MICROS_PER_DAY;
        *micros = us - *days * TY_MICROS_PER_DAY;
    }
}

static int fn_seq_temporal(const pl_expr *call, vec *const *args, int64_t r, vec *el, fn_ctx *ctx,
                           em_error *err)
{
    ty_kind k = call->args[0]->type->kind;
    bool is_date = k == TY_DATE;
    const ty_tz *tz = k == TY_TIMESTAMP_NTZ ? NULL : ty_session_tz(ctx ? ctx->opts : NULL);
    int64_t start = fn_seq_get(args[0], r), stop = fn_seq_get(args[1], r);
    int64_t months = 0, days = start <= stop ? 1 : -1, micros = 0;
    const char *iv_type = "interval";
    if (call->n_args > 2) {
        fn_seq_split_step(args[2], r, &months, &days, &micros);
        if (args[2]->type->kind == TY_YEARMONTH_INTERVAL)
            iv_type = "interval year to month";
        else if (args[2]->type->kind == TY_DAYTIME_INTERVAL)
            iv_type = "interval day to second";
    }
    if (is_date && months == 0 && days == 0)
        return em_error_set(err, "_LEGACY_ERROR_TEMP_3242", "intervalType", iv_type, NULL);
    if (is_date && months == 0 && micros == 0) {
        int64_t len = fn_seq_length(start, stop, days, "", err);
        if (len < 0)
            return err->code;
        for (int64_t i = 0; i < len; i++)
            fn_seq_put(el, start + days * i);
        return EM_OK;
    }
    if (!is_date && months == 0 && days == 0) {
        int64_t len = fn_seq_length(start, stop, micros, "", err);
        if (len < 0)
            return err->code;
        for (int64_t i = 0; i < len; i++)
            fn_seq_put(el, start + micros * i);
        return EM_OK;
    }
    /* a month is assumed to be 28 days to estimate the length (the loop decides) */
    int64_t step_est = micros + months * 28 * TY_MICROS_PER_DAY + days * TY_MICROS_PER_DAY;
    int64_t s_us = is_date ? ty_days_to_micros((int32_t)start, tz) : start;
    int64_t e_us = is_date ? ty_days_to_micros((int32_t)stop, tz) : stop;
    if (fn_seq_length(s_us, e_us, step_est, "", err) < 0)
        return err->code;
    int sign = step_est > 0 ? 1 : -1;
    int64_t t = s_us;
    for (int64_t i = 0; sign > 0 ? t <= e_us : t >= e_us;) {
        fn_seq_put(el, is_date ? ty_micros_to_days(t, tz) : t);
        i++;
        if (i > FN_MAX_ARRAY || !ty_ts_add_interval(s_us, i * months, i * days, i * micros, tz, &t))
            return em_error_set(err, "ARITHMETIC_OVERFLOW", "message", "long overflow",
                                "alternative", "", "config", "\"spark.sql.ansi.enabled\"", NULL);
    }
    return EM_OK;
}

static int fn_eval_sequence(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                            vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    vec *el = o->children[0];
    bool integral = ty_is_integral(call->args[0]->type);
    for (int64_t r = 0; r < n; r++) {
        bool is_null = false;
        for (int k = 0; k < call->n_args; k++)
            if (fn_cell_null(args[k], r))
                is_null = true;
        if (is_null) {
            vec_append_null(o);
            continue;
        }
        int rc;
        if (integral) {
            int64_t start = fn_seq_get(args[0], r), stop = fn_seq_get(args[1], r);
            int64_t step = call->n_args > 2 ? fn_seq_get(args[2], r) : (start <= stop ? 1 : -1);
            char st[32];
            snprintf(st, sizeof st, "%lld", (long long)step);
            int64_t len = fn_seq_length(start, stop, step, st, err);
            rc = len < 0 ? err->code : EM_OK;
            for (int64_t i = 0; i < len; i++)
                fn_seq_put(el, (int64_t)((uint64_t)start + (uint64_t)step * (uint64_t)i));
        } else {
            rc = fn_seq_temporal(call, args, r, el, ctx, err);
        }
        if (rc) {
            vec_release(o);
            return rc;
        }
        fn_list_close(o);
    }
    *out = o;
    return EM_OK;
}

/* ---- shuffle: Commons Math's MersenneTwister ------------------------------------------------ */

#define FN_MT_N 624
#define FN_MT_M 397

typedef struct fn_mt {
    uint32_t mt[FN_MT_N];
    int mti;
    bool seeded;
} fn_mt;

static void fn_mt_seed_int(fn_mt *g, uint32_t seed)
{
    g->mt[0] = seed;
    for (g->mti = 1; g->mti < FN_MT_N; g->mti++) {
        uint32_t prev = g->mt[g->mti - 1];
        g->mt[g->mti] = 1812433253u * (prev ^ (prev >> 30)) + (uint32_t)g->mti;
    }
}

/* MersenneTwister(long seed): setSeed(new int[] {seed >>> 32, seed & 0xffffffff}). */
static void fn_mt_seed(fn_mt *g, int64_t seed)
{
    uint32_t key[2] = {(uint32_t)((uint64_t)seed >> 32), (uint32_t)((uint64_t)seed & 0xffffffffu)};
    fn_mt_seed_int(g, 19650218u);
    int i = 1, j = 0;
    for (int k = FN_MT_N; k != 0; k--) {
        uint32_t prev = g->mt[i - 1];
        g->mt[i] = (g->mt[i] ^ ((prev ^ (prev >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= FN_MT_N) {
            g->mt[0] = g->mt[FN_MT_N - 1];
            i = 1;
        }
        if (j >= 2)
            j = 0;
    }
    for (int k = FN_MT_N - 1; k != 0; k--) {
        uint32_t prev = g->mt[i - 1];
        g->mt[i] = (g->mt[i] ^ ((prev ^ (prev >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= FN_MT_N) {
            g->mt[0] = g->mt[FN_MT_N - 1];
            i = 1;
        }
    }
    g->mt[0] = 0x80000000u;
    g->mti = FN_MT_N;
    g->seeded = true;
}

static uint32_t fn_mt_next(fn_mt *g, int bits)
{
    static const uint32_t mag01[2] = {0, 0x9908b0dfu};
    if (g->mti >= FN_MT_N) {
        int k;
        uint32_t y;
        for (k = 0; k < FN_MT_N - FN_MT_M; k++) {
            y = (g->mt[k] & 0x80000000u) | (g->mt[k + 1] & 0x7fffffffu);
            g->mt[k] = g->mt[k + FN_MT_M] ^ (y >> 1) ^ mag01[y & 1];
        }
        for (; k < FN_MT_N - 1; k++) {
            y = (g->mt[k] & 0x80000000u) | (g->mt[k + 1] & 0x7fffffffu);
            g->mt[k] = g->mt[k + (FN_MT_M - FN_MT_N)] ^ (y >> 1) ^ mag01[y & 1];
        }
        y = (g->mt[FN_MT_N - 1] & 0x80000000u) | (g->mt[0] & 0x7fffffffu);
        g->mt[FN_MT_N - 1] = g->mt[FN_MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
        g->mti = 0;
    }
    uint32_t y = g->mt[g->mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y >> (32 - bits);
}

/* BitsStreamGenerator.nextInt(n). */
static int32_t fn_mt_next_int(fn_mt *g, int32_t n)
{
    if ((n & -n) == n)
        return (int32_t)(((int64_t)n * (int64_t)fn_mt_next(g, 31)) >> 31);
    int32_t bits, val;
    do {
        bits = (int32_t)fn_mt_next(g, 31);
        val = bits % n;
    } while ((int32_t)((uint32_t)bits - (uint32_t)val + (uint32_t)(n - 1)) < 0);
    return val;
}

typedef struct fn_shuffle_state {
    int64_t seed;
} fn_shuffle_state;

static int fn_bind_shuffle(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    fn_shuffle_state *s = em_arena_calloc(a, 1, sizeof *s);
    if (call->n_args == 2) {
        /* ExpressionWithRandomSeed.expressionToSeed: an integer or bigint literal */
        const pl_expr *e = call->args[1];
        const vec *lit;
        if (!fn_coll_literal(e, &lit) ||
            (e->type->kind != TY_INT && e->type->kind != TY_LONG && e->type->kind != TY_NULL)) {
            em_str v;
            em_str_init(&v, 0);
            em_str_putc(&v, '"');
            fn_expr_sql(e, &v);
            em_str_putc(&v, '"');
            int rc =
                em_error_set(err, "INVALID_PARAMETER_VALUE.LONG", "functionName", "`shuffle`",
                             "parameter", "`seed`", "invalidValue", v.data ? v.data : "", NULL);
            em_str_release(&v);
            return rc;
        }
        if (e->type->kind == TY_INT && !vec_is_null(lit, 0))
            s->seed = VEC_VALUES(lit, int32_t)[0];
        else if (e->type->kind == TY_LONG && !vec_is_null(lit, 0))
            s->seed = VEC_VALUES(lit, int64_t)[0];
        call->n_args = 1; /* the seed is not a child: the name is shuffle(x) */
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        s->seed = (int64_t)((uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec ^
                            (uint64_t)(uintptr_t)call);
    }
    fn_coll_null_to_array(a, call, 0);
    if (call->args[0]->type->kind != TY_ARRAY)
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    call->fn_state = s;
    call->type = call->args[0]->type;
    call->nullable = call->args[0]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_shuffle(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    const fn_shuffle_state *s = call->fn_state;
    fn_mt local;
    fn_mt *g = ctx && ctx->call_state ? ctx->call_state(ctx, call, sizeof(fn_mt)) : NULL;
    if (!g) {
        memset(&local, 0, sizeof local);
        g = &local;
    }
    if (!g->seeded)
        fn_mt_seed(g, s ? s->seed : 0); /* + partition index 0 */
    const vec *arr = args[0];
    vec *o = vec_new(call->type, n);
    int32_t *perm = NULL;
    int64_t cap = 0;
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r)) {
            vec_append_null(o);
            continue;
        }
        int32_t len = fn_list_len(arr, r), st = fn_list_start(arr, r);
        if (len > cap) {
            cap = len;
            perm = em_realloc(perm, (size_t)cap * sizeof *perm);
        }
        for (int32_t i = 0; i < len; i++) {
            int32_t j = fn_mt_next_int(g, i + 1);
            if (j != i)
                perm[i] = perm[j];
            perm[j] = i;
        }
        for (int32_t i = 0; i < len; i++)
            if (vec_append_from(o->children[0], arr->children[0], st + perm[i], err)) {
                em_free(perm);
                vec_release(o);
                return err ? err->code : EM_EINTERNAL;
            }
        fn_list_close(o);
    }
    em_free(perm);
    *out = o;
    return EM_OK;
}

const fn_def fn_array_seq_defs[] = {
    {.name = "sequence",
     .kind = FN_SCALAR,
     .min_args = 2,
     .max_args = 3,
     .bind = fn_bind_sequence,
     .eval = fn_eval_sequence,
     .deterministic = true},
    {.name = "shuffle",
     .kind = FN_SCALAR,
     .min_args = 1,
     .max_args = 2,
     .bind = fn_bind_shuffle,
     .eval = fn_eval_shuffle,
     .deterministic = false},
};
const int fn_array_seq_n_defs = (int)(sizeof fn_array_seq_defs / sizeof fn_array_seq_defs[0]);
