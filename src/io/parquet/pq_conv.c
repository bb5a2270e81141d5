/*
 * pq_conv: turns decoded physical values into the Spark type's vector representation (ty.h):
 * narrowing of annotated INT32s, unsigned widening, integer- and byte-backed decimals to 128 bits,
 * timestamp units to microseconds, INT96 to microseconds, FLOAT16 to float, and byte arrays into
 * string/binary vectors. Each conversion is one loop over a run of values with the switch
 * outside it.
 *
 * Semantics follow Spark's vectorized Parquet reader: TIMESTAMP(MILLIS) uses an exact multiply
 * (overflow fails, as Math.multiplyExact does); INT96 uses Spark's Julian-day formula in wrapping
 * 64-bit arithmetic; unsigned values are zero-extended. NANOS (read only when the options allow
 * it) are floored to microseconds.
 */
#include "io/parquet/pq_int.h"

#include <string.h>

#define PQ_MICROS_PER_DAY      86400000000LL
#define PQ_JULIAN_DAY_OF_EPOCH 2440588

float pq_half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    uint32_t bits;
    if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13); /* inf / nan */
    } else if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else {
            /* Subnormal half: normalise into a float. */
            int e = -1;
            do {
                e++;
                mant <<= 1;
            } while (!(mant & 0x400));
            mant &= 0x3ff;
            bits = sign | (uint32_t)(127 - 15 - e) << 23 | (mant << 13);
        }
    } else {
        bits = sign | (exp + 127 - 15) << 23 | (mant << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

/* Sign-extends a big-endian two's complement integer of len bytes. */
static int pq_be_decimal(const uint8_t *b, int32_t len, __int128 *out)
{
    unsigned __int128 v = 0;
    if (len > 16) {
        /* Wider than 128 bits: the extra leading bytes must only repeat the sign. */
        uint8_t fill = (b[0] & 0x80) ? 0xff : 0x00;
        for (int32_t i = 0; i < len - 16; i++)
            if (b[i] != fill)
                return pq_fail("decimal value wider than 128 bits");
        if (((b[len - 16] ^ fill) & 0x80) != 0)
            return pq_fail("decimal value wider than 128 bits");
        b += len - 16;
        len = 16;
    }
    if (len > 0 && (b[0] & 0x80))
        v = ~(unsigned __int128)0;
    for (int32_t i = 0; i < len; i++)
        v = (v << 8) | b[i];
    *out = (__int128)v;
    return 0;
}

int pq_convert_fixed(pq_conv conv, int pw, const uint8_t *src, uint8_t *dst, int64_t n)
{
    switch (conv) {
    case PQ_CONV_COPY:
        memcpy(dst, src, (size_t)(n * pw));
        return 0;
    case PQ_CONV_I32_I8: {
        int8_t *d = (int8_t *)dst;
        for (int64_t i = 0; i < n; i++) {
            int32_t v;
            memcpy(&v, src + 4 * i, 4);
            d[i] = (int8_t)v;
        }
        return 0;
    }
    case PQ_CONV_I32_I16: {
        int16_t *d = (int16_t *)dst;
        for (int64_t i = 0; i < n; i++) {
            int32_t v;
            memcpy(&v, src + 4 * i, 4);
            d[i] = (int16_t)v;
        }
        return 0;
    }
    case PQ_CONV_U32_I64: {
        int64_t *d = (int64_t *)dst;
        for (int64_t i = 0; i < n; i++) {
            uint32_t v;
            memcpy(&v, src + 4 * i, 4);
            d[i] = (int64_t)v;
        }
        return 0;
    }
    case PQ_CONV_I32_DEC: {
        for (int64_t i = 0; i < n; i++) {
            int32_t v;
            memcpy(&v, src + 4 * i, 4);
            __int128 w = v;
            memcpy(dst + 16 * i, &w, 16);
        }
        return 0;
    }
    case PQ_CONV_I64_DEC:
    case PQ_CONV_U64_DEC: {
        bool is_unsigned = conv == PQ_CONV_U64_DEC;
        for (int64_t i = 0; i < n; i++) {
            uint64_t v;
            memcpy(&v, src + 8 * i, 8);
            __int128 w = is_unsigned ? (__int128)v : (__int128)(int64_t)v;
            memcpy(dst + 16 * i, &w, 16);
        }
        return 0;
    }
    case PQ_CONV_MILLIS_US: {
        int64_t *d = (int64_t *)dst;
        for (int64_t i = 0; i < n; i++) {
            int64_t v;
            memcpy(&v, src + 8 * i, 8);
            if (__builtin_mul_overflow(v, (int64_t)1000, &d[i]))
                return pq_fail("timestamp in milliseconds %lld overflows microseconds",
                               (long long)v);
        }
        return 0;
    }
    case PQ_CONV_NANOS_US: {
        int64_t *d = (int64_t *)dst;
        for (int64_t i = 0; i < n; i++) {
            int64_t v;
            memcpy(&v, src + 8 * i, 8);
            int64_t q = v / 1000;
            d[i] = q - (v % 1000 < 0);
        }
        return 0;
    }
    case PQ_CONV_I32_MS_US: {
        int64_t *d = (int64_t *)dst;
        for (int64_t i = 0; i < n; i++) {
            int32_t v;
            memcpy(&v, src + 4 * i, 4);
            d[i] = (int64_t)v * 1000;
        }
        return 0;
    }
    case PQ_CONV_INT96_US: {
        int64_t *d = (int64_t *)dst;
        for (int64_t i = 0; i < n; i++) {
            int64_t nanos;
            int32_t day;
            memcpy(&nanos, src + 12 * i, 8);
            memcpy(&day, src + 12 * i + 8, 4);
            /* Spark: (day - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanos / 1000, in Java's
             * wrapping long arithmetic (done unsigned here to stay defined). */
            uint64_t days = (uint64_t)((int64_t)day - PQ_JULIAN_DAY_OF_EPOCH);
            d[i] = (int64_t)(days * (uint64_t)PQ_MICROS_PER_DAY + (uint64_t)(nanos / 1000));
        }
        return 0;
    }
    case PQ_CONV_F16_F32: {
        float *d = (float *)dst;
        for (int64_t i = 0; i < n; i++) {
            uint16_t h;
            memcpy(&h, src + 2 * i, 2);
            d[i] = pq_half_to_float(h);
        }
        return 0;
    }
    case PQ_CONV_BE_DEC:
        for (int64_t i = 0; i < n; i++) {
            __int128 w;
            if (pq_be_decimal(src + (int64_t)pw * i, pw, &w))
                return EM_EIO;
            memcpy(dst + 16 * i, &w, 16);
        }
        return 0;
    case PQ_CONV_NULL:
        return 0;
    default:
        return pq_fail("internal: conversion %d on fixed-width values", (int)conv);
    }
}

int pq_convert_views(pq_conv conv, const pq_view *views, uint8_t *dst, int64_t n)
{
    switch (conv) {
    case PQ_CONV_BE_DEC:
        for (int64_t i = 0; i < n; i++) {
            __int128 w;
            if (pq_be_decimal(views[i].ptr, views[i].len, &w))
                return EM_EIO;
            memcpy(dst + 16 * i, &w, 16);
        }
        return 0;
    case PQ_CONV_F16_F32:
        for (int64_t i = 0; i < n; i++) {
            if (views[i].len != 2)
                return pq_fail("FLOAT16 value of %d bytes", views[i].len);
            uint16_t h;
            memcpy(&h, views[i].ptr, 2);
            float f = pq_half_to_float(h);
            memcpy(dst + 4 * i, &f, 4);
        }
        return 0;
    case PQ_CONV_NULL:
        return 0;
    default:
        return pq_fail("internal: conversion %d on byte arrays", (int)conv);
    }
}

int pq_append_views(vec *v, int64_t dst, const pq_view *views, int64_t n)
{
    int64_t total = 0;
    for (int64_t i = 0; i < n; i++)
        total += views[i].len;
    vec_reserve(v, dst + n);
    if (v->bytes_len + total > VEC_MAX_BYTES)
        return pq_fail("string data of one batch exceeds %lld bytes", (long long)VEC_MAX_BYTES);
    em_error e;
    em_error_clear(&e);
    if (vec_reserve_bytes(v, total, &e))
        return pq_fail("string data of one batch exceeds %lld bytes", (long long)VEC_MAX_BYTES);
    int32_t off = v->offsets[dst];
    for (int64_t i = 0; i < n; i++) {
        int32_t len = views[i].len;
        if (len)
            memcpy(v->bytes + off, views[i].ptr, (size_t)len);
        off += len;
        v->offsets[dst + i + 1] = off;
    }
    v->bytes_len += total;
    return 0;
}
