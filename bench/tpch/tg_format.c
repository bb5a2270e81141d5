/*
 * tg_format.c: rows as text lines, the layout of dbgen's .tbl files without the trailing '|':
 * columns separated by '|', one row per '\n', money as decimals with two digits, dates as
 * YYYY-MM-DD. No value can contain '|' or '\n' (the text pool and v-strings never do), so no
 * quoting is needed; DuckDB reads the files with read_csv(delim = '|', header = false).
 */
#include <string.h>

#include "common/em_mem.h"
#include "tg_int.h"

void tg_buf_release(tg_buf *b)
{
    em_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Makes room for `more` bytes (rows are short: callers reserve 1 KiB per row). */
static char *tg_reserve(tg_buf *b, size_t more)
{
    if (b->len + more > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1 << 16;
        while (cap < b->len + more)
            cap *= 2;
        char *data = em_realloc(b->data, cap);
        if (!data)
            return NULL;
        b->data = data;
        b->cap = cap;
    }
    return b->data + b->len;
}

static char *tg_w_str(char *p, const char *s)
{
    size_t len = strlen(s);
    memcpy(p, s, len);
    return p + len;
}

static char *tg_w_text(char *p, tg_text t)
{
    memcpy(p, t.ptr, (size_t)t.len);
    return p + t.len;
}

static char *tg_w_int(char *p, int64_t v)
{
    char digits[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (v < 0)
        *p++ = '-';
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    while (n > 0)
        *p++ = digits[--n];
    return p;
}

/* Cents as a decimal with two digits: -5 -> "-0.05". */
static char *tg_w_money(char *p, int64_t cents)
{
    uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    if (cents < 0)
        *p++ = '-';
    p = tg_w_int(p, (int64_t)(u / 100));
    *p++ = '.';
    *p++ = (char)('0' + (u % 100) / 10);
    *p++ = (char)('0' + u % 10);
    return p;
}

static char *tg_w_date(char *p, int32_t days)
{
    int y, m, d;
    tg_civil(days, &y, &m, &d);
    p = tg_w_int(p, y);
    *p++ = '-';
    *p++ = (char)('0' + m / 10);
    *p++ = (char)('0' + m % 10);
    *p++ = '-';
    *p++ = (char)('0' + d / 10);
    *p++ = (char)('0' + d % 10);
    return p;
}

#define SEP(p) (*(p)++ = '|')

static int tg_line(tg_buf *b, char *end)
{
    *end++ = '\n';
    b->len = (size_t)(end - b->data);
    return 0;
}

static int tg_fmt_lineitem(tg_buf *b, const tg_lineitem *l)
{
    char *p = tg_reserve(b, 1024);
    if (!p)
        return -1;
    p = tg_w_int(p, l->orderkey), SEP(p);
    p = tg_w_int(p, l->partkey), SEP(p);
    p = tg_w_int(p, l->suppkey), SEP(p);
    p = tg_w_int(p, l->linenumber), SEP(p);
    p = tg_w_int(p, l->quantity), SEP(p);
    p = tg_w_money(p, l->extendedprice), SEP(p);
    p = tg_w_money(p, l->discount), SEP(p);
    p = tg_w_money(p, l->tax), SEP(p);
    *p++ = l->returnflag, SEP(p);
    *p++ = l->linestatus, SEP(p);
    p = tg_w_date(p, l->shipdate), SEP(p);
    p = tg_w_date(p, l->commitdate), SEP(p);
    p = tg_w_date(p, l->receiptdate), SEP(p);
    p = tg_w_str(p, l->shipinstruct), SEP(p);
    p = tg_w_str(p, l->shipmode), SEP(p);
    p = tg_w_text(p, l->comment);
    return tg_line(b, p);
}

static int tg_fmt_row(const tg_ctx *ctx, tg_table t, int64_t idx, tg_buf *b, tg_buf *aux,
                      int64_t *n_rows, int64_t *n_aux)
{
    char *p = tg_reserve(b, 4096);
    if (!p)
        return -1;
    switch (t) {
    case TG_REGION: {
        tg_region row;
        tg_gen_region(ctx, idx, &row);
        p = tg_w_int(p, row.regionkey), SEP(p);
        p = tg_w_str(p, row.name), SEP(p);
        p = tg_w_text(p, row.comment);
        break;
    }
    case TG_NATION: {
        tg_nation row;
        tg_gen_nation(ctx, idx, &row);
        p = tg_w_int(p, row.nationkey), SEP(p);
        p = tg_w_str(p, row.name), SEP(p);
        p = tg_w_int(p, row.regionkey), SEP(p);
        p = tg_w_text(p, row.comment);
        break;
    }
    case TG_SUPPLIER: {
        tg_supplier row;
        tg_gen_supplier(ctx, idx, &row);
        p = tg_w_int(p, row.suppkey), SEP(p);
        p = tg_w_str(p, row.name), SEP(p);
        p = tg_w_str(p, row.address), SEP(p);
        p = tg_w_int(p, row.nationkey), SEP(p);
        p = tg_w_str(p, row.phone), SEP(p);
        p = tg_w_money(p, row.acctbal), SEP(p);
        p = tg_w_text(p, row.comment);
        break;
    }
    case TG_CUSTOMER: {
        tg_customer row;
        tg_gen_customer(ctx, idx, &row);
        p = tg_w_int(p, row.custkey), SEP(p);
        p = tg_w_str(p, row.name), SEP(p);
        p = tg_w_str(p, row.address), SEP(p);
        p = tg_w_int(p, row.nationkey), SEP(p);
        p = tg_w_str(p, row.phone), SEP(p);
        p = tg_w_money(p, row.acctbal), SEP(p);
        p = tg_w_str(p, row.mktsegment), SEP(p);
        p = tg_w_text(p, row.comment);
        break;
    }
    case TG_PART: {
        tg_part row;
        tg_gen_part(ctx, idx, &row);
        p = tg_w_int(p, row.partkey), SEP(p);
        p = tg_w_str(p, row.name), SEP(p);
        p = tg_w_str(p, row.mfgr), SEP(p);
        p = tg_w_str(p, row.brand), SEP(p);
        p = tg_w_str(p, row.type), SEP(p);
        p = tg_w_int(p, row.size), SEP(p);
        p = tg_w_str(p, row.container), SEP(p);
        p = tg_w_money(p, row.retailprice), SEP(p);
        p = tg_w_text(p, row.comment);
        break;
    }
    case TG_PARTSUPP: {
        tg_partsupp rows[4];
        tg_gen_partsupp(ctx, idx, rows);
        for (int i = 0; i < 4; i++) {
            p = tg_w_int(p, rows[i].partkey), SEP(p);
            p = tg_w_int(p, rows[i].suppkey), SEP(p);
            p = tg_w_int(p, rows[i].availqty), SEP(p);
            p = tg_w_money(p, rows[i].supplycost), SEP(p);
            p = tg_w_text(p, rows[i].comment);
            if (i < 3)
                *p++ = '\n';
        }
        *n_rows += 3;
        break;
    }
    case TG_ORDERS:
    case TG_LINEITEM: {
        tg_order row;
        tg_gen_order(ctx, idx, &row);
        if (t == TG_LINEITEM) {
            for (int l_idx = 0; l_idx < row.n_lines; l_idx++)
                if (tg_fmt_lineitem(b, &row.lines[l_idx]) != 0)
                    return -1;
            *n_rows += row.n_lines;
            return 0;
        }
        p = tg_w_int(p, row.orderkey), SEP(p);
        p = tg_w_int(p, row.custkey), SEP(p);
        *p++ = row.orderstatus, SEP(p);
        p = tg_w_money(p, row.totalprice), SEP(p);
        p = tg_w_date(p, row.orderdate), SEP(p);
        p = tg_w_str(p, row.orderpriority), SEP(p);
        p = tg_w_str(p, row.clerk), SEP(p);
        p = tg_w_int(p, row.shippriority), SEP(p);
        p = tg_w_text(p, row.comment);
        if (aux) {
            for (int l_idx = 0; l_idx < row.n_lines; l_idx++)
                if (tg_fmt_lineitem(aux, &row.lines[l_idx]) != 0)
                    return -1;
            *n_aux += row.n_lines;
        }
        break;
    }
    default:
        return -1;
    }
    *n_rows += 1;
    return tg_line(b, p);
}

int64_t tg_format_rows(const tg_ctx *ctx, tg_table t, int64_t from, int64_t to, tg_buf *b,
                       tg_buf *aux, int64_t *n_aux)
{
    int64_t n_rows = 0, n_lines = 0;
    for (int64_t idx = from; idx < to; idx++)
        if (tg_fmt_row(ctx, t, idx, b, aux, &n_rows, &n_lines) != 0)
            return -1;
    if (n_aux)
        *n_aux = n_lines;
    return n_rows;
}
