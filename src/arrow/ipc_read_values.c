/*
 * ipc_read_values: flat Arrow arrays -> vectors, converting to Spark's physical forms on the
 * way, and the materialisation of dictionary-encoded arrays.
 *
 * Conversions (source -> vector), applied to valid rows only (null rows stay zero):
 *   Bool bits -> a byte per value; unsigned Int -> the next wider signed type (uint64 ->
 *   decimal(20,0)); HalfFloat -> float; Decimal32/64 -> 128-bit; Date(MILLISECOND) -> days
 *   (floor); Timestamp / Duration of any unit -> microseconds (floor for nanoseconds, checked
 *   multiplication for seconds and milliseconds); Interval(DAY_TIME) and MONTH_DAY_NANO ->
 *   calendar interval (nanoseconds / 1000 truncated toward zero, as Java's division does);
 *   LargeUtf8 / LargeBinary / FixedSizeBinary -> 32-bit offsets.
 * Checks: each buffer holds the node's rows; decimals fit their precision; UTF-8 values are
 * well-formed; var-width payloads fit a vector (2^31 - 1 bytes); dictionary indices fall in the
 * dictionary. A null row of a var-width vector gets an empty value whatever the source held.
 */
#include "arrow/ipc_int.h"

#include <math.h>
#include <string.h>

#include "common/em_mem.h"

static int ipc_err_code(ipc_read_ctx *ctx)
{
    return ctx->err ? ctx->err->code : EM_EINTERNAL;
}

static int64_t ipc_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static float ipc_half_to_float(uint16_t h)
{
    int exp = (h >> 10) & 0x1f;
    int mant = h & 0x3ff;
    float v;
    if (exp == 0)
        v = ldexpf((float)mant, -24);
    else if (exp == 31)
        v = mant ? NAN : INFINITY;
    else
        v = ldexpf((float)(mant | 0x400), exp - 25);
    return (h & 0x8000) ? -v : v;
}

/* Bytes per value of a flat fixed-width source array; 0 for other layouts. */
static int ipc_src_width(const ipc_field *f)
{
    switch (f->type_id) {
    case IPC_T_INT:
    case IPC_T_DECIMAL:
        return f->bit_width / 8;
    case IPC_T_FLOAT:
        return f->precision == IPC_FP_HALF ? 2 : f->precision == IPC_FP_SINGLE ? 4 : 8;
    case IPC_T_DATE:
        return f->unit == IPC_DATE_DAY ? 4 : 8;
    case IPC_T_TIMESTAMP:
    case IPC_T_DURATION:
        return 8;
    case IPC_T_INTERVAL:
        return f->unit == IPC_IV_YEAR_MONTH ? 4 : f->unit == IPC_IV_DAY_TIME ? 8 : 16;
    default:
        return 0;
    }
}

/* Loads an integer of `width` bytes as int64 (uint64 above INT64_MAX is not loaded here). */
static int64_t ipc_load_int(const uint8_t *p, int width, bool is_signed)
{
    switch (width) {
    case 1:
        return is_signed ? (int64_t)(int8_t)p[0] : (int64_t)p[0];
    case 2: {
        uint16_t v = ipc_ld_u16(p);
        return is_signed ? (int64_t)(int16_t)v : (int64_t)v;
    }
    case 4: {
        uint32_t v = ipc_ld_u32(p);
        return is_signed ? (int64_t)(int32_t)v : (int64_t)v;
    }
    default:
        return ipc_ld_i64(p);
    }
}

/* |v| < 10^precision. */
static bool ipc_decimal_fits(__int128 v, int precision)
{
    __int128 limit = 1;
    for (int k = 0; k < precision; k++)
        limit *= 10;
    return v < limit && v > -limit;
}

/* Converts one valid row at p into dst (a slot of the vector's type). */
static int ipc_convert_row(ipc_read_ctx *ctx, const ipc_field *f, const uint8_t *p, void *dst)
{
    int64_t v, us;
    switch (f->type_id) {
    case IPC_T_INT: {
        int w = f->bit_width / 8;
        if (f->is_signed) {
            memcpy(dst, p, (size_t)w);
        } else if (w == 8) {
            __int128 d = (__int128)(uint64_t)ipc_ld_i64(p);
            memcpy(dst, &d, 16);
        } else {
            v = ipc_load_int(p, w, false);
            if (w == 1) {
                int16_t d = (int16_t)v;
                memcpy(dst, &d, 2);
            } else if (w == 2) {
                int32_t d = (int32_t)v;
                memcpy(dst, &d, 4);
            } else {
                memcpy(dst, &v, 8);
            }
        }
        return EM_OK;
    }
    case IPC_T_FLOAT:
        if (f->precision == IPC_FP_HALF) {
            float d = ipc_half_to_float(ipc_ld_u16(p));
            memcpy(dst, &d, 4);
        } else {
            memcpy(dst, p, f->precision == IPC_FP_SINGLE ? 4 : 8);
        }
        return EM_OK;
    case IPC_T_DECIMAL: {
        __int128 d;
        if (f->bit_width == 128)
            memcpy(&d, p, 16);
        else
            d = ipc_load_int(p, f->bit_width / 8, true);
        if (!ipc_decimal_fits(d, f->precision))
            return ipc_malformed(ctx->err, "decimal value exceeds precision %d", f->precision);
        memcpy(dst, &d, 16);
        return EM_OK;
    }
    case IPC_T_DATE: {
        if (f->unit == IPC_DATE_DAY) {
            memcpy(dst, p, 4);
            return EM_OK;
        }
        int64_t days = ipc_floor_div(ipc_ld_i64(p), 86400000);
        if (days < INT32_MIN || days > INT32_MAX)
            return ipc_malformed(ctx->err, "date out of range");
        int32_t d = (int32_t)days;
        memcpy(dst, &d, 4);
        return EM_OK;
    }
    case IPC_T_TIMESTAMP:
    case IPC_T_DURATION:
        v = ipc_ld_i64(p);
        switch (f->unit) {
        case IPC_TU_SECOND:
            if (__builtin_mul_overflow(v, 1000000, &us))
                return ipc_malformed(ctx->err, "time value out of range");
            break;
        case IPC_TU_MILLISECOND:
            if (__builtin_mul_overflow(v, 1000, &us))
                return ipc_malformed(ctx->err, "time value out of range");
            break;
        case IPC_TU_MICROSECOND:
            us = v;
            break;
        default:
            us = ipc_floor_div(v, 1000);
            break;
        }
        memcpy(dst, &us, 8);
        return EM_OK;
    case IPC_T_INTERVAL: {
        if (f->unit == IPC_IV_YEAR_MONTH) {
            memcpy(dst, p, 4);
            return EM_OK;
        }
        ty_calendar_interval iv = {0, 0, 0};
        if (f->unit == IPC_IV_DAY_TIME) {
            iv.days = ipc_ld_i32(p);
            iv.microseconds = (int64_t)ipc_ld_i32(p + 4) * 1000;
        } else {
            iv.months = ipc_ld_i32(p);
            iv.days = ipc_ld_i32(p + 4);
            iv.microseconds = ipc_ld_i64(p + 8) / 1000;
        }
        memcpy(dst, &iv, sizeof iv);
        return EM_OK;
    }
    default:
        return ipc_malformed(ctx->err, "unexpected flat type %d", (int)f->type_id);
    }
}

static int ipc_read_bool(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t nlen,
                         const uint8_t *bitmap, int64_t start, int64_t count, vec **out)
{
    const uint8_t *p;
    int64_t len;
    int rc = ipc_next_buffer(ctx, src, &p, &len);
    if (rc != EM_OK)
        return rc;
    if (len < (nlen + 7) / 8)
        return ipc_malformed(ctx->err, "boolean buffer of %lld bytes for %lld rows", (long long)len,
                             (long long)nlen);
    vec *v = ipc_vec_alloc(ctx, f->type, count, 0);
    if (!v)
        return ipc_err_code(ctx);
    uint8_t *dst = v->values;
    for (int64_t row = 0; row < count; row++)
        dst[row] = ipc_bit(p, start + row);
    ipc_set_validity(v, bitmap, start, count);
    *out = v;
    return EM_OK;
}

static int ipc_read_fixed(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t nlen,
                          const uint8_t *bitmap, int64_t start, int64_t count, vec **out)
{
    int sw = ipc_src_width(f);
    const uint8_t *p;
    int64_t len;
    int rc = ipc_next_buffer(ctx, src, &p, &len);
    if (rc != EM_OK)
        return rc;
    if (sw == 0)
        return ipc_malformed(ctx->err, "unexpected flat type %d", (int)f->type_id);
    if (len / sw < nlen)
        return ipc_malformed(ctx->err, "values buffer of %lld bytes for %lld rows", (long long)len,
                             (long long)nlen);
    vec *v = ipc_vec_alloc(ctx, f->type, count, 0);
    if (!v)
        return ipc_err_code(ctx);
    int dw = ty_fixed_width(f->type);
    uint8_t *dst = v->values;
    for (int64_t row = 0; row < count && rc == EM_OK; row++)
        if (!bitmap || ipc_bit(bitmap, start + row))
            rc = ipc_convert_row(ctx, f, p + (start + row) * sw, dst + row * dw);
    if (rc != EM_OK) {
        vec_release(v);
        return rc;
    }
    ipc_set_validity(v, bitmap, start, count);
    *out = v;
    return EM_OK;
}

/* Utf8, Binary, LargeUtf8, LargeBinary and FixedSizeBinary. */
static int ipc_read_varwidth(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f,
                             int64_t nlen, const uint8_t *bitmap, int64_t start, int64_t count,
                             vec **out)
{
    ipc_offsets offs = {NULL, 4};
    int64_t fixed = f->type_id == IPC_T_FIXED_SIZE_BINARY ? f->fixed_size : -1;
    int rc = EM_OK;
    if (fixed < 0) {
        bool large = f->type_id == IPC_T_LARGE_UTF8 || f->type_id == IPC_T_LARGE_BINARY;
        rc = ipc_read_offsets(ctx, src, large ? 8 : 4, nlen, &offs);
    }
    const uint8_t *data;
    int64_t data_len;
    if (rc == EM_OK)
        rc = ipc_next_buffer(ctx, src, &data, &data_len);
    if (rc != EM_OK)
        return rc;
    if (fixed >= 0 ? data_len / fixed < nlen : ipc_offset_at(&offs, nlen) > data_len)
        return ipc_malformed(ctx->err, "string offsets past a data buffer of %lld bytes",
                             (long long)data_len);
    /* Payload of the rows kept: null rows keep nothing. */
    int64_t total = 0;
    for (int64_t row = start; row < start + count; row++) {
        if (bitmap && !ipc_bit(bitmap, row))
            continue;
        total += fixed >= 0 ? fixed : ipc_offset_at(&offs, row + 1) - ipc_offset_at(&offs, row);
        if (total > VEC_MAX_BYTES)
            return ipc_malformed(ctx->err, "string column exceeds %lld bytes",
                                 (long long)VEC_MAX_BYTES);
    }
    vec *v = ipc_vec_alloc(ctx, f->type, count, total);
    if (!v)
        return ipc_err_code(ctx);
    bool utf8 = f->type_id == IPC_T_UTF8 || f->type_id == IPC_T_LARGE_UTF8;
    int64_t at = 0;
    for (int64_t row = 0; row < count; row++) {
        int64_t src_row = start + row;
        if (!bitmap || ipc_bit(bitmap, src_row)) {
            int64_t b = fixed >= 0 ? src_row * fixed : ipc_offset_at(&offs, src_row);
            int64_t n = fixed >= 0 ? fixed : ipc_offset_at(&offs, src_row + 1) - b;
            if (utf8 && !ipc_utf8_valid(data + b, (size_t)n)) {
                vec_release(v);
                return ipc_malformed(ctx->err, "string at row %lld is not valid UTF-8",
                                     (long long)src_row);
            }
            if (n)
                memcpy(v->bytes + at, data + b, (size_t)n);
            at += n;
        }
        v->offsets[row + 1] = (int32_t)at;
    }
    v->bytes_len = at;
    ipc_set_validity(v, bitmap, start, count);
    *out = v;
    return EM_OK;
}

int ipc_read_values(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t nlen,
                    const uint8_t *bitmap, int64_t start, int64_t count, vec **out)
{
    switch (f->type_id) {
    case IPC_T_BOOL:
        return ipc_read_bool(ctx, src, f, nlen, bitmap, start, count, out);
    case IPC_T_UTF8:
    case IPC_T_BINARY:
    case IPC_T_LARGE_UTF8:
    case IPC_T_LARGE_BINARY:
    case IPC_T_FIXED_SIZE_BINARY:
        return ipc_read_varwidth(ctx, src, f, nlen, bitmap, start, count, out);
    default:
        return ipc_read_fixed(ctx, src, f, nlen, bitmap, start, count, out);
    }
}

int64_t ipc_row_cost(const vec *v, int64_t row)
{
    int64_t cost = 1 + ty_fixed_width(v->type);
    switch (v->type->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
        return cost + 4 + (v->offsets[row + 1] - v->offsets[row]);
    case TY_ARRAY:
    case TY_MAP:
        cost += 4;
        for (int c = 0; c < v->n_children; c++)
            for (int64_t k = v->offsets[row]; k < v->offsets[row + 1]; k++)
                cost += ipc_row_cost(v->children[c], k);
        return cost;
    case TY_STRUCT:
        for (int c = 0; c < v->n_children; c++)
            cost += ipc_row_cost(v->children[c], row);
        return cost;
    default:
        return cost;
    }
}

int ipc_read_dict_column(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t nlen,
                         const uint8_t *bitmap, int64_t start, int64_t count, vec **out)
{
    const uint8_t *p;
    int64_t len;
    int rc = ipc_next_buffer(ctx, src, &p, &len);
    if (rc != EM_OK)
        return rc;
    int w = f->index_width / 8;
    if (len / w < nlen)
        return ipc_malformed(ctx->err, "dictionary index buffer of %lld bytes for %lld rows",
                             (long long)len, (long long)nlen);
    const vec *dict = NULL;
    for (int idx = 0; idx < ctx->n_dicts; idx++)
        if (ctx->dicts[idx].id == f->dict_id)
            dict = ctx->dicts[idx].values;
    if (!dict) {
        /* Only a row that looks a value up needs the dictionary (pyarrow sends one anyway). */
        for (int64_t row = start; row < start + count; row++)
            if (!bitmap || ipc_bit(bitmap, row))
                return ipc_malformed(ctx->err, "dictionary %lld used before it was sent",
                                     (long long)f->dict_id);
        if ((rc = ipc_charge(ctx, (int64_t)sizeof(vec) + (count + 1) * 16)) != EM_OK)
            return rc;
        vec *v = vec_new(f->type, count);
        for (int64_t row = 0; row < count; row++)
            vec_append_null(v);
        *out = v;
        return EM_OK;
    }
    /* Check every index, and price the output, before building it. */
    bool nested = ty_is_nested(dict->type);
    int64_t *memo = NULL;
    if (nested) {
        if ((rc = ipc_charge(ctx, dict->len * 8)) != EM_OK)
            return rc;
        memo = em_malloc((size_t)(dict->len ? dict->len : 1) * sizeof *memo);
        for (int64_t k = 0; k < dict->len; k++)
            memo[k] = -1;
    }
    int64_t cost = (int64_t)sizeof(vec) + (count + 1) * 8;
    for (int64_t row = start; row < start + count && rc == EM_OK; row++) {
        if (bitmap && !ipc_bit(bitmap, row))
            continue;
        const uint8_t *ip = p + row * w;
        bool too_big = w == 8 && !f->index_signed && ipc_ld_i64(ip) < 0;
        int64_t key = ipc_load_int(ip, w, f->index_signed);
        if (too_big || key < 0 || key >= dict->len) {
            rc = ipc_malformed(ctx->err, "dictionary index %lld outside a dictionary of %lld",
                               (long long)key, (long long)dict->len);
            break;
        }
        if (nested) {
            if (memo[key] < 0)
                memo[key] = ipc_row_cost(dict, key);
            cost += memo[key];
        } else {
            cost += ipc_row_cost(dict, key);
        }
        if (cost > ctx->budget)
            rc = ipc_charge(ctx, cost);
    }
    em_free(memo);
    if (rc == EM_OK)
        rc = ipc_charge(ctx, 2 * cost); /* vec_append_from grows by doubling */
    if (rc != EM_OK)
        return rc;
    vec *v = vec_new(f->type, count);
    for (int64_t row = start; row < start + count && rc == EM_OK; row++) {
        if (bitmap && !ipc_bit(bitmap, row)) {
            vec_append_null(v);
            continue;
        }
        int64_t key = ipc_load_int(p + row * w, w, f->index_signed);
        rc = vec_append_from(v, dict, key, ctx->err);
    }
    if (rc != EM_OK) {
        vec_release(v);
        return rc;
    }
    *out = v;
    return EM_OK;
}
