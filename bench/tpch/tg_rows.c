/*
 * tg_rows.c: one row of each TPC-H table, as clause 4.2.3 of the specification defines its
 * columns, plus the generator context (cardinalities, text pool, the suppliers chosen for the
 * "Customer ... Complaints/Recommends" comments).
 *
 * Each row seeds its own random stream (tg_rng_seed with the table and the row index) and draws
 * its columns in a fixed order, so a row is the same whichever thread makes it.
 */
#include <math.h>
#include <string.h>

#include "common/em_mem.h"
#include "tg_int.h"

/* Base cardinalities at SF 1 (clause 4.2.5). */
#define TG_BASE_SUPPLIER 10000
#define TG_BASE_CUSTOMER 150000
#define TG_BASE_PART     200000
#define TG_BASE_ORDERS   1500000

/* ----- dates ------------------------------------------------------------------------------- */

int32_t tg_days(int year, int month, int day)
{
    /* Days from 1970-01-01 in the proleptic Gregorian calendar (era arithmetic). */
    int y = year - (month <= 2);
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tg_civil(int32_t days, int *year, int *month, int *day)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = yoe + era * 400 + (*month <= 2);
}

/* ----- context ----------------------------------------------------------------------------- */

static int64_t tg_scaled(double sf, int64_t base)
{
    int64_t n = (int64_t)llround(sf * (double)base);
    return n < 1 ? 1 : n;
}

/* Marks `n` distinct suppliers with `mark` (a uniform choice by rejection; n << suppliers). */
static void tg_choose_suppliers(tg_ctx *ctx, tg_rng *r, int64_t n, uint8_t mark)
{
    int64_t n_supp = ctx->n_rows[TG_SUPPLIER];
    for (int64_t chosen = 0; chosen < n;) {
        int64_t idx = tg_rng_range(r, 0, n_supp - 1);
        if (ctx->supplier_bbb[idx])
            continue;
        ctx->supplier_bbb[idx] = mark;
        chosen++;
    }
}

tg_ctx *tg_ctx_new(double sf, int64_t pool_bytes, int n_threads, uint64_t seed)
{
    if (!(sf > 0) || sf > 100000 || pool_bytes < 0 || (pool_bytes > 0 && pool_bytes < 4096))
        return NULL;
    tg_ctx *ctx = em_calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->sf = sf;
    ctx->seed = 0x5EED7C0DE5EEDULL ^ seed;
    ctx->n_rows[TG_REGION] = 5;
    ctx->n_rows[TG_NATION] = 25;
    ctx->n_rows[TG_SUPPLIER] = tg_scaled(sf, TG_BASE_SUPPLIER);
    ctx->n_rows[TG_CUSTOMER] = tg_scaled(sf, TG_BASE_CUSTOMER);
    ctx->n_rows[TG_PART] = tg_scaled(sf, TG_BASE_PART);
    ctx->n_rows[TG_PARTSUPP] = 4 * ctx->n_rows[TG_PART];
    ctx->n_rows[TG_ORDERS] = tg_scaled(sf, TG_BASE_ORDERS);
    ctx->n_rows[TG_LINEITEM] = ctx->n_rows[TG_ORDERS];
    ctx->n_clerks = tg_scaled(sf, 1000);
    ctx->pool_len = pool_bytes ? pool_bytes : TG_POOL_DEFAULT_BYTES;
    ctx->pool = em_malloc((size_t)ctx->pool_len);
    ctx->supplier_bbb = em_calloc((size_t)ctx->n_rows[TG_SUPPLIER], 1);
    if (!ctx->pool || !ctx->supplier_bbb || tg_dists_init(ctx) != 0) {
        tg_ctx_free(ctx);
        return NULL;
    }
    tg_pool_build(ctx, n_threads);
    /* S_COMMENT: SF * 5 suppliers get "Customer%Complaints", SF * 5 more "Customer%Recommends"
     * (clause 4.2.3). With few suppliers at tiny factors, at most a quarter are chosen. */
    int64_t n_bbb = (int64_t)llround(sf * 5);
    if (n_bbb < 1)
        n_bbb = 1;
    if (n_bbb > ctx->n_rows[TG_SUPPLIER] / 4)
        n_bbb = ctx->n_rows[TG_SUPPLIER] / 4;
    tg_rng r;
    tg_rng_seed(&r, ctx->seed, 2000, 0);
    tg_choose_suppliers(ctx, &r, n_bbb, 1);
    tg_choose_suppliers(ctx, &r, n_bbb, 2);
    return ctx;
}

void tg_ctx_free(tg_ctx *ctx)
{
    if (!ctx)
        return;
    tg_dists_release(ctx);
    em_free(ctx->pool);
    em_free(ctx->supplier_bbb);
    em_free(ctx);
}

int64_t tg_rows(const tg_ctx *ctx, tg_table t)
{
    return (t >= 0 && t < TG_N_TABLES) ? ctx->n_rows[t] : 0;
}

const char *tg_pool(const tg_ctx *ctx, int64_t *len)
{
    *len = ctx->pool_len;
    return ctx->pool;
}

/* ----- small formatters -------------------------------------------------------------------- */

/* Appends `value` zero-padded to `width` digits at p; returns the end. */
static char *tg_put_padded(char *p, int64_t value, int width)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0);
    for (int pad = n; pad < width; pad++)
        *p++ = '0';
    while (n > 0)
        *p++ = digits[--n];
    return p;
}

static void tg_prefixed_key(char *buf, const char *prefix, int64_t key)
{
    size_t len = strlen(prefix);
    memcpy(buf, prefix, len);
    *tg_put_padded(buf + len, key, 9) = '\0';
}

/* Clause 4.2.2.9: country code (nation key + 10), then three local numbers. */
static void tg_phone(tg_rng *r, int64_t nationkey, char *buf)
{
    char *p = tg_put_padded(buf, nationkey + 10, 2);
    *p++ = '-';
    p = tg_put_padded(p, tg_rng_range(r, 100, 999), 3);
    *p++ = '-';
    p = tg_put_padded(p, tg_rng_range(r, 100, 999), 3);
    *p++ = '-';
    p = tg_put_padded(p, tg_rng_range(r, 1000, 9999), 4);
    *p = '\0';
}

static void tg_cat3(char *buf, const char *a, const char *b, const char *c)
{
    size_t la = strlen(a), lb = strlen(b), lc = c ? strlen(c) : 0;
    memcpy(buf, a, la);
    buf[la] = ' ';
    memcpy(buf + la + 1, b, lb);
    if (c) {
        buf[la + 1 + lb] = ' ';
        memcpy(buf + la + 2 + lb, c, lc);
        buf[la + 2 + lb + lc] = '\0';
    } else {
        buf[la + 1 + lb] = '\0';
    }
}

/* ----- tables ------------------------------------------------------------------------------ */

void tg_gen_region(const tg_ctx *ctx, int64_t idx, tg_region *out)
{
    tg_rng r;
    tg_rng_seed(&r, ctx->seed, TG_REGION, (uint64_t)idx);
    out->regionkey = idx;
    out->name = tg_region_names[idx];
    out->comment = tg_text_pick(ctx, &r, 31, 115);
}

void tg_gen_nation(const tg_ctx *ctx, int64_t idx, tg_nation *out)
{
    tg_rng r;
    tg_rng_seed(&r, ctx->seed, TG_NATION, (uint64_t)idx);
    out->nationkey = idx;
    out->name = tg_nation_names[idx];
    out->regionkey = tg_nation_region[idx];
    out->comment = tg_text_pick(ctx, &r, 31, 114);
}

void tg_gen_supplier(const tg_ctx *ctx, int64_t idx, tg_supplier *out)
{
    tg_rng r;
    tg_rng_seed(&r, ctx->seed, TG_SUPPLIER, (uint64_t)idx);
    out->suppkey = idx + 1;
    tg_prefixed_key(out->name, "Supplier#", out->suppkey);
    tg_vstring(&r, 10, 40, out->address);
    out->nationkey = tg_rng_range(&r, 0, 24);
    tg_phone(&r, out->nationkey, out->phone);
    out->acctbal = tg_rng_range(&r, -99999, 999999);
    out->comment = tg_text_pick(ctx, &r, 25, 100);
    uint8_t bbb = ctx->supplier_bbb[idx];
    if (bbb) {
        /* "Customer" + noise + "Complaints"/"Recommends" at a random place in the comment. */
        static const char head[] = "Customer ";
        const char *tail = bbb == 1 ? "Complaints" : "Recommends";
        int len = out->comment.len;
        int fixed = (int)sizeof head - 1 + 10;
        int noise = (int)tg_rng_range(&r, 0, len - fixed);
        int at = (int)tg_rng_range(&r, 0, len - fixed - noise);
        memcpy(out->comment_buf, out->comment.ptr, (size_t)len);
        memcpy(out->comment_buf + at, head, sizeof head - 1);
        memcpy(out->comment_buf + at + sizeof head - 1 + noise, tail, 10);
        out->comment.ptr = out->comment_buf;
    }
}

void tg_gen_customer(const tg_ctx *ctx, int64_t idx, tg_customer *out)
{
    tg_rng r;
    tg_rng_seed(&r, ctx->seed, TG_CUSTOMER, (uint64_t)idx);
    out->custkey = idx + 1;
    tg_prefixed_key(out->name, "Customer#", out->custkey);
    tg_vstring(&r, 10, 40, out->address);
    out->nationkey = tg_rng_range(&r, 0, 24);
    tg_phone(&r, out->nationkey, out->phone);
    out->acctbal = tg_rng_range(&r, -99999, 999999);
    out->mktsegment = tg_segments[tg_rng_range(&r, 0, 4)];
    out->comment = tg_text_pick(ctx, &r, 29, 116);
}

int64_t tg_retailprice(int64_t partkey)
{
    /* (90000 + ((P_PARTKEY / 10) modulo 20001) + 100 * (P_PARTKEY modulo 1000)) / 100. */
    return 90000 + (partkey / 10) % 20001 + 100 * (partkey % 1000);
}

void tg_gen_part(const tg_ctx *ctx, int64_t idx, tg_part *out)
{
    tg_rng r;
    tg_rng_seed(&r, ctx->seed, TG_PART, (uint64_t)idx);
    out->partkey = idx + 1;
    /* P_NAME: five distinct colors separated by one space. */
    int picked[5];
    char *p = out->name;
    for (int w_idx = 0; w_idx < 5; w_idx++) {
        int c;
        bool dup;
        do {
            c = (int)tg_rng_range(&r, 0, 91);
            dup = false;
            for (int k = 0; k < w_idx; k++)
                dup |= picked[k] == c;
        } while (dup);
        picked[w_idx] = c;
        if (w_idx > 0)
            *p++ = ' ';
        size_t len = strlen(tg_colors[c]);
        memcpy(p, tg_colors[c], len);
        p += len;
    }
    *p = '\0';
    int m = (int)tg_rng_range(&r, 1, 5);
    int n = (int)tg_rng_range(&r, 1, 5);
    memcpy(out->mfgr, "Manufacturer#", 13);
    out->mfgr[13] = (char)('0' + m);
    out->mfgr[14] = '\0';
    memcpy(out->brand, "Brand#", 6);
    out->brand[6] = (char)('0' + m);
    out->brand[7] = (char)('0' + n);
    out->brand[8] = '\0';
    tg_cat3(out->type, tg_type_s1[tg_rng_range(&r, 0, 5)], tg_type_s2[tg_rng_range(&r, 0, 4)],
            tg_type_s3[tg_rng_range(&r, 0, 4)]);
    out->size = (int32_t)tg_rng_range(&r, 1, 50);
    tg_cat3(out->container, tg_container_s1[tg_rng_range(&r, 0, 4)],
            tg_container_s2[tg_rng_range(&r, 0, 7)], NULL);
    out->retailprice = tg_retailprice(out->partkey);
    out->comment = tg_text_pick(ctx, &r, 5, 22);
}

int64_t tg_partsupp_suppkey(const tg_ctx *ctx, int64_t partkey, int i)
{
    /* (PS_PARTKEY + (i * ((S / 4) + (int)(PS_PARTKEY - 1) / S))) modulo S + 1. */
    int64_t s = ctx->n_rows[TG_SUPPLIER];
    return (partkey + (i * ((s / 4) + (partkey - 1) / s))) % s + 1;
}

void tg_gen_partsupp(const tg_ctx *ctx, int64_t part_idx, tg_partsupp out[4])
{
    tg_rng r;
    tg_rng_seed(&r, ctx->seed, TG_PARTSUPP, (uint64_t)part_idx);
    for (int i = 0; i < 4; i++) {
        out[i].partkey = part_idx + 1;
        out[i].suppkey = tg_partsupp_suppkey(ctx, part_idx + 1, i);
        out[i].availqty = (int32_t)tg_rng_range(&r, 1, 9999);
        out[i].supplycost = tg_rng_range(&r, 100, 100000);
        out[i].comment = tg_text_pick(ctx, &r, 49, 198);
    }
}

int64_t tg_orderkey(int64_t idx)
{
    /* Only the first 8 of every 32 keys are used (the spec's sparse keys): 1..7, 32..39, ... */
    int64_t n = idx + 1;
    return ((n >> 3) << 5) | (n & 7);
}

void tg_gen_order(const tg_ctx *ctx, int64_t idx, tg_order *out)
{
    tg_rng r;
    tg_rng_seed(&r, ctx->seed, TG_ORDERS, (uint64_t)idx);
    out->orderkey = tg_orderkey(idx);
    /* O_CUSTKEY in [1, SF * 150000] and never a multiple of 3: draw among the keys that are
     * not, then map the k-th such key back (1, 2, 4, 5, 7, ...). */
    int64_t n_cust = ctx->n_rows[TG_CUSTOMER];
    int64_t eligible = n_cust - n_cust / 3;
    int64_t k = tg_rng_range(&r, 1, eligible);
    out->custkey = k + (k - 1) / 2;
    out->orderdate = (int32_t)tg_rng_range(&r, TG_STARTDATE, TG_ENDDATE - 151);
    out->orderpriority = tg_priorities[tg_rng_range(&r, 0, 4)];
    tg_prefixed_key(out->clerk, "Clerk#", tg_rng_range(&r, 1, ctx->n_clerks));
    out->shippriority = 0;
    out->comment = tg_text_pick(ctx, &r, 19, 78);
    out->n_lines = (int)tg_rng_range(&r, 1, 7);

    int64_t s = ctx->n_rows[TG_SUPPLIER];
    int64_t total = 0;
    int n_f = 0;
    for (int l_idx = 0; l_idx < out->n_lines; l_idx++) {
        tg_lineitem *l = &out->lines[l_idx];
        l->orderkey = out->orderkey;
        l->partkey = tg_rng_range(&r, 1, ctx->n_rows[TG_PART]);
        int i = (int)tg_rng_range(&r, 0, 3);
        l->suppkey = (l->partkey + (i * ((s / 4) + (l->partkey - 1) / s))) % s + 1;
        l->linenumber = l_idx + 1;
        l->quantity = tg_rng_range(&r, 1, 50);
        l->extendedprice = l->quantity * tg_retailprice(l->partkey);
        l->discount = tg_rng_range(&r, 0, 10);
        l->tax = tg_rng_range(&r, 0, 8);
        l->shipdate = out->orderdate + (int32_t)tg_rng_range(&r, 1, 121);
        l->commitdate = out->orderdate + (int32_t)tg_rng_range(&r, 30, 90);
        l->receiptdate = l->shipdate + (int32_t)tg_rng_range(&r, 1, 30);
        int64_t flag = tg_rng_range(&r, 0, 1);
        l->returnflag = l->receiptdate <= TG_CURRENTDATE ? (flag ? 'A' : 'R') : 'N';
        l->linestatus = l->shipdate > TG_CURRENTDATE ? 'O' : 'F';
        l->shipinstruct = tg_instructions[tg_rng_range(&r, 0, 3)];
        l->shipmode = tg_modes[tg_rng_range(&r, 0, 6)];
        l->comment = tg_text_pick(ctx, &r, 10, 43);
        /* O_TOTALPRICE: sum of L_EXTENDEDPRICE * (1 + L_TAX) * (1 - L_DISCOUNT), in cents,
         * each factor applied with truncation to whole cents as dbgen does. */
        total += (l->extendedprice * (100 - l->discount)) / 100 * (100 + l->tax) / 100;
        n_f += l->linestatus == 'F';
    }
    out->totalprice = total;
    out->orderstatus = n_f == out->n_lines ? 'F' : (n_f == 0 ? 'O' : 'P');
}

const char *tg_table_name(tg_table t)
{
    static const char *const names[TG_N_TABLES] = {"region", "nation",   "supplier", "customer",
                                                   "part",   "partsupp", "orders",   "lineitem"};
    return (t >= 0 && t < TG_N_TABLES) ? names[t] : "?";
}
