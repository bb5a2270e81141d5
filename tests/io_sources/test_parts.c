/*
 * Scan parts and pruning (src/io/source_plan.c, source_prune.c): a resolved source split into
 * parts (files, Parquet row groups, byte ranges of text files) must give, read part by part in
 * order, exactly the rows of the serial scan in the same order; pushed predicates may only drop
 * row groups / files in which no row satisfies them.
 *
 * The rows a predicate keeps are Spark's Filter semantics: a comparison with NULL is not true
 * (IS NULL / IS NOT NULL see nulls); "NaN = NaN returns true" and "NaN is treated as a normal
 * value in join keys ... larger than any other numeric value" (Spark SQL reference, NaN
 * Semantics); -0.0 = 0.0 (SQLOrderingUtil.compareDoubles); strings compare as UTF-8 bytes
 * (UTF8String.compareTo, the UTF8_BINARY collation); partition pruning filters files by the
 * partition values with the same semantics (PartitioningAwareFileIndex.listFiles). Which row
 * groups may be skipped follows from those rules and the data written here; the writer leaves
 * NaN out of min / max, as parquet-mr does, which is the case pruning must not get wrong.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"
#include "common/em_str.h"
#include "io/parquet/pq_write.h"
#include "io/source_int.h"
#include "src_util.h"
#include "types/ty_format.h"

#define OPTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- helpers ------------------------------------------------------------------------------- */

static int pt_sink(void *ctx, const void *p, size_t n, em_error *err)
{
    (void)err;
    return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

/* Writes batch b (schema t) as a Parquet file of rg_rows-row row groups. */
static void pt_write_pq(const char *rel, const ty *t, const vec_batch *b, int64_t rg_rows)
{
    const char *full = src_write(rel, "", 0);
    FILE *f = fopen(full, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    pqw_options o;
    pqw_options_init(&o);
    o.row_group_rows = rg_rows;
    o.page_rows = rg_rows < 50 ? rg_rows : 50;
    pqw_writer *w = NULL;
    em_error e;
    em_error_clear(&e);
    int rc = pqw_open(t, &o, pt_sink, f, &w, &e);
    if (!rc)
        rc = pqw_write(w, b, &e);
    if (!rc)
        rc = pqw_close(w, &e);
    else
        pqw_free(w);
    CHECK_EQ_INT(rc, 0);
    fclose(f);
}

static void pt_render_batch(const vec_batch *b, em_str *out)
{
    ty_format_opts fo = {.pretty = true, .decimal_plain = true, .tz = NULL};
    for (int64_t r = 0; r < b->n_rows; r++) {
        if (out->len)
            em_str_putc(out, '|');
        for (int c = 0; c < b->n_cols; c++) {
            if (c)
                em_str_putc(out, ',');
            ty_format_cell(b->cols[c], r, &fo, out);
        }
    }
}

/* Rows of every column, reading the plan's parts one scan each, in order; "ERROR:<class>". */
static const char *pt_parts_rows(const io_source *s, const int *cols, int n_cols,
                                 const io_pred *preds, int n_preds, int64_t target,
                                 io_prune_stats *st, int *n_parts)
{
    int n_out = io_source_schema(s)->n_fields;
    int all[64];
    if (!cols) {
        for (int i = 0; i < n_out && i < 64; i++)
            all[i] = i;
        cols = all;
        n_cols = n_out;
    }
    io_parts *p = NULL;
    em_error_clear(&S.err);
    if (io_scan_plan(s, cols, n_cols, preds, n_preds, target, &p, &S.err))
        return em_arena_printf(&S.a, "ERROR:%s", S.err.error_class);
    if (st)
        io_parts_stats(p, st);
    if (n_parts)
        *n_parts = io_parts_count(p);
    em_str out;
    em_str_init(&out, 1 << 24);
    const char *res = NULL;
    for (int i = 0; i < io_parts_count(p) && !res; i++) {
        io_scan *sc = NULL;
        if (io_scan_open_parts(p, i, i + 1, 7, &sc, &S.err)) {
            res = em_arena_printf(&S.a, "ERROR:%s", S.err.error_class);
            break;
        }
        vec_batch *b;
        int rc;
        while ((rc = io_scan_next(sc, &b, &S.err)) > 0) {
            pt_render_batch(b, &out);
            vec_batch_free(b);
        }
        if (rc < 0)
            res = em_arena_printf(&S.a, "ERROR:%s", S.err.error_class);
        io_scan_close(sc);
    }
    io_parts_free(p);
    if (!res)
        res = em_arena_strdup(&S.a, out.data ? out.data : "");
    em_str_release(&out);
    return res;
}

/* 1-row literal vectors (S's arena keeps nothing: they are released at the end of a test). */
static vec *pt_keep[256];
static int pt_n_keep;

static const vec *pt_hold(vec *v)
{
    if (pt_n_keep < 256)
        pt_keep[pt_n_keep++] = v;
    return v;
}

static void pt_release_lits(void)
{
    for (int i = 0; i < pt_n_keep; i++)
        vec_release(pt_keep[i]);
    pt_n_keep = 0;
}

static const vec *pt_long(int64_t x)
{
    vec *v = vec_new(ty_long(), 1);
    io_push_i64(v, x);
    return pt_hold(v);
}

static const vec *pt_int(int32_t x)
{
    vec *v = vec_new(ty_int(), 1);
    io_push_i32(v, x);
    return pt_hold(v);
}

static const vec *pt_double(double x)
{
    vec *v = vec_new(ty_double(), 1);
    io_push_f64(v, x);
    return pt_hold(v);
}

static const vec *pt_str(const char *s)
{
    vec *v = vec_new(ty_string(), 1);
    vec_append_str(v, s, (int64_t)strlen(s), NULL);
    return pt_hold(v);
}

static const vec *pt_dec(const ty *t, __int128 unscaled)
{
    vec *v = vec_new(t, 1);
    io_push_dec(v, unscaled);
    return pt_hold(v);
}

static const vec *pt_date(int32_t days)
{
    vec *v = vec_new(ty_date(), 1);
    io_push_i32(v, days);
    return pt_hold(v);
}

static const vec *pt_null(const ty *t)
{
    return pt_hold(vec_new_nulls(t, 1));
}

static io_pred pt_pred(int col, io_pred_op op, const ty *cast_to, const vec *v)
{
    static const vec *vals[64][1];
    static int next;
    const vec **slot = vals[next++ & 63];
    slot[0] = v;
    return (io_pred){
        .col = col, .op = op, .cast_to = cast_to, .n_values = v ? 1 : 0, .values = v ? slot : NULL};
}

/* ---- the Parquet table ------------------------------------------------------------------- */

/*
 * t.parquet: 1000 rows in 10 row groups of 100 (rg k = ids [100k, 100k + 99]):
 *   id  bigint        the row number
 *   i   int           id / 10; NULL in every row of rg 3
 *   d   double        id; rg 0: id * 0.5; rg 1: NaN in rows 150..159; rg 2: -0.0 at id 200,
 *                     0.0 at id 201; rg 4: NaN in every row
 *   s   string        rg k < 9: letter 'a' + k then the id ("c0205"); rg 9: "é" then the id
 *   dec decimal(10,2) id + 0.25
 *   dt  date          day id
 */
static const ty *pt_dec_t;

static const ty *pt_table_schema(void)
{
    pt_dec_t = ty_decimal(&S.a, 10, 2);
    ty_field f[6] = {
        {.name = "id", .type = ty_long(), .nullable = true},
        {.name = "i", .type = ty_int(), .nullable = true},
        {.name = "d", .type = ty_double(), .nullable = true},
        {.name = "s", .type = ty_string(), .nullable = true},
        {.name = "dec", .type = pt_dec_t, .nullable = true},
        {.name = "dt", .type = ty_date(), .nullable = true},
    };
    return ty_struct(&S.a, 6, f);
}

static void pt_write_table(const char *rel, int64_t first_id, int64_t n, int64_t rg_rows)
{
    const ty *t = pt_table_schema();
    vec_batch *b = vec_batch_new(6, n);
    for (int c = 0; c < 6; c++)
        b->cols[c] = vec_new(t->fields[c].type, n);
    for (int64_t r = 0; r < n; r++) {
        int64_t id = first_id + r;
        int64_t rg = id / 100;
        io_push_i64(b->cols[0], id);
        if (rg == 3)
            vec_append_null(b->cols[1]);
        else
            io_push_i32(b->cols[1], (int32_t)(id / 10));
        double d = (double)id;
        if (rg == 0)
            d = id * 0.5;
        else if ((id >= 150 && id < 160) || rg == 4)
            d = NAN;
        else if (id == 200)
            d = -0.0;
        else if (id == 201)
            d = 0.0;
        io_push_f64(b->cols[2], d);
        char s[16];
        if (rg < 9)
            snprintf(s, sizeof s, "%c%04lld", (char)('a' + rg), (long long)id);
        else
            snprintf(s, sizeof s, "\xc3\xa9%04lld", (long long)id);
        vec_append_str(b->cols[3], s, (int64_t)strlen(s), NULL);
        io_push_dec(b->cols[4], (__int128)id * 100 + 25);
        io_push_i32(b->cols[5], (int32_t)id);
    }
    pt_write_pq(rel, t, b, rg_rows);
    vec_batch_free(b);
}

/* The row groups (id / 100) whose rows a pruned scan of t.parquet returned, "0,2,4". */
static const char *pt_kept_rgs(const io_source *s, const io_pred *preds, int n_preds,
                               io_prune_stats *st)
{
    int col = 0;
    const char *rows = pt_parts_rows(s, &col, 1, preds, n_preds, 0, st, NULL);
    if (strncmp(rows, "ERROR:", 6) == 0)
        return rows;
    bool seen[64] = {0};
    for (const char *p = rows; *p;) {
        long long id = strtoll(p, NULL, 10);
        if (id >= 0 && id / 100 < 64)
            seen[id / 100] = true;
        p = strchr(p, '|');
        if (!p)
            break;
        p++;
    }
    em_str out;
    em_str_init(&out, 1 << 10);
    for (int k = 0; k < 64; k++)
        if (seen[k])
            em_str_printf(&out, "%s%d", out.len ? "," : "", k);
    const char *res = em_arena_strdup(&S.a, out.data ? out.data : "");
    em_str_release(&out);
    return res;
}

/* ---- parts = serial ------------------------------------------------------------------------ */

EM_TEST(parts_parquet_row_groups_in_order)
{
    src_begin();
    pt_write_table("t/a.parquet", 0, 1000, 100);
    pt_write_table("t/b.parquet", 0, 250, 100);
    pt_write_table("t/c.parquet", 0, 30, 7);
    io_source *s = src_resolve("parquet", src_path("t"), NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        const char *serial = src_rows(s);
        int n_parts = 0;
        io_prune_stats st;
        /* one row group per part: 10 + 3 + 5 */
        CHECK_EQ_STR(pt_parts_rows(s, NULL, 0, NULL, 0, 0, &st, &n_parts), serial);
        CHECK_EQ_INT(n_parts, 18);
        CHECK_EQ_INT(st.row_groups, 18);
        CHECK_EQ_INT(st.row_groups_skipped, 0);
        /* packed to 250 rows: a = 3 parts of 300 + 1 of 100, b = 1 part, c = 1 part */
        CHECK_EQ_STR(pt_parts_rows(s, NULL, 0, NULL, 0, 250, NULL, &n_parts), serial);
        /* small files are not split unless asked: b and c are packed together */
        CHECK_EQ_STR(pt_parts_rows(s, NULL, 0, NULL, 0, 65536, NULL, &n_parts), serial);
        CHECK_EQ_INT(n_parts, 1);
        /* a projection, and no columns at all (row counts) */
        int cols[2] = {3, 0};
        CHECK_EQ_STR(pt_parts_rows(s, cols, 2, NULL, 0, 0, NULL, NULL), src_rows_cols(s, cols, 2));
        io_scan *sc = NULL;
        io_parts *p = NULL;
        CHECK_EQ_INT(io_scan_plan(s, NULL, 0, NULL, 0, 0, &p, &S.err), 0);
        int64_t rows = 0;
        for (int i = 0; i < io_parts_count(p); i++) {
            CHECK_EQ_INT(io_scan_open_parts(p, i, i + 1, 0, &sc, &S.err), 0);
            vec_batch *b;
            while (io_scan_next(sc, &b, &S.err) > 0) {
                CHECK_EQ_INT(b->n_cols, 0);
                rows += b->n_rows;
                vec_batch_free(b);
            }
            io_scan_close(sc);
        }
        CHECK_EQ_INT(rows, 1280);
        /* a range of parts at once */
        CHECK_EQ_INT(io_scan_open_parts(p, 2, 5, 0, &sc, &S.err), 0);
        io_scan_close(sc);
        CHECK(io_scan_open_parts(p, 5, 99, 0, &sc, &S.err) != 0);
        io_parts_free(p);
    }
    src_end();
}

EM_TEST(parts_parquet_partitioned)
{
    src_begin();
    pt_write_table("p/k=1/a.parquet", 0, 300, 100);
    pt_write_table("p/k=2/a.parquet", 300, 200, 50);
    pt_write_table("p/k=3/a.parquet", 500, 100, 100);
    pt_write_table("p/k=__HIVE_DEFAULT_PARTITION__/a.parquet", 600, 50, 10);
    io_source *s = src_resolve("parquet", src_path("p"), NULL, NULL);
    CHECK(s &&
          strcmp(src_schema(s),
                 "struct<id:bigint,i:int,d:double,s:string,dec:decimal(10,2),dt:date,k:int>") == 0);
    if (s) {
        const char *serial = src_rows(s);
        int n_parts = 0;
        CHECK_EQ_STR(pt_parts_rows(s, NULL, 0, NULL, 0, 0, NULL, &n_parts), serial);
        CHECK_EQ_INT(n_parts, 3 + 4 + 1 + 5);
        int cols[2] = {6, 0};
        CHECK_EQ_STR(pt_parts_rows(s, cols, 2, NULL, 0, 0, NULL, NULL), src_rows_cols(s, cols, 2));

        /* partition pruning (k is column 6) */
        io_prune_stats st;
        io_pred eq2 = pt_pred(6, IO_PRED_EQ, NULL, pt_int(2));
        int kc = 6;
        char want[1024] = "";
        for (int r = 0; r < 200; r++) /* the 200 rows of k=2 */
            snprintf(want + strlen(want), sizeof want - strlen(want), "%s", r ? "|2" : "2");
        CHECK_EQ_STR(pt_parts_rows(s, &kc, 1, &eq2, 1, 0, &st, NULL), want);
        CHECK_EQ_INT(st.files, 4);
        CHECK_EQ_INT(st.files_skipped, 3);
        /* IS NULL: only the default partition */
        io_pred isnull = pt_pred(6, IO_PRED_IS_NULL, NULL, NULL);
        (void)pt_parts_rows(s, &kc, 1, &isnull, 1, 0, &st, NULL);
        CHECK_EQ_INT(st.files_skipped, 3);
        /* k > 1: NULL > 1 is not true, so the default partition goes too */
        io_pred gt1 = pt_pred(6, IO_PRED_GT, NULL, pt_int(1));
        (void)pt_parts_rows(s, &kc, 1, &gt1, 1, 0, &st, NULL);
        CHECK_EQ_INT(st.files_skipped, 2);
        /* k IN (1, 3, NULL) */
        const vec *in_vals[3] = {pt_int(1), pt_int(3), pt_null(ty_int())};
        io_pred in = {.col = 6, .op = IO_PRED_IN, .n_values = 3, .values = in_vals};
        (void)pt_parts_rows(s, &kc, 1, &in, 1, 0, &st, NULL);
        CHECK_EQ_INT(st.files_skipped, 2);
        /* CAST(k AS BIGINT) >= 3L, and a partition predicate with a data predicate */
        io_pred ge3 = pt_pred(6, IO_PRED_GE, ty_long(), pt_long(3));
        (void)pt_parts_rows(s, &kc, 1, &ge3, 1, 0, &st, NULL);
        CHECK_EQ_INT(st.files_skipped, 3);
        io_pred both[2] = {pt_pred(6, IO_PRED_LE, NULL, pt_int(2)),
                           pt_pred(0, IO_PRED_GE, NULL, pt_long(450))};
        int idc = 0;
        (void)pt_parts_rows(s, &idc, 1, both, 2, 0, &st, NULL);
        /* k <= 2 drops k=3 and the NULL folder; id >= 450 drops k=1 (ids < 300) and the first
           three 50-row groups of k=2 (ids 300..449); k=1 then counts as a skipped file */
        CHECK_EQ_INT(st.files_skipped, 3);
        CHECK_EQ_INT(st.row_groups_skipped, 3 + 3);
        CHECK_EQ_INT(st.row_groups, 3 + 4);
    }
    pt_release_lits();
    src_end();
}

/* ---- statistics pruning ------------------------------------------------------------------- */

EM_TEST(prune_parquet_statistics)
{
    src_begin();
    pt_write_table("t/a.parquet", 0, 1000, 100);
    io_source *s = src_resolve("parquet", src_path("t"), NULL, NULL);
    CHECK(s != NULL);
    if (!s) {
        src_end();
        return;
    }
    io_prune_stats st;
    enum { ID, I, D, STR, DEC, DT };
    struct {
        io_pred p;
        const char *kept;
    } cases[] = {
        {pt_pred(ID, IO_PRED_GE, NULL, pt_long(950)), "9"},
        {pt_pred(ID, IO_PRED_LT, NULL, pt_long(100)), "0"},
        {pt_pred(ID, IO_PRED_LE, NULL, pt_long(100)), "0,1"},
        {pt_pred(ID, IO_PRED_GT, NULL, pt_long(899)), "9"},
        {pt_pred(ID, IO_PRED_EQ, NULL, pt_long(555)), "5"},
        {pt_pred(ID, IO_PRED_EQ, NULL, pt_long(5000)), ""},
        /* a comparison with NULL is never true */
        {pt_pred(ID, IO_PRED_EQ, NULL, pt_null(ty_long())), ""},
        /* rg 3 of i is all NULL */
        {pt_pred(I, IO_PRED_IS_NULL, NULL, NULL), "3"},
        {pt_pred(I, IO_PRED_IS_NOT_NULL, NULL, NULL), "0,1,2,4,5,6,7,8,9"},
        {pt_pred(I, IO_PRED_EQ, NULL, pt_int(35)), ""},
        {pt_pred(I, IO_PRED_EQ, NULL, pt_int(45)), "4"},
        /* promotions: CAST(i AS BIGINT) > 85L, CAST(i AS DOUBLE) <= 5.0 */
        {pt_pred(I, IO_PRED_GT, ty_long(), pt_long(85)), "8,9"},
        {pt_pred(I, IO_PRED_LE, ty_double(), pt_double(5.0)), "0"},
        /* not order-preserving: CAST(i AS STRING) = '5' is not used */
        {pt_pred(I, IO_PRED_EQ, ty_string(), pt_str("5")), "0,1,2,3,4,5,6,7,8,9"},
        /* doubles: NaN is above everything, and the bounds leave NaN out: rg 1 (some NaN) and
           rg 4 (all NaN, no bounds) may hold rows > 1e9; d >= x likewise */
        {pt_pred(D, IO_PRED_GT, NULL, pt_double(1e9)), "0,1,2,3,4,5,6,7,8,9"},
        {pt_pred(D, IO_PRED_GE, NULL, pt_double(1e9)), "0,1,2,3,4,5,6,7,8,9"},
        /* nothing is below a NaN-free minimum: rg 0 (0..49.5), rg 2 (-0.0) and rg 4 (no
           bounds) */
        {pt_pred(D, IO_PRED_LT, NULL, pt_double(10.0)), "0,2,4"},
        /* -0.0 = 0.0: rg 0 (0.0 at id 0) and rg 2 */
        {pt_pred(D, IO_PRED_EQ, NULL, pt_double(-0.0)), "0,2,4"},
        {pt_pred(D, IO_PRED_LE, NULL, pt_double(-0.0)), "0,2,4"},
        /* NaN = NaN: any row group may hold a NaN the bounds do not show */
        {pt_pred(D, IO_PRED_EQ, NULL, pt_double(NAN)), "0,1,2,3,4,5,6,7,8,9"},
        /* d < NaN: every non-NaN value is below NaN */
        {pt_pred(D, IO_PRED_LT, NULL, pt_double(NAN)), "0,1,2,3,4,5,6,7,8,9"},
        /* nothing is above NaN: only rg 4 (no bounds) is kept */
        {pt_pred(D, IO_PRED_GT, NULL, pt_double(NAN)), "4"},
        /* strings as UTF-8 bytes: "é" (0xC3 0xA9) sorts after "z" */
        {pt_pred(STR, IO_PRED_GT, NULL, pt_str("z")), "9"},
        {pt_pred(STR, IO_PRED_LT, NULL, pt_str("b")), "0"},
        {pt_pred(STR, IO_PRED_EQ, NULL, pt_str("c0205")), "2"},
        {pt_pred(STR, IO_PRED_GE, NULL, pt_str("i0899")), "8,9"},
        /* decimals, also compared at a wider scale */
        {pt_pred(DEC, IO_PRED_GE, NULL, pt_dec(pt_dec_t, 99025)), "9"},
        {pt_pred(DEC, IO_PRED_LT, ty_decimal(&S.a, 12, 3), pt_dec(ty_decimal(&S.a, 12, 3), 300)),
         "0"},
        {pt_pred(DEC, IO_PRED_GT, ty_double(), pt_double(899.25)), "9"},
        /* dates */
        {pt_pred(DT, IO_PRED_EQ, NULL, pt_date(500)), "5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = pt_kept_rgs(s, &cases[i].p, 1, &st);
        if (strcmp(got, cases[i].kept) != 0)
            fprintf(stderr, "case %zu: kept %s, want %s\n", i, got, cases[i].kept);
        CHECK_EQ_STR(got, cases[i].kept);
        CHECK_EQ_INT(st.row_groups, 10);
    }
    /* IN: a list of literals (NULL ignored) */
    const vec *in_vals[3] = {pt_long(5), pt_null(ty_long()), pt_long(999)};
    io_pred in = {.col = ID, .op = IO_PRED_IN, .n_values = 3, .values = in_vals};
    CHECK_EQ_STR(pt_kept_rgs(s, &in, 1, &st), "0,9");
    CHECK_EQ_INT(st.row_groups_skipped, 8);
    /* conjunctions */
    io_pred two[2] = {pt_pred(ID, IO_PRED_GE, NULL, pt_long(300)),
                      pt_pred(STR, IO_PRED_LT, NULL, pt_str("f"))};
    CHECK_EQ_STR(pt_kept_rgs(s, two, 2, &st), "3,4");
    /* predicates the layer cannot use are ignored: bad column, wrong literal type */
    io_pred bad[2] = {pt_pred(99, IO_PRED_EQ, NULL, pt_long(1)),
                      pt_pred(ID, IO_PRED_EQ, NULL, pt_str("x"))};
    CHECK_EQ_STR(pt_kept_rgs(s, bad, 2, &st), "0,1,2,3,4,5,6,7,8,9");
    /* every row group pruned: no parts at all, and the file counts as skipped */
    io_pred none = pt_pred(ID, IO_PRED_LT, NULL, pt_long(-1));
    int n_parts = -1;
    CHECK_EQ_STR(pt_parts_rows(s, NULL, 0, &none, 1, 0, &st, &n_parts), "");
    CHECK_EQ_INT(n_parts, 0);
    CHECK_EQ_INT(st.files_skipped, 1);
    /* the process-wide counters add up every plan */
    io_prune_stats_reset();
    (void)pt_kept_rgs(s, &none, 1, &st);
    (void)pt_kept_rgs(s, &cases[0].p, 1, &st);
    io_prune_stats_get(&st);
    CHECK_EQ_INT(st.row_groups, 20);
    CHECK_EQ_INT(st.row_groups_skipped, 19);
    pt_release_lits();
    src_end();
}

/* A column the file lacks reads as NULL (user schema): comparisons never hold, IS NULL always. */
EM_TEST(prune_parquet_missing_column)
{
    src_begin();
    pt_write_table("t/a.parquet", 0, 300, 100);
    io_source *s = src_resolve("parquet", src_path("t"), src_struct("id:bigint,x:int"), NULL);
    CHECK(s != NULL);
    if (s) {
        io_prune_stats st;
        io_pred eq = pt_pred(1, IO_PRED_EQ, NULL, pt_int(1));
        CHECK_EQ_STR(pt_kept_rgs(s, &eq, 1, &st), "");
        io_pred isnull = pt_pred(1, IO_PRED_IS_NULL, NULL, NULL);
        CHECK_EQ_STR(pt_kept_rgs(s, &isnull, 1, &st), "0,1,2");
        /* id read as bigint from the file, x absent */
        CHECK_EQ_STR(pt_parts_rows(s, NULL, 0, &isnull, 1, 100, NULL, NULL), src_rows(s));
    }
    pt_release_lits();
    src_end();
}

/* The rules themselves, on hand-made bounds (statistics that other writers produce). */
EM_TEST(prune_rules_bounds)
{
    src_begin();
    double lo = 1.0, hi = 2.0, nan = NAN;
    vec *b = io_prune_bounds_new(ty_double(), &lo, &hi);
    io_pred gt5 = pt_pred(0, IO_PRED_GT, NULL, pt_double(5.0));
    io_pred lt0 = pt_pred(0, IO_PRED_LT, NULL, pt_double(0.0));
    /* NaN rows may hide beyond float bounds: > cannot be pruned, < can */
    CHECK(io_prune_may_match(&gt5, b, false, false, true));
    CHECK(!io_prune_may_match(&gt5, b, false, false, false));
    CHECK(!io_prune_may_match(&lt0, b, false, false, true));
    /* all NULL: no comparison holds; IS NULL does */
    CHECK(!io_prune_may_match(&lt0, NULL, true, false, false));
    io_pred isnull = pt_pred(0, IO_PRED_IS_NULL, NULL, NULL);
    CHECK(io_prune_may_match(&isnull, NULL, true, false, false));
    CHECK(!io_prune_may_match(&isnull, b, false, true, false));
    vec_release(b);
    /* a NaN bound (a writer that kept it) is not used */
    b = io_prune_bounds_new(ty_double(), &nan, &nan);
    CHECK(io_prune_may_match(&lt0, b, false, false, true));
    vec_release(b);
    /* exact values (partitions): NaN > 5 holds, NaN = NaN holds */
    b = io_prune_bounds_new(ty_double(), &nan, &nan);
    CHECK(io_prune_may_match(&gt5, b, false, true, false));
    vec_release(b);
    /* casts: only order-preserving widenings */
    CHECK(io_prune_cast_ok(ty_int(), ty_long()));
    CHECK(io_prune_cast_ok(ty_int(), ty_double()));
    CHECK(io_prune_cast_ok(ty_float(), ty_double()));
    CHECK(!io_prune_cast_ok(ty_long(), ty_int()));
    CHECK(!io_prune_cast_ok(ty_double(), ty_float()));
    CHECK(!io_prune_cast_ok(ty_int(), ty_string()));
    CHECK(!io_prune_cast_ok(ty_date(), ty_timestamp()));
    CHECK(!io_prune_cast_ok(ty_string_collated(&S.a, "UTF8_LCASE"),
                            ty_string_collated(&S.a, "UTF8_LCASE")));
    pt_release_lits();
    src_end();
}

/* ---- text byte ranges ---------------------------------------------------------------------- */

/* Every split size from 1 byte up: parts read in order = the serial scan. */
static void pt_all_splits(const io_source *s, const char *what)
{
    const char *serial = src_rows(s);
    for (int64_t split = 1; split <= 64; split++) {
        io_plan_test_split_bytes(split);
        int n_parts = 0;
        const char *got = pt_parts_rows(s, NULL, 0, NULL, 0, 1000, NULL, &n_parts);
        if (strcmp(got, serial) != 0)
            fprintf(stderr, "%s split %lld (%d parts):\n  got  %s\n  want %s\n", what,
                    (long long)split, n_parts, got, serial);
        CHECK_EQ_STR(got, serial);
    }
    io_plan_test_split_bytes(0);
}

EM_TEST(parts_csv_byte_ranges)
{
    src_begin();
    /* BOM, header after a comment and a blank line, \r\n and \r endings, a malformed row */
    src_write("c/a.csv", "\xef\xbb\xbf# c\n\nx,y\r\n1,a\r\n2,b\r3,c\n\n4,\"d\"\nzz,e\n5,f", -1);
    src_write("c/b.csv", "x,y\n6,g\n", -1);
    io_source *s = src_resolve("csv", src_path("c"), NULL,
                               OPTS("header=true", "comment=#", "inferSchema=true"));
    CHECK(s != NULL);
    if (s)
        pt_all_splits(s, "csv");
    io_source *t = src_resolve("csv", src_path("c"), src_struct("x:int,y:string"),
                               OPTS("header=true", "comment=#", "mode=DROPMALFORMED"));
    if (t)
        pt_all_splits(t, "csv dropmalformed");
    /* one-byte lineSep; no header */
    src_write("d/a.csv", "1;2;;3;4", -1);
    io_source *u = src_resolve("csv", src_path("d"), NULL, OPTS("lineSep=;"));
    if (u)
        pt_all_splits(u, "csv lineSep");
    src_end();
}

EM_TEST(parts_json_text_byte_ranges)
{
    src_begin();
    src_write("j/a.json", "{\"a\":1}\n{\"a\":2,\"b\":\"x\"}\r\n\n{bad\n{\"a\":3}", -1);
    io_source *s = src_resolve("json", src_path("j"), NULL, NULL);
    CHECK(s != NULL);
    if (s)
        pt_all_splits(s, "json");
    src_write("x/a.txt", "\xef\xbb\xbfone\ntwo\r\nthree\r\rfive\n", -1);
    io_source *t = src_resolve("text", src_path("x"), NULL, NULL);
    CHECK(t != NULL);
    if (t)
        pt_all_splits(t, "text");
    /* multiLine and compressed files stay whole */
    io_source *m = src_resolve("json", src_path("j"), NULL, OPTS("multiLine=true"));
    if (m) {
        io_plan_test_split_bytes(3);
        int n_parts = 0;
        CHECK_EQ_STR(pt_parts_rows(m, NULL, 0, NULL, 0, 1000, NULL, &n_parts), src_rows(m));
        CHECK_EQ_INT(n_parts, 1);
        io_plan_test_split_bytes(0);
    }
    src_end();
}

/* spark.sql.files.ignoreCorruptFiles: a read error skips the rest of its file (FileScanRDD), so
   a file is never split then: the parts read what the serial scan reads. */
EM_TEST(parts_ignore_corrupt_files)
{
    src_begin();
    pt_write_table("t/a.parquet", 0, 1000, 100);
    const char *full = src_path("t/a.parquet");
    FILE *f = fopen(full, "r+b");
    CHECK(f != NULL);
    if (f) {
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        fseek(f, size * 6 / 10, SEEK_SET); /* inside a later row group's pages */
        char junk[512];
        memset(junk, 0xA5, sizeof junk);
        fwrite(junk, 1, sizeof junk, f);
        fclose(f);
    }
    S.conf.ignore_corrupt_files = true;
    io_source *s = src_resolve("parquet", src_path("t"), NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        int col = 0;
        const char *serial = src_rows_cols(s, &col, 1);
        CHECK(strncmp(serial, "0|1|2", 5) == 0);
        CHECK(strlen(serial) < 3889); /* fewer than the 1000 ids ("0|1|...|999": 3889) */
        int n_parts = 0;
        CHECK_EQ_STR(pt_parts_rows(s, &col, 1, NULL, 0, 0, NULL, &n_parts), serial);
        CHECK_EQ_INT(n_parts, 1);
    }
    src_end();
}
