/*
 * eb_load.c: the TPC-H .tbl files as Ember temp views, sent through the protocol the way a
 * PySpark program with only createDataFrame could do it (Ember has no file sources yet).
 *
 * Each file is mapped, cut into chunks of rows, and each chunk becomes Arrow C arrays (int64,
 * int32, date32, decimal128(15,2), utf8: the column types below), handed to
 * ember_create_dataframe (one LocalRelation, well under the 128 MiB message cap) and saved as a
 * temp view <table>__<k>. The table itself is a temp view over the UNION ALL of its chunks,
 * built from spark.table() DataFrames, so no single request carries more than one chunk.
 *
 * Column types follow the TPC-H specification's (clause 1.4: identifiers, integers, decimals
 * with two digits, dates, text), with Spark's BIGINT keys as in Spark's TPCHBase tables; the
 * DuckDB side (bench/js/duckdb.mjs) declares the same types when it converts to Parquet.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "eb.h"

/* K bigint, I int, D decimal(15,2), T date, S string. */
typedef struct eb_table_def {
    const char *name;
    const char *cols;         /* one type letter per column */
    const char *const *names; /* column names */
} eb_table_def;

static const char *const eb_lineitem_cols[] = {
    "l_orderkey",    "l_partkey",       "l_suppkey",  "l_linenumber",
    "l_quantity",    "l_extendedprice", "l_discount", "l_tax",
    "l_returnflag",  "l_linestatus",    "l_shipdate", "l_commitdate",
    "l_receiptdate", "l_shipinstruct",  "l_shipmode", "l_comment"};
static const char *const eb_orders_cols[] = {"o_orderkey",   "o_custkey",      "o_orderstatus",
                                             "o_totalprice", "o_orderdate",    "o_orderpriority",
                                             "o_clerk",      "o_shippriority", "o_comment"};
static const char *const eb_customer_cols[] = {"c_custkey",    "c_name",   "c_address",
                                               "c_nationkey",  "c_phone",  "c_acctbal",
                                               "c_mktsegment", "c_comment"};
static const char *const eb_part_cols[] = {"p_partkey",   "p_name",        "p_mfgr",
                                           "p_brand",     "p_type",        "p_size",
                                           "p_container", "p_retailprice", "p_comment"};
static const char *const eb_partsupp_cols[] = {"ps_partkey", "ps_suppkey", "ps_availqty",
                                               "ps_supplycost", "ps_comment"};
static const char *const eb_supplier_cols[] = {"s_suppkey", "s_name",    "s_address", "s_nationkey",
                                               "s_phone",   "s_acctbal", "s_comment"};
static const char *const eb_nation_cols[] = {"n_nationkey", "n_name", "n_regionkey", "n_comment"};
static const char *const eb_region_cols[] = {"r_regionkey", "r_name", "r_comment"};

static const eb_table_def eb_tables[] = {
    {"region", "KSS", eb_region_cols},         {"nation", "KSKS", eb_nation_cols},
    {"supplier", "KSSKSDS", eb_supplier_cols}, {"customer", "KSSKSDSS", eb_customer_cols},
    {"part", "KSSSSISDS", eb_part_cols},       {"partsupp", "KKIDS", eb_partsupp_cols},
    {"orders", "KKSDTSSIS", eb_orders_cols},   {"lineitem", "KKKIDDDDSSTTTSSS", eb_lineitem_cols},
};

/* ----- Arrow C arrays for one chunk --------------------------------------------------------- */

/* One column being filled; its buffers move into the exported ArrowArray. */
typedef struct eb_col {
    char type;
    void *values; /* int64 / int32 / 16-byte decimal / int32 offsets (n + 1) */
    char *data;   /* string bytes */
    size_t data_len, data_cap;
    const void *buffers[3];
} eb_col;

typedef struct eb_batch {
    int n_cols;
    int64_t n_rows;
    eb_col *cols;
    struct ArrowArray *children_store;
    struct ArrowArray **children;
    const void *top_buffers[1];
} eb_batch;

static void eb_child_release(struct ArrowArray *a)
{
    eb_col *c = a->private_data;
    em_free(c->values);
    em_free(c->data);
    c->values = NULL;
    c->data = NULL;
    a->release = NULL;
}

static void eb_batch_release(struct ArrowArray *a)
{
    eb_batch *b = a->private_data;
    for (int c_idx = 0; c_idx < b->n_cols; c_idx++)
        if (b->children[c_idx]->release)
            b->children[c_idx]->release(b->children[c_idx]);
    em_free(b->cols);
    em_free(b->children_store);
    em_free(b->children);
    em_free(b);
    a->release = NULL;
}

static void eb_schema_release(struct ArrowSchema *s)
{
    for (int64_t c_idx = 0; c_idx < s->n_children; c_idx++)
        em_free(s->children[c_idx]);
    em_free(s->children);
    s->release = NULL;
}

static void eb_child_schema_release(struct ArrowSchema *s)
{
    s->release = NULL;
}

static const char *eb_format(char type)
{
    switch (type) {
    case 'K':
        return "l";
    case 'I':
        return "i";
    case 'D':
        return "d:15,2";
    case 'T':
        return "tdD";
    default:
        return "u";
    }
}

static int eb_make_schema(const eb_table_def *def, struct ArrowSchema *out)
{
    int n = (int)strlen(def->cols);
    memset(out, 0, sizeof *out);
    out->format = "+s";
    out->name = "";
    out->n_children = n;
    out->children = em_calloc((size_t)n, sizeof *out->children);
    if (!out->children)
        return -1;
    out->release = eb_schema_release;
    for (int c_idx = 0; c_idx < n; c_idx++) {
        struct ArrowSchema *child = em_calloc(1, sizeof *child);
        if (!child)
            return -1;
        child->format = eb_format(def->cols[c_idx]);
        child->name = def->names[c_idx];
        child->flags = ARROW_FLAG_NULLABLE;
        child->release = eb_child_schema_release;
        out->children[c_idx] = child;
    }
    return 0;
}

/* "1995-03-17" -> days since 1970-01-01. */
static int32_t eb_parse_date(const char *p)
{
    int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    int m = (p[5] - '0') * 10 + (p[6] - '0');
    int d = (p[8] - '0') * 10 + (p[9] - '0');
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* An integer or a decimal with up to two fraction digits, scaled by 100 ("-0.5" -> -50). */
static int64_t eb_parse_cents(const char *p, const char *end)
{
    bool neg = p < end && *p == '-';
    p += neg;
    int64_t v = 0;
    while (p < end && *p != '.')
        v = v * 10 + (*p++ - '0');
    int frac_digits = 0;
    if (p < end && *p == '.')
        for (p++; p < end && frac_digits < 2; p++, frac_digits++)
            v = v * 10 + (*p - '0');
    for (; frac_digits < 2; frac_digits++)
        v *= 10;
    return neg ? -v : v;
}

static int64_t eb_parse_int(const char *p, const char *end)
{
    bool neg = p < end && *p == '-';
    p += neg;
    int64_t v = 0;
    while (p < end)
        v = v * 10 + (*p++ - '0');
    return neg ? -v : v;
}

/* Parses rows [*pos, file end) up to max_rows into a new batch; advances *pos. */
static int eb_batch_fill(const eb_table_def *def, const char *text, size_t len, size_t *pos,
                         int64_t max_rows, struct ArrowArray *out)
{
    int n_cols = (int)strlen(def->cols);
    eb_batch *b = em_calloc(1, sizeof *b);
    if (!b)
        return -1;
    b->n_cols = n_cols;
    b->cols = em_calloc((size_t)n_cols, sizeof *b->cols);
    b->children_store = em_calloc((size_t)n_cols, sizeof *b->children_store);
    b->children = em_calloc((size_t)n_cols, sizeof *b->children);
    if (!b->cols || !b->children_store || !b->children)
        return -1;
    for (int c_idx = 0; c_idx < n_cols; c_idx++) {
        eb_col *c = &b->cols[c_idx];
        c->type = def->cols[c_idx];
        size_t width = c->type == 'K' ? 8 : c->type == 'D' ? 16 : 4;
        c->values = em_malloc((size_t)(max_rows + 1) * width);
        if (!c->values)
            return -1;
        if (c->type == 'S') {
            c->data_cap = (size_t)max_rows * 16 + 1024;
            c->data = em_malloc(c->data_cap);
            if (!c->data)
                return -1;
            ((int32_t *)c->values)[0] = 0;
        }
    }
    int64_t row = 0;
    size_t p = *pos;
    while (row < max_rows && p < len) {
        const char *line_end = memchr(text + p, '\n', len - p);
        size_t stop = line_end ? (size_t)(line_end - text) : len;
        size_t field = p;
        for (int c_idx = 0; c_idx < n_cols; c_idx++) {
            const char *f = text + field;
            const char *f_end = memchr(f, '|', stop - field);
            if (!f_end || c_idx == n_cols - 1)
                f_end = text + stop;
            eb_col *c = &b->cols[c_idx];
            switch (c->type) {
            case 'K':
                ((int64_t *)c->values)[row] = eb_parse_int(f, f_end);
                break;
            case 'I':
                ((int32_t *)c->values)[row] = (int32_t)eb_parse_int(f, f_end);
                break;
            case 'T':
                ((int32_t *)c->values)[row] = f_end - f >= 10 ? eb_parse_date(f) : 0;
                break;
            case 'D': {
                __int128 v = eb_parse_cents(f, f_end);
                memcpy((char *)c->values + row * 16, &v, 16);
                break;
            }
            default: {
                size_t n = (size_t)(f_end - f);
                if (c->data_len + n > c->data_cap) {
                    size_t cap = c->data_cap * 2 + n;
                    char *data = em_realloc(c->data, cap);
                    if (!data)
                        return -1;
                    c->data = data;
                    c->data_cap = cap;
                }
                memcpy(c->data + c->data_len, f, n);
                c->data_len += n;
                ((int32_t *)c->values)[row + 1] = (int32_t)c->data_len;
                break;
            }
            }
            field = (size_t)(f_end - text) + 1;
        }
        row++;
        p = stop + 1;
    }
    *pos = p;
    b->n_rows = row;
    for (int c_idx = 0; c_idx < n_cols; c_idx++) {
        eb_col *c = &b->cols[c_idx];
        struct ArrowArray *a = &b->children_store[c_idx];
        c->buffers[0] = NULL;
        c->buffers[1] = c->values;
        c->buffers[2] = c->data;
        *a = (struct ArrowArray){.length = row,
                                 .null_count = 0,
                                 .n_buffers = c->type == 'S' ? 3 : 2,
                                 .buffers = c->buffers,
                                 .release = eb_child_release,
                                 .private_data = c};
        b->children[c_idx] = a;
    }
    b->top_buffers[0] = NULL;
    *out = (struct ArrowArray){.length = row,
                               .n_buffers = 1,
                               .buffers = b->top_buffers,
                               .n_children = n_cols,
                               .children = b->children,
                               .release = eb_batch_release,
                               .private_data = b};
    return 0;
}

/* A stream of exactly one batch. */
typedef struct eb_one_stream {
    const eb_table_def *def;
    struct ArrowArray batch;
    bool given;
} eb_one_stream;

static int eb_one_get_schema(struct ArrowArrayStream *s, struct ArrowSchema *out)
{
    eb_one_stream *o = s->private_data;
    return eb_make_schema(o->def, out) == 0 ? 0 : 12 /* ENOMEM */;
}

static int eb_one_get_next(struct ArrowArrayStream *s, struct ArrowArray *out)
{
    eb_one_stream *o = s->private_data;
    if (o->given) {
        memset(out, 0, sizeof *out); /* end of stream: release == NULL */
        return 0;
    }
    *out = o->batch;
    o->batch.release = NULL;
    o->given = true;
    return 0;
}

static const char *eb_one_last_error(struct ArrowArrayStream *s)
{
    return "out of memory";
}

static void eb_one_release(struct ArrowArrayStream *s)
{
    eb_one_stream *o = s->private_data;
    if (o->batch.release)
        o->batch.release(&o->batch);
    em_free(o);
    s->release = NULL;
}

/* ----- views ------------------------------------------------------------------------------- */

static int eb_load_table(ember_session *s, const char *dir, const eb_table_def *def,
                         int64_t max_chunk_rows, int64_t *n_rows, ember_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.tbl", dir, def->name);
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        fprintf(stderr, "ember-bench: cannot read %s\n", path);
        return EMBER_EINVAL;
    }
    size_t len = (size_t)st.st_size;
    const char *text = len ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : "";
    close(fd);
    if (text == MAP_FAILED)
        return EMBER_EINVAL;
    int rc = EMBER_OK;
    size_t pos = 0;
    int n_chunks = 0;
    ember_dataframe *all = NULL;
    do {
        eb_one_stream *o = em_calloc(1, sizeof *o);
        if (!o) {
            rc = EMBER_EINVAL;
            break;
        }
        o->def = def;
        if (eb_batch_fill(def, text, len, &pos, max_chunk_rows, &o->batch) != 0) {
            if (o->batch.release)
                o->batch.release(&o->batch);
            em_free(o);
            rc = EMBER_EINVAL;
            break;
        }
        *n_rows += o->batch.length;
        struct ArrowArrayStream stream = {eb_one_get_schema, eb_one_get_next, eb_one_last_error,
                                          eb_one_release, o};
        ember_dataframe *chunk = NULL, *named = NULL;
        rc = ember_create_dataframe(s, &stream, NULL, NULL, 0, &chunk, err);
        char view[128];
        snprintf(view, sizeof view, "%s__%d", def->name, n_chunks);
        if (rc == EMBER_OK)
            rc = ember_df_create_view(chunk, view, true, false, err);
        ember_df_free(chunk);
        if (rc == EMBER_OK)
            rc = ember_table(s, view, &named, err);
        if (rc == EMBER_OK && all) {
            ember_dataframe *u = NULL;
            rc = ember_df_union(all, named, &u, err);
            ember_df_free(all);
            ember_df_free(named);
            all = u;
        } else if (rc == EMBER_OK) {
            all = named;
        }
        if (rc != EMBER_OK)
            fprintf(stderr, "ember-bench: loading %s failed: %s\n", view, err ? err->message : "");
        n_chunks++;
    } while (rc == EMBER_OK && pos < len);
    if (rc == EMBER_OK)
        rc = ember_df_create_view(all, def->name, true, false, err);
    ember_df_free(all);
    if (len)
        munmap((void *)text, len);
    return rc;
}

int eb_load_tpch(ember_session *s, const char *dir, int64_t max_chunk_rows, int64_t *n_rows,
                 ember_error *err)
{
    int64_t total = 0;
    for (size_t t_idx = 0; t_idx < sizeof eb_tables / sizeof eb_tables[0]; t_idx++) {
        int64_t rows = 0;
        double t0 = eb_now();
        int rc = eb_load_table(s, dir, &eb_tables[t_idx], max_chunk_rows, &rows, err);
        if (rc != EMBER_OK)
            return rc;
        fprintf(stderr, "ember-bench: loaded %s: %lld rows in %.1f s\n", eb_tables[t_idx].name,
                (long long)rows, eb_now() - t0);
        total += rows;
    }
    if (n_rows)
        *n_rows = total;
    return EMBER_OK;
}
