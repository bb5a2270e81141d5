/*
 * csv_infer: Spark's CSV schema inference (CSVDataSource.infer + CSVInferSchema).
 *
 * The header comes from the first record that is not blank or a comment, taken from the files in
 * scan order (largest first, as Spark's text scan returns them). Column names follow
 * CSVUtils.makeSafeHeader: "_c<i>" without a header or for an empty / nullValue name, "<name><i>"
 * for duplicates. With inferSchema, every value of every other record refines its column's
 * type along Spark's chain int -> bigint -> decimal(p,0) -> double -> date (preferDate) ->
 * timestamp_ntz (only when spark.sql.timestampType is TIMESTAMP_NTZ) -> timestamp -> boolean ->
 * string, merged with CSVInferSchema.compatibleType; columns never seen are strings. Without
 * inferSchema every column is a string. In line mode, lines equal to the header line are
 * skipped everywhere when header is on (CSVUtils.filterHeaderLine); in multiLine mode the first
 * record of each file is. samplingRatio is not applied (every record is used).
 */
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "io/csv/csv.h"

/* ---- one value ----------------------------------------------------------------------------- */

static bool csv_is_inf_nan(const csv_opts *o, const char *v, size_t n)
{
    return (strlen(o->nan_value) == n && memcmp(v, o->nan_value, n) == 0) ||
           (strlen(o->neg_inf) == n && memcmp(v, o->neg_inf, n) == 0) ||
           (strlen(o->pos_inf) == n && memcmp(v, o->pos_inf, n) == 0);
}

static const ty *csv_try_bool(const char *v, size_t n)
{
    bool b;
    return io_java_bool(v, n, &b) ? ty_boolean() : ty_string();
}

static const ty *csv_try_ts(const csv_opts *o, const char *v, size_t n)
{
    int64_t us;
    if (io_parse_ts_optional(&o->time, v, n, &us))
        return ty_timestamp();
    return csv_try_bool(v, n);
}

static const ty *csv_try_ntz(const csv_opts *o, const char *v, size_t n)
{
    int64_t us;
    if (o->ntz_default && io_parse_ntz_value(&o->time, v, n, &us))
        return ty_timestamp_ntz();
    return csv_try_ts(o, v, n);
}

static const ty *csv_try_date(const csv_opts *o, const char *v, size_t n)
{
    int32_t d;
    if (io_parse_strict_date(&o->time, v, n, &d))
        return ty_date();
    return csv_try_ntz(o, v, n);
}

static const ty *csv_try_double(const csv_opts *o, const char *v, size_t n)
{
    double d;
    if (io_java_double(v, n, false, &d) || csv_is_inf_nan(o, v, n))
        return ty_double();
    return o->prefer_date ? csv_try_date(o, v, n) : csv_try_ntz(o, v, n);
}

static const ty *csv_try_decimal(em_arena *a, const csv_opts *o, const char *v, size_t n)
{
    int p, sc;
    /* new java.math.BigDecimal(s); DecimalType(p, s) fails for a negative scale or p > 38. */
    if (io_bigdec_shape(v, n, &p, &sc) && sc == 0 && p <= TY_DECIMAL_MAX_PRECISION)
        return ty_decimal(a, p, 0);
    return csv_try_double(o, v, n);
}

static const ty *csv_try_long(em_arena *a, const csv_opts *o, const char *v, size_t n)
{
    int64_t x;
    if (io_java_long(v, n, &x))
        return ty_long();
    return csv_try_decimal(a, o, v, n);
}

static const ty *csv_try_int(em_arena *a, const csv_opts *o, const char *v, size_t n)
{
    int32_t x;
    if (io_java_int(v, n, &x))
        return ty_int();
    return csv_try_long(a, o, v, n);
}

/* CSVInferSchema.canParseDateAsTimestamp. */
static bool csv_date_as_ts(const csv_opts *o, const ty *ts)
{
    bool lenient = (ts->kind == TY_TIMESTAMP && !o->time.ts_pattern_given) ||
                   (ts->kind == TY_TIMESTAMP_NTZ && !o->time.ntz_pattern_given);
    if (!lenient)
        return false;
    const char *f = o->time.date_pattern ? o->time.date_pattern : "yyyy-MM-dd";
    static const char *const ok[] = {"yyyy-MM-dd", "yyyy-M-d", "yyyy-M-dd", "yyyy-MM-d",
                                     "yyyy-MM",    "yyyy-M",   "yyyy"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcmp(f, ok[i]) == 0)
            return true;
    return false;
}

static bool csv_is_ts(const ty *t)
{
    return t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
}

const ty *csv_merge_types(em_arena *a, const csv_opts *o, const ty *t1, const ty *t2)
{
    if ((t1->kind == TY_DATE && csv_is_ts(t2)) || (csv_is_ts(t1) && t2->kind == TY_DATE)) {
        if (t1->kind == TY_DATE && csv_date_as_ts(o, t2))
            return t2;
        if (csv_is_ts(t1) && csv_date_as_ts(o, t1))
            return t1;
        return ty_string();
    }
    const ty *t = io_tightest_common_type(a, t1, t2, false);
    if (t)
        return t;
    if (ty_is_string(t1) || ty_is_string(t2))
        return ty_string();
    if (ty_is_integral(t1) && t2->kind == TY_DECIMAL)
        return csv_merge_types(a, o, io_decimal_for_integral(a, t1), t2);
    if (t1->kind == TY_DECIMAL && ty_is_integral(t2))
        return csv_merge_types(a, o, t1, io_decimal_for_integral(a, t2));
    if ((t1->kind == TY_DOUBLE && t2->kind == TY_DECIMAL) ||
        (t1->kind == TY_DECIMAL && t2->kind == TY_DOUBLE))
        return ty_double();
    if (t1->kind == TY_DECIMAL && t2->kind == TY_DECIMAL) {
        int scale = t1->scale > t2->scale ? t1->scale : t2->scale;
        int r1 = t1->precision - t1->scale, r2 = t2->precision - t2->scale;
        int range = r1 > r2 ? r1 : r2;
        if (range + scale > TY_DECIMAL_MAX_PRECISION)
            return ty_double();
        return ty_decimal(a, range + scale, scale);
    }
    if (csv_is_ts(t1) && csv_is_ts(t2))
        return ty_timestamp();
    return NULL;
}

const ty *csv_infer_field(em_arena *a, const csv_opts *o, const ty *so_far, const char *v, size_t n)
{
    if (!v || n == 0 || (strlen(o->null_value) == n && memcmp(v, o->null_value, n) == 0))
        return so_far;
    const ty *t;
    switch (so_far->kind) {
    case TY_NULL:
    case TY_INT:
        t = csv_try_int(a, o, v, n);
        break;
    case TY_LONG:
        t = csv_try_long(a, o, v, n);
        break;
    case TY_DECIMAL:
        t = csv_try_decimal(a, o, v, n);
        break;
    case TY_DOUBLE:
        t = csv_try_double(o, v, n);
        break;
    case TY_DATE:
        t = csv_try_date(o, v, n);
        break;
    case TY_TIMESTAMP_NTZ:
        t = csv_try_ntz(o, v, n);
        break;
    case TY_TIMESTAMP:
        t = csv_try_ts(o, v, n);
        break;
    case TY_BOOLEAN:
        t = csv_try_bool(v, n);
        break;
    default:
        return ty_string();
    }
    const ty *m = csv_merge_types(a, o, so_far, t);
    return m ? m : ty_string();
}

/* ---- the data set ---------------------------------------------------------------------------- */

typedef struct csv_inf {
    io_source *s;
    const csv_opts *o;
    csv_rec rec;
    int n_cols;
    const char **names;
    const ty **types;
    bool have_header;
    char *first_line; /* line mode: the header line, for filterHeaderLine */
    size_t first_len;
} csv_inf;

/* CSVUtils.makeSafeHeader. */
static void csv_make_header(csv_inf *c)
{
    const csv_opts *o = c->o;
    csv_rec *r = &c->rec;
    c->n_cols = r->n;
    c->names = em_arena_calloc(c->s->arena, (size_t)r->n + 1, sizeof(char *));
    c->types = em_arena_calloc(c->s->arena, (size_t)r->n + 1, sizeof(ty *));
    bool cs = c->s->conf.case_sensitive;
    for (int i = 0; i < r->n; i++) {
        c->types[i] = ty_null();
        const char *v;
        size_t n;
        csv_rec_value(o, r, i, &v, &n);
        if (!o->header || n == 0 || (strlen(o->null_value) == n && !memcmp(v, o->null_value, n))) {
            c->names[i] = em_arena_printf(c->s->arena, "_c%d", i);
            continue;
        }
        bool dup = false;
        for (int j = 0; j < r->n && !dup; j++) {
            if (j == i)
                continue;
            const char *w;
            size_t m;
            csv_rec_value(o, r, j, &w, &m);
            if (m == n && (cs ? memcmp(v, w, n) == 0 : strncasecmp(v, w, n) == 0))
                dup = true;
        }
        if (dup)
            c->names[i] = em_arena_printf(c->s->arena, "%.*s%d", (int)n, v, i);
        else
            c->names[i] = em_arena_strndup(c->s->arena, v, n);
    }
    c->have_header = true;
}

static void csv_infer_row(csv_inf *c)
{
    int n = c->rec.n < c->n_cols ? c->rec.n : c->n_cols;
    for (int i = 0; i < n; i++) {
        const char *v;
        size_t len;
        csv_rec_value(c->o, &c->rec, i, &v, &len);
        c->types[i] = csv_infer_field(c->s->arena, c->o, c->types[i], v, len);
    }
}

/* The files inference reads: non-empty, largest first (copies, arena). */
static int csv_files(const io_source *s, io_file **out)
{
    io_file *f = em_arena_calloc(s->arena, (size_t)s->n_all + 1, sizeof(io_file));
    int n = 0;
    for (int i = 0; i < s->n_all; i++)
        if (s->all[i].size > 0)
            f[n++] = s->all[i];
    io_sort_by_size(f, n);
    *out = f;
    return n;
}

static int csv_infer_file(csv_inf *c, const io_file *f, em_error *err)
{
    const csv_opts *o = c->o;
    io_buf b;
    if (io_buf_open(f, &b, err))
        return err ? err->code : EM_EUSER;
    int rc = EM_OK;
    const char *start;
    size_t rlen;
    if (!o->multiline) {
        io_lines lines;
        io_lines_init(&lines, b.data, b.len, o->line_sep, o->line_sep_len);
        const char *line;
        size_t len;
        while (io_lines_next(&lines, &line, &len)) {
            if (csv_line_skipped(o, line, len))
                continue;
            const char *p = line;
            if (!c->have_header) {
                if (csv_tokenize(o, &p, line + len, NULL, &c->rec, &start, &rlen, err) < 0) {
                    rc = err ? err->code : EM_EUSER;
                    break;
                }
                csv_make_header(c);
                c->first_line = em_arena_strndup(c->s->arena, line, len);
                c->first_len = len;
                if (!o->infer_schema)
                    break; /* only the names were needed */
                if (o->header)
                    continue;
            } else if (o->header && len == c->first_len && memcmp(line, c->first_line, len) == 0) {
                continue;
            } else if (csv_tokenize(o, &p, line + len, NULL, &c->rec, &start, &rlen, err) < 0) {
                rc = err ? err->code : EM_EUSER;
                break;
            }
            csv_infer_row(c);
        }
    } else {
        const char *data = b.data;
        size_t len = b.len;
        io_skip_bom(&data, &len);
        char nl[3];
        csv_detect_newline(data, len, nl);
        const char *p = data, *end = data + len;
        bool first_of_file = true;
        for (;;) {
            int t = csv_tokenize(o, &p, end, nl, &c->rec, &start, &rlen, err);
            if (t < 0) {
                rc = err ? err->code : EM_EUSER;
                break;
            }
            if (t == 0)
                break;
            bool was_first = first_of_file;
            first_of_file = false;
            if (!c->have_header) {
                csv_make_header(c);
                if (!o->infer_schema)
                    break;
                if (o->header)
                    continue;
            } else if (was_first && o->header) {
                continue;
            }
            csv_infer_row(c);
        }
    }
    io_buf_close(&b);
    return rc;
}

int csv_infer(io_source *s, const csv_opts *o, const ty **out, em_error *err)
{
    *out = NULL;
    if (s->n_all == 0)
        return EM_OK; /* no files: UNABLE_TO_INFER_SCHEMA */
    csv_inf c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.o = o;
    csv_rec_init(&c.rec);
    io_file *files;
    int n = csv_files(s, &files);
    int rc = EM_OK;
    for (int i = 0; i < n && rc == EM_OK; i++) {
        rc = csv_infer_file(&c, &files[i], err);
        if (rc == EM_OK && c.have_header && !o->infer_schema)
            break;
    }
    csv_rec_release(&c.rec);
    if (rc)
        return rc;
    ty_field *f = em_arena_calloc(s->arena, (size_t)c.n_cols + 1, sizeof *f);
    for (int i = 0; i < c.n_cols; i++) {
        f[i].name = c.names[i];
        f[i].type = (!o->infer_schema || c.types[i]->kind == TY_NULL) ? ty_string() : c.types[i];
        f[i].nullable = true;
    }
    *out = ty_struct(s->arena, c.n_cols, f);
    return EM_OK;
}
