/*
 * fn_hash: hash (Spark's Murmur3Hash: Murmur3 x86_32, seed 42), xxhash64 (XxHash64, seed 42),
 * md5, sha1 / sha, sha2 (224, 256 (or 0), 384, 512; other lengths NULL) and crc32.
 *
 * hash and xxhash64 fold their arguments left to right, each value hashed with the running
 * hash as seed, over Spark's value encodings (InterpretedHashFunction): booleans, bytes, shorts,
 * ints and dates as an int; longs, timestamps and day-time intervals as a long; floats and
 * doubles by their IEEE bits with -0.0 as 0; decimals of precision <= 18 as their unscaled
 * long, larger ones as the two's complement big-endian bytes of the unscaled value; strings
 * and binaries as their bytes; NULL leaves the seed unchanged; arrays, structs and map entries
 * element by element. Spark's Murmur3 byte hashing mixes each trailing byte as a signed int
 * (its own variant, not the reference tail). Maps are rejected as Spark does by default.
 *
 * The digests are implemented here from their specifications (RFC 1321, FIPS 180-4, ISO-HDLC
 * CRC-32) so em_functions needs no crypto library.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"

/* ---- Murmur3 x86_32 (Spark's Murmur3_x86_32) ---------------------------------------------------
 */

static uint32_t fn_rotl32(uint32_t x, int r)
{
    return (x << r) | (x >> (32 - r));
}

static uint32_t fn_mm_mix_k1(uint32_t k1)
{
    k1 *= 0xcc9e2d51u;
    k1 = fn_rotl32(k1, 15);
    return k1 * 0x1b873593u;
}

static uint32_t fn_mm_mix_h1(uint32_t h1, uint32_t k1)
{
    h1 ^= k1;
    h1 = fn_rotl32(h1, 13);
    return h1 * 5 + 0xe6546b64u;
}

static uint32_t fn_mm_fmix(uint32_t h1, uint32_t len)
{
    h1 ^= len;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6bu;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35u;
    return h1 ^ (h1 >> 16);
}

static uint32_t fn_mm_int(uint32_t v, uint32_t seed)
{
    return fn_mm_fmix(fn_mm_mix_h1(seed, fn_mm_mix_k1(v)), 4);
}

static uint32_t fn_mm_long(uint64_t v, uint32_t seed)
{
    uint32_t h1 = fn_mm_mix_h1(seed, fn_mm_mix_k1((uint32_t)v));
    h1 = fn_mm_mix_h1(h1, fn_mm_mix_k1((uint32_t)(v >> 32)));
    return fn_mm_fmix(h1, 8);
}

static uint32_t fn_mm_bytes(const uint8_t *b, int32_t len, uint32_t seed)
{
    int32_t aligned = len - len % 4;
    uint32_t h1 = seed;
    for (int32_t i = 0; i < aligned; i += 4) {
        uint32_t k = (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 | (uint32_t)b[i + 2] << 16 |
                     (uint32_t)b[i + 3] << 24;
        h1 = fn_mm_mix_h1(h1, fn_mm_mix_k1(k));
    }
    for (int32_t i = aligned; i < len; i++)
        h1 = fn_mm_mix_h1(h1, fn_mm_mix_k1((uint32_t)(int32_t)(int8_t)b[i]));
    return fn_mm_fmix(h1, (uint32_t)len);
}

/* ---- XXH64
 * ----------------------------------------------------------------------------------------- */

#define FN_P1 0x9E3779B185EBCA87ull
#define FN_P2 0xC2B2AE3D27D4EB4Full
#define FN_P3 0x165667B19E3779F9ull
#define FN_P4 0x85EBCA77C2B2AE63ull
#define FN_P5 0x27D4EB2F165667C5ull

static uint64_t fn_rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static uint64_t fn_xx_fmix(uint64_t h)
{
    h ^= h >> 33;
    h *= FN_P2;
    h ^= h >> 29;
    h *= FN_P3;
    return h ^ (h >> 32);
}

static uint64_t fn_xx_int(uint32_t v, uint64_t seed)
{
    uint64_t h = seed + FN_P5 + 4;
    h ^= (uint64_t)v * FN_P1;
    h = fn_rotl64(h, 23) * FN_P2 + FN_P3;
    return fn_xx_fmix(h);
}

static uint64_t fn_xx_long(uint64_t v, uint64_t seed)
{
    uint64_t h = seed + FN_P5 + 8;
    h ^= fn_rotl64(v * FN_P2, 31) * FN_P1;
    h = fn_rotl64(h, 27) * FN_P1 + FN_P4;
    return fn_xx_fmix(h);
}

static uint64_t fn_le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int k = 7; k >= 0; k--)
        v = (v << 8) | p[k];
    return v;
}

static uint64_t fn_xx_round(uint64_t acc, uint64_t k)
{
    return fn_rotl64(acc + k * FN_P2, 31) * FN_P1;
}

static uint64_t fn_xx_bytes(const uint8_t *b, int32_t len, uint64_t seed)
{
    int32_t i = 0;
    uint64_t h;
    if (len >= 32) {
        uint64_t v1 = seed + FN_P1 + FN_P2, v2 = seed + FN_P2, v3 = seed, v4 = seed - FN_P1;
        for (; i + 32 <= len; i += 32) {
            v1 = fn_xx_round(v1, fn_le64(b + i));
            v2 = fn_xx_round(v2, fn_le64(b + i + 8));
            v3 = fn_xx_round(v3, fn_le64(b + i + 16));
            v4 = fn_xx_round(v4, fn_le64(b + i + 24));
        }
        h = fn_rotl64(v1, 1) + fn_rotl64(v2, 7) + fn_rotl64(v3, 12) + fn_rotl64(v4, 18);
        uint64_t vs[4] = {v1, v2, v3, v4};
        for (int k = 0; k < 4; k++) {
            h ^= fn_xx_round(0, vs[k]);
            h = h * FN_P1 + FN_P4;
        }
    } else {
        h = seed + FN_P5;
    }
    h += (uint64_t)len;
    for (; i + 8 <= len; i += 8) {
        h ^= fn_xx_round(0, fn_le64(b + i));
        h = fn_rotl64(h, 27) * FN_P1 + FN_P4;
    }
    if (i + 4 <= len) {
        uint32_t k = (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 | (uint32_t)b[i + 2] << 16 |
                     (uint32_t)b[i + 3] << 24;
        h ^= (uint64_t)k * FN_P1;
        h = fn_rotl64(h, 23) * FN_P2 + FN_P3;
        i += 4;
    }
    for (; i < len; i++) {
        h ^= (uint64_t)b[i] * FN_P5;
        h = fn_rotl64(h, 11) * FN_P1;
    }
    return fn_xx_fmix(h);
}

/* ---- value encodings
 * ---------------------------------------------------------------------------------- */

typedef struct fn_hasher {
    bool xx;
} fn_hasher;

static uint64_t fn_h_int(const fn_hasher *h, uint32_t v, uint64_t seed)
{
    return h->xx ? fn_xx_int(v, seed) : fn_mm_int(v, (uint32_t)seed);
}

static uint64_t fn_h_long(const fn_hasher *h, uint64_t v, uint64_t seed)
{
    return h->xx ? fn_xx_long(v, seed) : fn_mm_long(v, (uint32_t)seed);
}

static uint64_t fn_h_bytes(const fn_hasher *h, const uint8_t *b, int32_t len, uint64_t seed)
{
    return h->xx ? fn_xx_bytes(b, len, seed) : fn_mm_bytes(b, len, (uint32_t)seed);
}

/* java.math.BigInteger.toByteArray of an unscaled value: minimal two's complement, big-endian. */
static int fn_bigint_bytes(ty_i128 v, uint8_t out[17])
{
    uint8_t be[16];
    ty_u128 u = (ty_u128)v;
    for (int k = 15; k >= 0; k--) {
        be[k] = (uint8_t)u;
        u >>= 8;
    }
    int start = 0;
    uint8_t fill = v < 0 ? 0xFF : 0x00;
    while (start < 15 && be[start] == fill && ((be[start + 1] & 0x80) == (fill & 0x80)))
        start++;
    memcpy(out, be + start, (size_t)(16 - start));
    return 16 - start;
}

static uint64_t fn_hash_value(const fn_hasher *h, const vec *v, int64_t r, uint64_t seed)
{
    if (v->type->kind == TY_NULL || vec_is_null(v, r))
        return seed;
    switch (v->type->kind) {
    case TY_BOOLEAN:
        return fn_h_int(h, VEC_VALUES(v, uint8_t)[r] ? 1 : 0, seed);
    case TY_BYTE:
        return fn_h_int(h, (uint32_t)(int32_t)VEC_VALUES(v, int8_t)[r], seed);
    case TY_SHORT:
        return fn_h_int(h, (uint32_t)(int32_t)VEC_VALUES(v, int16_t)[r], seed);
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return fn_h_int(h, (uint32_t)VEC_VALUES(v, int32_t)[r], seed);
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        return fn_h_long(h, (uint64_t)VEC_VALUES(v, int64_t)[r], seed);
    case TY_FLOAT: {
        float f = VEC_VALUES(v, float)[r];
        if (f == 0.0f)
            return fn_h_int(h, 0, seed);
        uint32_t bits;
        if (f != f)
            bits = 0x7fc00000u; /* Float.floatToIntBits canonical NaN */
        else
            memcpy(&bits, &f, 4);
        return fn_h_int(h, bits, seed);
    }
    case TY_DOUBLE: {
        double d = VEC_VALUES(v, double)[r];
        if (d == 0.0)
            return fn_h_long(h, 0, seed);
        uint64_t bits;
        if (d != d)
            bits = 0x7ff8000000000000ull;
        else
            memcpy(&bits, &d, 8);
        return fn_h_long(h, bits, seed);
    }
    case TY_DECIMAL: {
        ty_i128 x = VEC_VALUES(v, ty_i128)[r];
        if (v->type->precision <= 18)
            return fn_h_long(h, (uint64_t)(int64_t)x, seed);
        uint8_t b[17];
        int n = fn_bigint_bytes(x, b);
        return fn_h_bytes(h, b, n, seed);
    }
    case TY_CALENDAR_INTERVAL: {
        const ty_calendar_interval *iv = &VEC_VALUES(v, ty_calendar_interval)[r];
        uint64_t s = fn_h_long(h, (uint64_t)iv->microseconds, seed);
        s = fn_h_int(h, (uint32_t)iv->days, s);
        return fn_h_int(h, (uint32_t)iv->months, s);
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY: {
        int32_t len;
        const char *s = vec_str(v, r, &len);
        return fn_h_bytes(h, (const uint8_t *)s, len, seed);
    }
    case TY_ARRAY: {
        uint64_t s = seed;
        for (int32_t k = v->offsets[r]; k < v->offsets[r + 1]; k++)
            s = fn_hash_value(h, v->children[0], k, s);
        return s;
    }
    case TY_MAP: {
        uint64_t s = seed;
        for (int32_t k = v->offsets[r]; k < v->offsets[r + 1]; k++) {
            s = fn_hash_value(h, v->children[0], k, s);
            s = fn_hash_value(h, v->children[1], k, s);
        }
        return s;
    }
    case TY_STRUCT: {
        uint64_t s = seed;
        for (int f = 0; f < v->n_children; f++)
            s = fn_hash_value(h, v->children[f], r, s);
        return s;
    }
    default:
        return seed;
    }
}

static bool fn_has_map(const ty *t)
{
    if (t->kind == TY_MAP)
        return true;
    if (t->kind == TY_ARRAY)
        return fn_has_map(t->elem);
    if (t->kind == TY_STRUCT)
        for (int f = 0; f < t->n_fields; f++)
            if (fn_has_map(t->fields[f].type))
                return true;
    return false;
}

static int fn_bind_hash(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 1, -1, "> 0", err))
        return err->code;
    for (int i = 0; i < call->n_args; i++) {
        if (fn_has_map(call->args[i]->type)) {
            em_str sql;
            char id[64];
            em_str_init(&sql, 4096);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.HASH_MAP_TYPE", "sqlExpr",
                                  sql.data ? sql.data : "", "functionName",
                                  fn_misc_fn_id(call, id, sizeof id), NULL);
            em_str_release(&sql);
            return rc;
        }
        if (call->args[i]->type->kind == TY_VARIANT)
            return fn_err_unexpected_input(call, i, "\"ANY\"", err);
    }
    bool xx = strcasecmp(def->name, "xxhash64") == 0;
    call->type = xx ? ty_long() : ty_int();
    call->nullable = false;
    (void)a;
    (void)opts;
    return EM_OK;
}

static int fn_eval_hash(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    fn_hasher h = {.xx = call->type->kind == TY_LONG};
    vec *o = fn_vec_fixed(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        uint64_t s = 42;
        for (int i = 0; i < call->n_args; i++)
            s = fn_hash_value(&h, args[i], r, s);
        if (h.xx)
            VEC_VALUES(o, int64_t)[r] = (int64_t)s;
        else
            VEC_VALUES(o, int32_t)[r] = (int32_t)(uint32_t)s;
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- MD5 (RFC 1321)
 * -------------------------------------------------------------------------------------- */

static void fn_md5(const uint8_t *msg, size_t len, uint8_t out[16])
{
    static const uint32_t K[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391};
    static const int S[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                              5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                              4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                              6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
    uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    size_t total = ((len + 8) / 64 + 1) * 64;
    for (size_t off = 0; off < total; off += 64) {
        uint8_t blk[64];
        for (int k = 0; k < 64; k++) {
            size_t p = off + (size_t)k;
            blk[k] = p < len ? msg[p] : p == len ? 0x80 : 0;
        }
        if (off + 64 == total) {
            uint64_t bits = (uint64_t)len * 8;
            for (int k = 0; k < 8; k++)
                blk[56 + k] = (uint8_t)(bits >> (8 * k));
        }
        uint32_t w[16];
        for (int k = 0; k < 16; k++)
            w[k] = (uint32_t)blk[4 * k] | (uint32_t)blk[4 * k + 1] << 8 |
                   (uint32_t)blk[4 * k + 2] << 16 | (uint32_t)blk[4 * k + 3] << 24;
        uint32_t A = h[0], B = h[1], C = h[2], D = h[3];
        for (int k = 0; k < 64; k++) {
            uint32_t F;
            int g;
            if (k < 16)
                F = (B & C) | (~B & D), g = k;
            else if (k < 32)
                F = (D & B) | (~D & C), g = (5 * k + 1) % 16;
            else if (k < 48)
                F = B ^ C ^ D, g = (3 * k + 5) % 16;
            else
                F = C ^ (B | ~D), g = (7 * k) % 16;
            uint32_t t = D;
            D = C;
            C = B;
            B = B + fn_rotl32(A + F + K[k] + w[g], S[k]);
            A = t;
        }
        h[0] += A, h[1] += B, h[2] += C, h[3] += D;
    }
    for (int k = 0; k < 16; k++)
        out[k] = (uint8_t)(h[k / 4] >> (8 * (k % 4)));
}

/* ---- SHA-1 / SHA-2 (FIPS 180-4)
 * ------------------------------------------------------------------------- */

static uint32_t fn_rotr32(uint32_t x, int r)
{
    return (x >> r) | (x << (32 - r));
}

static uint64_t fn_rotr64(uint64_t x, int r)
{
    return (x >> r) | (x << (64 - r));
}

/* Big-endian message blocks of `bs` bytes with the length field of `lb` bytes. */
static void fn_sha_block(const uint8_t *msg, size_t len, size_t off, size_t total, int bs, int lb,
                         uint8_t *blk)
{
    for (int k = 0; k < bs; k++) {
        size_t p = off + (size_t)k;
        blk[k] = p < len ? msg[p] : p == len ? 0x80 : 0;
    }
    if (off + (size_t)bs == total) {
        uint64_t bits = (uint64_t)len * 8;
        for (int k = 0; k < 8; k++)
            blk[bs - 1 - k] = (uint8_t)(bits >> (8 * k));
        (void)lb;
    }
}

static void fn_sha1(const uint8_t *msg, size_t len, uint8_t out[20])
{
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    size_t total = ((len + 8) / 64 + 1) * 64;
    for (size_t off = 0; off < total; off += 64) {
        uint8_t blk[64];
        fn_sha_block(msg, len, off, total, 64, 8, blk);
        uint32_t w[80];
        for (int k = 0; k < 16; k++)
            w[k] = (uint32_t)blk[4 * k] << 24 | (uint32_t)blk[4 * k + 1] << 16 |
                   (uint32_t)blk[4 * k + 2] << 8 | (uint32_t)blk[4 * k + 3];
        for (int k = 16; k < 80; k++)
            w[k] = fn_rotl32(w[k - 3] ^ w[k - 8] ^ w[k - 14] ^ w[k - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int k = 0; k < 80; k++) {
            uint32_t f, kk;
            if (k < 20)
                f = (b & c) | (~b & d), kk = 0x5A827999;
            else if (k < 40)
                f = b ^ c ^ d, kk = 0x6ED9EBA1;
            else if (k < 60)
                f = (b & c) | (b & d) | (c & d), kk = 0x8F1BBCDC;
            else
                f = b ^ c ^ d, kk = 0xCA62C1D6;
            uint32_t t = fn_rotl32(a, 5) + f + e + kk + w[k];
            e = d;
            d = c;
            c = fn_rotl32(b, 30);
            b = a;
            a = t;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    }
    for (int k = 0; k < 20; k++)
        out[k] = (uint8_t)(h[k / 4] >> (24 - 8 * (k % 4)));
}

static void fn_sha256(const uint8_t *msg, size_t len, bool is224, uint8_t *out)
{
    static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    uint32_t h[8];
    static const uint32_t H256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    static const uint32_t H224[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                     0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
    memcpy(h, is224 ? H224 : H256, sizeof h);
    size_t total = ((len + 8) / 64 + 1) * 64;
    for (size_t off = 0; off < total; off += 64) {
        uint8_t blk[64];
        fn_sha_block(msg, len, off, total, 64, 8, blk);
        uint32_t w[64];
        for (int k = 0; k < 16; k++)
            w[k] = (uint32_t)blk[4 * k] << 24 | (uint32_t)blk[4 * k + 1] << 16 |
                   (uint32_t)blk[4 * k + 2] << 8 | (uint32_t)blk[4 * k + 3];
        for (int k = 16; k < 64; k++) {
            uint32_t s0 = fn_rotr32(w[k - 15], 7) ^ fn_rotr32(w[k - 15], 18) ^ (w[k - 15] >> 3);
            uint32_t s1 = fn_rotr32(w[k - 2], 17) ^ fn_rotr32(w[k - 2], 19) ^ (w[k - 2] >> 10);
            w[k] = w[k - 16] + s0 + w[k - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int k = 0; k < 64; k++) {
            uint32_t S1 = fn_rotr32(e, 6) ^ fn_rotr32(e, 11) ^ fn_rotr32(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = hh + S1 + ch + K[k] + w[k];
            uint32_t S0 = fn_rotr32(a, 2) ^ fn_rotr32(a, 13) ^ fn_rotr32(a, 22);
            uint32_t mj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + mj;
            hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
    }
    int words = is224 ? 7 : 8;
    for (int k = 0; k < words * 4; k++)
        out[k] = (uint8_t)(h[k / 4] >> (24 - 8 * (k % 4)));
}

static void fn_sha512(const uint8_t *msg, size_t len, bool is384, uint8_t *out)
{
    static const uint64_t K[80] = {
        0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
        0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
        0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
        0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
        0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
        0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
        0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
        0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
        0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
        0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
        0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
        0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
        0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
        0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
        0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
        0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
        0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
        0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
        0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
        0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull};
    static const uint64_t H512[8] = {
        0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
        0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};
    static const uint64_t H384[8] = {
        0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull, 0x152fecd8f70e5939ull,
        0x67332667ffc00b31ull, 0x8eb44a8768581511ull, 0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull};
    uint64_t h[8];
    memcpy(h, is384 ? H384 : H512, sizeof h);
    size_t total = ((len + 16) / 128 + 1) * 128;
    for (size_t off = 0; off < total; off += 128) {
        uint8_t blk[128];
        fn_sha_block(msg, len, off, total, 128, 16, blk);
        uint64_t w[80];
        for (int k = 0; k < 16; k++) {
            w[k] = 0;
            for (int j = 0; j < 8; j++)
                w[k] = (w[k] << 8) | blk[8 * k + j];
        }
        for (int k = 16; k < 80; k++) {
            uint64_t s0 = fn_rotr64(w[k - 15], 1) ^ fn_rotr64(w[k - 15], 8) ^ (w[k - 15] >> 7);
            uint64_t s1 = fn_rotr64(w[k - 2], 19) ^ fn_rotr64(w[k - 2], 61) ^ (w[k - 2] >> 6);
            w[k] = w[k - 16] + s0 + w[k - 7] + s1;
        }
        uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int k = 0; k < 80; k++) {
            uint64_t S1 = fn_rotr64(e, 14) ^ fn_rotr64(e, 18) ^ fn_rotr64(e, 41);
            uint64_t ch = (e & f) ^ (~e & g);
            uint64_t t1 = hh + S1 + ch + K[k] + w[k];
            uint64_t S0 = fn_rotr64(a, 28) ^ fn_rotr64(a, 34) ^ fn_rotr64(a, 39);
            uint64_t mj = (a & b) ^ (a & c) ^ (b & c);
            uint64_t t2 = S0 + mj;
            hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
    }
    int words = is384 ? 6 : 8;
    for (int k = 0; k < words * 8; k++)
        out[k] = (uint8_t)(h[k / 8] >> (56 - 8 * (k % 8)));
}

/* ---- CRC-32 (ISO-HDLC, as java.util.zip.CRC32)
 * ---------------------------------------------------------- */

static uint32_t fn_crc32(const uint8_t *b, size_t len)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) {
        c ^= b[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return c ^ 0xFFFFFFFFu;
}

/* ---- md5 / sha1 / sha2 / crc32
 * ----------------------------------------------------------------------------- */

static int fn_bind_digest(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    bool sha2 = strcasecmp(def->name, "sha2") == 0;
    if (fn_check_arity(call, sha2 ? 2 : 1, sha2 ? 2 : 1, sha2 ? "2" : "1", err))
        return err->code;
    bool ansi = opts && opts->ansi;
    if (fn_misc_expect(a, call, 0, FN_W_BINARY, ansi, err) ||
        (sha2 && fn_misc_expect(a, call, 1, FN_W_INT, ansi, err)))
        return err->code;
    call->type = strcasecmp(def->name, "crc32") == 0 ? ty_long() : ty_string();
    call->nullable = sha2 || fn_any_nullable(call);
    return EM_OK;
}

static void fn_hex_lower(const uint8_t *d, int n, em_str *out)
{
    static const char digits[] = "0123456789abcdef";
    for (int k = 0; k < n; k++) {
        em_str_putc(out, digits[d[k] >> 4]);
        em_str_putc(out, digits[d[k] & 0xF]);
    }
}

static int fn_row_digest(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                         em_error *err)
{
    int32_t len;
    const uint8_t *s = (const uint8_t *)vec_str(args[0], r, &len);
    uint8_t d[64];
    const char *name = call->fn->name;
    if (strcasecmp(name, "md5") == 0) {
        fn_md5(s, (size_t)len, d);
        fn_hex_lower(d, 16, buf);
    } else if (strcasecmp(name, "sha2") == 0) {
        int32_t bits = VEC_VALUES(args[1], int32_t)[r];
        if (bits == 224 || bits == 256 || bits == 0) {
            fn_sha256(s, (size_t)len, bits == 224, d);
            fn_hex_lower(d, bits == 224 ? 28 : 32, buf);
        } else if (bits == 384 || bits == 512) {
            fn_sha512(s, (size_t)len, bits == 384, d);
            fn_hex_lower(d, bits == 384 ? 48 : 64, buf);
        } else {
            *null = true;
        }
    } else {
        fn_sha1(s, (size_t)len, d);
        fn_hex_lower(d, 20, buf);
    }
    (void)err;
    return EM_OK;
}

static int fn_row_crc32(const pl_expr *call, vec *const *args, int64_t r, int64_t *val, bool *null,
                        em_error *err)
{
    int32_t len;
    const uint8_t *s = (const uint8_t *)vec_str(args[0], r, &len);
    *val = (int64_t)fn_crc32(s, (size_t)len);
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_digest(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    (void)ctx;
    if (call->type->kind == TY_LONG)
        return fn_misc_drive_int(call, args, n, true, fn_row_crc32, out, err);
    return fn_misc_drive_str(call, args, n, true, fn_row_digest, out, err);
}

#define FN_HASH(nm, mn, mx, b, e)                                                                  \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_hash_defs[] = {
    FN_HASH("hash", 1, -1, fn_bind_hash, fn_eval_hash),
    FN_HASH("xxhash64", 1, -1, fn_bind_hash, fn_eval_hash),
    FN_HASH("md5", 1, 1, fn_bind_digest, fn_eval_digest),
    FN_HASH("sha1", 1, 1, fn_bind_digest, fn_eval_digest),
    FN_HASH("sha", 1, 1, fn_bind_digest, fn_eval_digest),
    FN_HASH("sha2", 2, 2, fn_bind_digest, fn_eval_digest),
    FN_HASH("crc32", 1, 1, fn_bind_digest, fn_eval_digest),
};
const int fn_hash_n_defs = (int)(sizeof fn_hash_defs / sizeof fn_hash_defs[0]);
