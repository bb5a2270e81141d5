/*
 * tg.h: Ember's TPC-H data generator (the bench/tpch tool behind `make bench`).
 *
 * It follows the data rules of the TPC-H specification (clause 4.2): the eight tables and their
 * cardinalities at scale factor SF, key ranges (sparse order keys, O_CUSTKEY never a multiple of
 * 3, the PS_SUPPKEY / L_SUPPKEY formula), the value domains and derived columns
 * (P_RETAILPRICE, L_EXTENDEDPRICE, L_RETURNFLAG, L_LINESTATUS, O_ORDERSTATUS, O_TOTALPRICE),
 * and the pseudo-text grammar whose 300 MB text pool feeds every comment column. It is not a
 * copy of dbgen: the random streams differ, so values differ from dbgen's row by row, while
 * every distribution and invariant is the specification's.
 *
 * Determinism: every row draws from its own random stream, seeded from (seed, table, row
 * index), so the output is the same whatever the thread count and any row can be generated
 * alone (tests use that). The text pool is generated in fixed-size chunks, each from its own
 * stream, with the same property.
 *
 * Money is carried in cents (int64), dates as days since 1970-01-01, text columns as fixed
 * buffers or slices of the text pool (borrowed from the tg_ctx; valid while it lives).
 */
#ifndef TG_H
#define TG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The tables, in the order the tool writes them. */
typedef enum tg_table {
    TG_REGION = 0,
    TG_NATION,
    TG_SUPPLIER,
    TG_CUSTOMER,
    TG_PART,
    TG_PARTSUPP,
    TG_ORDERS,
    TG_LINEITEM,
    TG_N_TABLES
} tg_table;

/* A slice of borrowed text (not NUL-terminated). */
typedef struct tg_text {
    const char *ptr;
    int32_t len;
} tg_text;

typedef struct tg_region {
    int64_t regionkey;
    const char *name;
    tg_text comment;
} tg_region;

typedef struct tg_nation {
    int64_t nationkey;
    const char *name;
    int64_t regionkey;
    tg_text comment;
} tg_nation;

typedef struct tg_supplier {
    int64_t suppkey;
    char name[32];    /* "Supplier#" + 9 digits */
    char address[48]; /* v-string [10,40] */
    int64_t nationkey;
    char phone[16];  /* "CC-LLL-LLL-LLLL" */
    int64_t acctbal; /* cents, [-999.99, 9999.99] */
    tg_text comment; /* text [25,100]; points into `comment_buf` for the BBB rows */
    char comment_buf[112];
} tg_supplier;

typedef struct tg_customer {
    int64_t custkey;
    char name[32];
    char address[48];
    int64_t nationkey;
    char phone[16];
    int64_t acctbal;
    const char *mktsegment;
    tg_text comment; /* text [29,116] */
} tg_customer;

typedef struct tg_part {
    int64_t partkey;
    char name[64]; /* five distinct colors */
    char mfgr[32];
    char brand[16];
    char type[32];
    int32_t size;
    char container[16];
    int64_t retailprice; /* cents */
    tg_text comment;     /* text [5,22] */
} tg_part;

typedef struct tg_partsupp {
    int64_t partkey;
    int64_t suppkey;
    int32_t availqty;
    int64_t supplycost; /* cents */
    tg_text comment;    /* text [49,198] */
} tg_partsupp;

typedef struct tg_lineitem {
    int64_t orderkey;
    int64_t partkey;
    int64_t suppkey;
    int32_t linenumber;
    int64_t quantity;      /* whole units [1,50] (printed as a decimal) */
    int64_t extendedprice; /* cents */
    int64_t discount;      /* hundredths [0,10] */
    int64_t tax;           /* hundredths [0,8] */
    char returnflag;
    char linestatus;
    int32_t shipdate, commitdate, receiptdate;
    const char *shipinstruct;
    const char *shipmode;
    tg_text comment; /* text [10,43] */
} tg_lineitem;

typedef struct tg_order {
    int64_t orderkey;
    int64_t custkey;
    char orderstatus;
    int64_t totalprice; /* cents */
    int32_t orderdate;
    const char *orderpriority;
    char clerk[32];
    int32_t shippriority;
    tg_text comment; /* text [19,78] */
    int n_lines;
    tg_lineitem lines[7];
} tg_order;

typedef struct tg_ctx tg_ctx;

/* Dates of the specification (days since 1970-01-01). */
#define TG_STARTDATE   8035  /* 1992-01-01 */
#define TG_CURRENTDATE 9298  /* 1995-06-17 */
#define TG_ENDDATE     10591 /* 1998-12-31 */

/* The specification's text pool size: 300 MB (dbgen and the spec use 300 x 2^20 bytes). */
#define TG_POOL_DEFAULT_BYTES (300LL * 1024 * 1024)

/*
 * Creates a generator for scale factor sf (> 0; fractional factors scale every table but
 * nation and region, rounding to whole rows, at least 1). Builds the text pool of pool_bytes
 * (0 = TG_POOL_DEFAULT_BYTES; at least 4096) with n_threads threads (>= 1). seed selects
 * the data set (0 is the default one). Returns NULL on a bad argument.
 * Caller releases with tg_ctx_free.
 */
tg_ctx *tg_ctx_new(double sf, int64_t pool_bytes, int n_threads, uint64_t seed);
void tg_ctx_free(tg_ctx *ctx);

/* Rows of each table (orders' count for TG_ORDERS; lineitem's count is only known after
 * generation, so TG_LINEITEM answers the number of orders that carry them). */
int64_t tg_rows(const tg_ctx *ctx, tg_table t);
/* The text pool (borrowed). */
const char *tg_pool(const tg_ctx *ctx, int64_t *len);

/* Row generators: idx is the 0-based row index (< tg_rows). Fill *out completely. */
void tg_gen_region(const tg_ctx *ctx, int64_t idx, tg_region *out);
void tg_gen_nation(const tg_ctx *ctx, int64_t idx, tg_nation *out);
void tg_gen_supplier(const tg_ctx *ctx, int64_t idx, tg_supplier *out);
void tg_gen_customer(const tg_ctx *ctx, int64_t idx, tg_customer *out);
void tg_gen_part(const tg_ctx *ctx, int64_t idx, tg_part *out);
/* The four partsupp rows of part idx. */
void tg_gen_partsupp(const tg_ctx *ctx, int64_t part_idx, tg_partsupp out[4]);
/* One order and its lineitems. */
void tg_gen_order(const tg_ctx *ctx, int64_t idx, tg_order *out);

/* Spec formulas, exposed for tests. */
int64_t tg_orderkey(int64_t idx);        /* sparse key of order idx */
int64_t tg_retailprice(int64_t partkey); /* cents */
int64_t tg_partsupp_suppkey(const tg_ctx *ctx, int64_t partkey, int i);
/* Days since 1970-01-01 of a civil date, and back (for tests and formatting). */
int32_t tg_days(int year, int month, int day);
void tg_civil(int32_t days, int *year, int *month, int *day);

/* Whether a word-list entry is in the named list ("nouns", "verbs", "adjectives", "adverbs",
 * "prepositions", "auxiliaries", "terminators", "colors"); for tests of the grammar. */
bool tg_word_in(const char *list, const char *word, size_t len);

/* ----- text output ("|"-separated lines, as dbgen's .tbl without the trailing '|') -------- */

/* A growable byte buffer (em_malloc). */
typedef struct tg_buf {
    char *data;
    size_t len, cap;
} tg_buf;

void tg_buf_release(tg_buf *b);
/*
 * Appends the text of rows [from, to) of table t. TG_PARTSUPP takes a range of part indexes
 * (four rows each); TG_ORDERS and TG_LINEITEM take order indexes, and `aux` (nullable)
 * receives lineitem's lines when t is TG_ORDERS, so one pass writes both. Returns the number of
 * rows appended to `b` (-1 when out of memory); *n_aux (nullable) the lineitems.
 */
int64_t tg_format_rows(const tg_ctx *ctx, tg_table t, int64_t from, int64_t to, tg_buf *b,
                       tg_buf *aux, int64_t *n_aux);

/* Table name ("lineitem"), and the DDL column list used by the loaders. */
const char *tg_table_name(tg_table t);

#endif
