/*
 * fn_agg_hll: approx_count_distinct(expr[, relativeSD]) as Spark's HyperLogLogPlusPlus computes
 * it, so estimates are the same numbers Spark returns: each non-NULL value is hashed with
 * Spark's xxHash64 of the value (seed 42, the same cell hashing as the xxhash64 function:
 * ints and smaller as 4 bytes, longs / timestamps as 8, floats by their canonical bits with
 * -0.0 as 0, decimals of precision <= 18 by their unscaled long and wider ones by the
 * big-endian two's-complement bytes of the unscaled value, strings and binaries by their
 * bytes, arrays / maps / structs element by element chaining the seed); the register index
 * is the top p bits, where p = ceil(2 * log2(1.106 / relativeSD)) (default relativeSD 0.05,
 * p = 9); registers hold 6 bits, ten per 64-bit word. The estimate uses linear counting below
 * the threshold of p, otherwise the raw HLL estimate corrected by the HLL++ bias tables
 * (fn_agg_hll_data.c) with 6-nearest-neighbour interpolation (p < 19), rounded half up.
 *
 * The state is the register words themselves (numWords * 8 bytes inline, zero = empty), so
 * merge is a register-wise max. The result is bigint and never NULL (0 for no rows).
 */
#include <math.h>
#include <string.h>

#include "functions/fn_agg_hll.h"
#include "functions/fn_agg_int.h"

#define FN_AGG_HLL_SEED          42
#define FN_AGG_HLL_REGISTER_SIZE 6
#define FN_AGG_HLL_PER_WORD      10 /* 64 / 6 */
#define FN_AGG_HLL_MASK          ((uint64_t)((1 << FN_AGG_HLL_REGISTER_SIZE) - 1))
#define FN_AGG_HLL_K             6

typedef struct fn_agg_hll_info {
    int p;
    int64_t m;       /* 1 << p registers */
    int64_t n_words; /* m / 10 + 1 */
    double alpha_m2; /* alpha * m * m */
} fn_agg_hll_info;

/* ---- xxHash64 (Spark's XXH64: the reference algorithm over little-endian input) ----------- */

static const uint64_t FN_AGG_P1 = 0x9E3779B185EBCA87ULL;
static const uint64_t FN_AGG_P2 = 0xC2B2AE3D27D4EB4FULL;
static const uint64_t FN_AGG_P3 = 0x165667B19E3779F9ULL;
static const uint64_t FN_AGG_P4 = 0x85EBCA77C2B2AE63ULL;
static const uint64_t FN_AGG_P5 = 0x27D4EB2F165667C5ULL;

static inline uint64_t fn_agg_rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t fn_agg_fmix(uint64_t h)
{
    h ^= h >> 33;
    h *= FN_AGG_P2;
    h ^= h >> 29;
    h *= FN_AGG_P3;
    h ^= h >> 32;
    return h;
}

static inline uint64_t fn_agg_le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int k = 7; k >= 0; k--)
        v = (v << 8) | p[k];
    return v;
}

static inline uint32_t fn_agg_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t fn_agg_xxh64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data, *end = p + len;
    uint64_t h;
    if (len >= 32) {
        uint64_t v1 = seed + FN_AGG_P1 + FN_AGG_P2, v2 = seed + FN_AGG_P2, v3 = seed,
                 v4 = seed - FN_AGG_P1;
        const unsigned char *limit = end - 32;
        do {
            v1 = fn_agg_rotl(v1 + fn_agg_le64(p) * FN_AGG_P2, 31) * FN_AGG_P1;
            v2 = fn_agg_rotl(v2 + fn_agg_le64(p + 8) * FN_AGG_P2, 31) * FN_AGG_P1;
            v3 = fn_agg_rotl(v3 + fn_agg_le64(p + 16) * FN_AGG_P2, 31) * FN_AGG_P1;
            v4 = fn_agg_rotl(v4 + fn_agg_le64(p + 24) * FN_AGG_P2, 31) * FN_AGG_P1;
            p += 32;
        } while (p <= limit);
        h = fn_agg_rotl(v1, 1) + fn_agg_rotl(v2, 7) + fn_agg_rotl(v3, 12) + fn_agg_rotl(v4, 18);
        uint64_t vs[4] = {v1, v2, v3, v4};
        for (int k = 0; k < 4; k++) {
            h ^= fn_agg_rotl(vs[k] * FN_AGG_P2, 31) * FN_AGG_P1;
            h = h * FN_AGG_P1 + FN_AGG_P4;
        }
    } else {
        h = seed + FN_AGG_P5;
    }
    h += (uint64_t)len;
    while (p + 8 <= end) {
        h ^= fn_agg_rotl(fn_agg_le64(p) * FN_AGG_P2, 31) * FN_AGG_P1;
        h = fn_agg_rotl(h, 27) * FN_AGG_P1 + FN_AGG_P4;
        p += 8;
    }
    if (p + 4 <= end) {
        h ^= (uint64_t)fn_agg_le32(p) * FN_AGG_P1;
        h = fn_agg_rotl(h, 23) * FN_AGG_P2 + FN_AGG_P3;
        p += 4;
    }
    while (p < end) {
        h ^= (uint64_t)*p * FN_AGG_P5;
        h = fn_agg_rotl(h, 11) * FN_AGG_P1;
        p++;
    }
    return fn_agg_fmix(h);
}

static uint64_t fn_agg_hash_int(int32_t x, uint64_t seed)
{
    unsigned char b[4];
    uint32_t u = (uint32_t)x;
    for (int k = 0; k < 4; k++)
        b[k] = (unsigned char)(u >> (8 * k));
    return fn_agg_xxh64(b, 4, seed);
}

static uint64_t fn_agg_hash_long(int64_t x, uint64_t seed)
{
    unsigned char b[8];
    uint64_t u = (uint64_t)x;
    for (int k = 0; k < 8; k++)
        b[k] = (unsigned char)(u >> (8 * k));
    return fn_agg_xxh64(b, 8, seed);
}

/* BigInteger.toByteArray: the shortest big-endian two's complement form. */
static uint64_t fn_agg_hash_big(ty_i128 v, uint64_t seed)
{
    unsigned char b[16];
    ty_u128 u = (ty_u128)v;
    for (int k = 0; k < 16; k++)
        b[15 - k] = (unsigned char)(u >> (8 * k));
    int start = 0;
    while (start < 15 && ((b[start] == 0x00 && !(b[start + 1] & 0x80)) ||
                          (b[start] == 0xff && (b[start + 1] & 0x80))))
        start++;
    return fn_agg_xxh64(b + start, (size_t)(16 - start), seed);
}

/* InterpretedHashFunction.hash for row r of v (NULL returns the seed unchanged). */
static uint64_t fn_agg_hash_cell(const vec *v, int64_t r, uint64_t seed)
{
    if (fn_is_null(v, r))
        return seed;
    const ty *t = v->type;
    switch (t->kind) {
    case TY_BOOLEAN:
        return fn_agg_hash_int(VEC_VALUES(v, uint8_t)[r] ? 1 : 0, seed);
    case TY_BYTE:
        return fn_agg_hash_int(VEC_VALUES(v, int8_t)[r], seed);
    case TY_SHORT:
        return fn_agg_hash_int(VEC_VALUES(v, int16_t)[r], seed);
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return fn_agg_hash_int(VEC_VALUES(v, int32_t)[r], seed);
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        return fn_agg_hash_long(VEC_VALUES(v, int64_t)[r], seed);
    case TY_FLOAT: {
        float f = VEC_VALUES(v, float)[r];
        if (f == 0.0f)
            return fn_agg_hash_int(0, seed);
        int32_t bits = 0x7fc00000; /* Float.floatToIntBits(NaN) */
        if (f == f)
            memcpy(&bits, &f, sizeof bits);
        return fn_agg_hash_int(bits, seed);
    }
    case TY_DOUBLE: {
        double d = VEC_VALUES(v, double)[r];
        if (d == 0.0)
            return fn_agg_hash_long(0, seed);
        int64_t bits = 0x7ff8000000000000LL; /* Double.doubleToLongBits(NaN) */
        if (d == d)
            memcpy(&bits, &d, sizeof bits);
        return fn_agg_hash_long(bits, seed);
    }
    case TY_DECIMAL: {
        ty_i128 x = VEC_VALUES(v, ty_i128)[r];
        if (t->precision <= 18)
            return fn_agg_hash_long((int64_t)x, seed);
        return fn_agg_hash_big(x, seed);
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY: {
        int32_t len;
        const char *s = vec_str(v, r, &len);
        return fn_agg_xxh64(s, (size_t)len, seed);
    }
    case TY_CALENDAR_INTERVAL: {
        const ty_calendar_interval *iv = &VEC_VALUES(v, ty_calendar_interval)[r];
        return fn_agg_hash_int(iv->months,
                               fn_agg_hash_int(iv->days, fn_agg_hash_long(iv->microseconds, seed)));
    }
    case TY_ARRAY: {
        uint64_t h = seed;
        for (int32_t k = v->offsets[r]; k < v->offsets[r + 1]; k++)
            h = fn_agg_hash_cell(v->children[0], k, h);
        return h;
    }
    case TY_MAP: {
        uint64_t h = seed;
        for (int32_t k = v->offsets[r]; k < v->offsets[r + 1]; k++) {
            h = fn_agg_hash_cell(v->children[0], k, h);
            h = fn_agg_hash_cell(v->children[1], k, h);
        }
        return h;
    }
    case TY_STRUCT: {
        uint64_t h = seed;
        for (int c = 0; c < v->n_children; c++)
            h = fn_agg_hash_cell(v->children[c], r, h);
        return h;
    }
    default:
        return seed;
    }
}

/* ---- binding ------------------------------------------------------------------------------ */

static int fn_agg_hll_bind(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    (void)def;
    (void)opts;
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    double rsd = 0.05;
    if (call->n_args == 2) {
        /* HyperLogLogPlusPlus.validateDoubleLiteral: a double or decimal literal */
        const pl_expr *e = call->args[1];
        const ty *t = e->type;
        if (e->kind != PX_LITERAL || !e->lit || vec_is_null(e->lit, 0) ||
            (t->kind != TY_DOUBLE && t->kind != TY_DECIMAL))
            return em_error_set(err, "_LEGACY_ERROR_TEMP_1104", NULL);
        rsd = fn_agg_double_at(e->lit, 0);
    }
    int p = (int)ceil(2.0 * log(1.106 / rsd) / log(2.0));
    if (!(p >= 4) || p > 30)
        return em_error_internal(err, "requirement failed: HLL++ requires at least 4 bits for "
                                      "addressing. Use a lower error, at most 39%%.");
    fn_agg_hll_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->p = p;
    info->m = (int64_t)1 << p;
    info->n_words = info->m / FN_AGG_HLL_PER_WORD + 1;
    double m = (double)info->m;
    switch (p) {
    case 4:
        info->alpha_m2 = 0.673 * m * m;
        break;
    case 5:
        info->alpha_m2 = 0.697 * m * m;
        break;
    case 6:
        info->alpha_m2 = 0.709 * m * m;
        break;
    default:
        info->alpha_m2 = (0.7213 / (1.0 + 1.079 / m)) * m * m;
        break;
    }
    call->fn_state = info;
    call->type = ty_long();
    call->nullable = false;
    return EM_OK;
}

/* ---- execution ---------------------------------------------------------------------------- */

static int64_t fn_agg_hll_state_size(const pl_expr *call)
{
    const fn_agg_hll_info *info = call->fn_state;
    return info->n_words * (int64_t)sizeof(uint64_t);
}

static void fn_agg_hll_init(const pl_expr *call, void *state)
{
    memset(state, 0, (size_t)fn_agg_hll_state_size(call));
}

static void fn_agg_hll_add(const fn_agg_hll_info *info, uint64_t *words, uint64_t x)
{
    int64_t idx = (int64_t)(x >> (64 - info->p));
    uint64_t w = (x << info->p) | ((uint64_t)1 << (info->p - 1));
    uint64_t pw = (uint64_t)__builtin_clzll(w) + 1;
    int64_t word_off = idx / FN_AGG_HLL_PER_WORD;
    int shift = FN_AGG_HLL_REGISTER_SIZE * (int)(idx - word_off * FN_AGG_HLL_PER_WORD);
    uint64_t mask = FN_AGG_HLL_MASK << shift;
    uint64_t word = words[word_off];
    if (pw > ((word & mask) >> shift))
        words[word_off] = (word & ~mask) | (pw << shift);
}

static int fn_agg_hll_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                             fn_ctx *ctx, em_error *err)
{
    const fn_agg_hll_info *info = call->fn_state;
    const vec *v = args[0];
    for (int64_t r = 0; r < n; r++) {
        if (!states[r] || fn_is_null(v, r))
            continue;
        fn_agg_hll_add(info, states[r], fn_agg_hash_cell(v, r, FN_AGG_HLL_SEED));
    }
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_agg_hll_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx,
                            em_error *err)
{
    const fn_agg_hll_info *info = call->fn_state;
    uint64_t *d = dst;
    const uint64_t *s = src;
    for (int64_t w = 0; w < info->n_words; w++) {
        uint64_t out = 0, mask = FN_AGG_HLL_MASK;
        for (int k = 0; k < FN_AGG_HLL_PER_WORD; k++, mask <<= FN_AGG_HLL_REGISTER_SIZE) {
            uint64_t a = d[w] & mask, b = s[w] & mask;
            out |= a > b ? a : b;
        }
        d[w] = out;
    }
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* estimateBias: mean bias of the K raw estimates nearest to e. */
static double fn_agg_hll_bias(int p, double e)
{
    const fn_agg_hll_table *t = &fn_agg_hll_tables[p - 4];
    /* java.util.Arrays.binarySearch, as an insertion point */
    int lo = 0, hi = t->n - 1, nearest = -1;
    while (lo <= hi) {
        int mid = (lo + hi) >> 1;
        if (t->raw[mid] < e)
            lo = mid + 1;
        else if (t->raw[mid] > e)
            hi = mid - 1;
        else {
            nearest = mid;
            break;
        }
    }
    if (nearest < 0)
        nearest = lo;
    int low = nearest - FN_AGG_HLL_K + 1 > 0 ? nearest - FN_AGG_HLL_K + 1 : 0;
    int high = low + FN_AGG_HLL_K < t->n ? low + FN_AGG_HLL_K : t->n;
    while (high < t->n) {
        double dh = e - t->raw[high], dl = e - t->raw[low];
        if (!(dh * dh < dl * dl))
            break;
        low++;
        high++;
    }
    double sum = 0.0;
    for (int i = low; i < high; i++)
        sum += t->bias[i];
    return sum / (double)(high - low);
}

static int fn_agg_hll_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                            em_error *err)
{
    const fn_agg_hll_info *info = call->fn_state;
    const uint64_t *words = state;
    double z_inverse = 0.0, zeros = 0.0;
    int64_t idx = 0;
    for (int64_t w = 0; w < info->n_words; w++) {
        for (int k = 0; idx < info->m && k < FN_AGG_HLL_PER_WORD; k++, idx++) {
            uint64_t reg = (words[w] >> (FN_AGG_HLL_REGISTER_SIZE * k)) & FN_AGG_HLL_MASK;
            z_inverse += 1.0 / (double)((int64_t)1 << reg);
            if (reg == 0)
                zeros += 1.0;
        }
    }
    double m = (double)info->m;
    double e = info->alpha_m2 / z_inverse;
    double corrected = info->p < 19 && e < 5.0 * m ? e - fn_agg_hll_bias(info->p, e) : e;
    double estimate = corrected;
    if (zeros > 0) {
        double h = m * log(m / zeros);
        if ((info->p < 19 && h <= fn_agg_hll_thresholds[info->p - 4]) || e <= 2.5 * m)
            estimate = h;
    }
    fn_agg_put_long(out, (int64_t)floor(estimate + 0.5)); /* Math.round */
    (void)ctx;
    (void)err;
    return EM_OK;
}

static const fn_agg_ops fn_agg_hll_ops = {
    .state_size = fn_agg_hll_state_size,
    .init = fn_agg_hll_init,
    .update = fn_agg_hll_update,
    .merge = fn_agg_hll_merge,
    .final = fn_agg_hll_final,
    .destroy = NULL,
};

const fn_def fn_agg_hll_defs[] = {
    {.name = "approx_count_distinct",
     .kind = FN_AGGREGATE,
     .min_args = 1,
     .max_args = 2,
     .bind = fn_agg_hll_bind,
     .agg = &fn_agg_hll_ops,
     .deterministic = true},
};
const int fn_agg_hll_n_defs = (int)(sizeof fn_agg_hll_defs / sizeof fn_agg_hll_defs[0]);
