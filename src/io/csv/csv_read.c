/*
 * csv_read: reading the CSV files of a source (CSVDataSource.readFile, UnivocityParser.convert,
 * FailureSafeParser), one reader per file.
 *
 * Per file: with header on, the first record (after blank / comment lines) is the header and is
 * dropped (checked against the schema when enforceSchema is off); then every record becomes a
 * row. Values convert per requested column (csv_convert). A record is malformed when a requested
 * value does not convert, or - when every data column is requested or column pruning is off
 * (spark.sql.csv.parser.columnPruning.enabled, the columnPruning option, never in multiLine) -
 * when its number of values differs from the number of data columns. Malformed records follow
 * the mode: PERMISSIVE keeps the row (values that did not convert are NULL) and puts the record
 * text in the corrupt-record column when requested, DROPMALFORMED drops it, FAILFAST fails the
 * read (FAILED_READ_FILE.NO_HINT, as Spark 4 reports a failed file; the malformed record is in
 * the debug log). When no data column is requested (count()) and pruning is on, records are
 * counted without being parsed, as Spark does.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "common/em_log.h"
#include "common/em_mem.h"
#include "io/csv/csv.h"
#include "plan/plan.h"
#include "types/ty_cast.h"
#include "types/ty_dec.h"

/* ---- values ---------------------------------------------------------------------------------- */

static bool csv_eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* A value through Spark's CAST (interval columns). */
static bool csv_cast_text(const char *s, size_t n, vec *v)
{
    vec *in = vec_new(ty_string(), 1);
    em_error e;
    em_error_clear(&e);
    if (vec_append_str(in, s, (int64_t)n, &e)) {
        vec_release(in);
        return false;
    }
    pl_session_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.ansi = true;
    opts.time_zone = "UTC";
    vec *out = NULL;
    bool ok = ty_cast_vec(in, v->type, PX_EVAL_TRY, &opts, &out, &e) == EM_OK && out &&
              !vec_is_null(out, 0) && vec_append_from(v, out, 0, &e) == EM_OK;
    vec_release(in);
    vec_release(out);
    return ok;
}

bool csv_convert(const csv_opts *o, const char *s, size_t n, vec *v)
{
    int32_t i32;
    int64_t i64;
    double d;
    switch (v->type->kind) {
    case TY_BYTE:
        if (!io_java_int(s, n, &i32) || i32 < -128 || i32 > 127)
            return false;
        io_push_i8(v, (int8_t)i32);
        return true;
    case TY_SHORT:
        if (!io_java_int(s, n, &i32) || i32 < -32768 || i32 > 32767)
            return false;
        io_push_i16(v, (int16_t)i32);
        return true;
    case TY_INT:
        if (!io_java_int(s, n, &i32))
            return false;
        io_push_i32(v, i32);
        return true;
    case TY_LONG:
        if (!io_java_long(s, n, &i64))
            return false;
        io_push_i64(v, i64);
        return true;
    case TY_FLOAT:
    case TY_DOUBLE: {
        bool is_float = v->type->kind == TY_FLOAT;
        if (csv_eq(s, n, o->nan_value))
            d = NAN;
        else if (csv_eq(s, n, o->neg_inf))
            d = -INFINITY;
        else if (csv_eq(s, n, o->pos_inf))
            d = INFINITY;
        else if (!io_java_double(s, n, is_float, &d))
            return false;
        if (is_float)
            io_push_f32(v, (float)d);
        else
            io_push_f64(v, d);
        return true;
    }
    case TY_BOOLEAN: {
        bool b;
        if (!io_java_bool(s, n, &b))
            return false;
        io_push_bool(v, b);
        return true;
    }
    case TY_DECIMAL: {
        /* ExprUtils.getDecimalParser(Locale.US): commas removed, then java.math.BigDecimal (no
           surrounding whitespace), then Decimal(bd, p, s) rounding HALF_UP. */
        char stack[128] = {0};
        char *buf = n + 1 > sizeof stack ? em_malloc(n + 1) : stack;
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i] != ',')
                buf[m++] = s[i];
        int p, sc;
        ty_i128 x;
        bool ok = io_bigdec_shape(buf, m, &p, &sc) &&
                  ty_dec_parse(buf, m, v->type->precision, v->type->scale, &x) == TY_DEC_OK;
        if (buf != stack)
            em_free(buf);
        if (!ok)
            return false;
        io_push_dec(v, x);
        return true;
    }
    case TY_DATE:
        if (!io_parse_date_value(&o->time, s, n, &i32))
            return false;
        io_push_i32(v, i32);
        return true;
    case TY_TIMESTAMP:
        if (!io_parse_ts_value(&o->time, s, n, &i64))
            return false;
        io_push_i64(v, i64);
        return true;
    case TY_TIMESTAMP_NTZ:
        if (!io_parse_ntz_value(&o->time, s, n, &i64))
            return false;
        io_push_i64(v, i64);
        return true;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
        return vec_append_str(v, s, (int64_t)n, NULL) == EM_OK;
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL:
    case TY_CALENDAR_INTERVAL:
        return csv_cast_text(s, n, v);
    default:
        return false;
    }
}

/* ---- the reader -------------------------------------------------------------------------------
 */

typedef struct csv_reader {
    const io_source *s;
    const csv_opts *o;
    const io_file *f;
    io_buf buf;
    char nl[3];
    io_lines lines;
    const char *p, *end; /* multiLine cursor */
    int n_req;
    int *req;     /* data column per requested column */
    int *tok_idx; /* value index per requested column (-1: the corrupt-record column) */
    int n_real;   /* data columns other than the corrupt-record column */
    bool parsed_all, count_only;
    bool header_pending;
    csv_rec rec;
    int64_t batch_rows;
} csv_reader;

static void csv_reader_free(csv_reader *r)
{
    io_buf_close(&r->buf);
    csv_rec_release(&r->rec);
    em_free(r->req);
    em_free(r->tok_idx);
    em_free(r);
}

static bool csv_is_corrupt_name(const io_source *s, const csv_opts *o, const char *name)
{
    (void)s;
    return strcmp(name, o->corrupt) == 0;
}

int csv_open(const io_source *s, const io_file *f, const int *cols, int n_cols, int64_t batch_rows,
             io_reader **out, em_error *err)
{
    const csv_opts *o = s->fmt_state;
    const ty *d = s->data_schema;
    *out = NULL;
    if (n_cols == 1 && csv_is_corrupt_name(s, o, d->fields[cols[0]].name))
        return em_error_set(err, "UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN", NULL);
    csv_reader *r = em_calloc(1, sizeof *r);
    r->s = s;
    r->o = o;
    r->f = f;
    r->batch_rows = batch_rows;
    csv_rec_init(&r->rec);
    r->n_req = n_cols;
    r->req = em_calloc((size_t)n_cols + 1, sizeof(int));
    r->tok_idx = em_calloc((size_t)n_cols + 1, sizeof(int));
    /* value index of each data column = its position among the non-corrupt data columns */
    int n_real_req = 0;
    for (int i = 0; i < n_cols; i++) {
        r->req[i] = cols[i];
        if (csv_is_corrupt_name(s, o, d->fields[cols[i]].name)) {
            r->tok_idx[i] = -1;
            continue;
        }
        int k = 0;
        for (int j = 0; j < cols[i]; j++)
            if (!csv_is_corrupt_name(s, o, d->fields[j].name))
                k++;
        r->tok_idx[i] = k;
        n_real_req++;
    }
    for (int j = 0; j < d->n_fields; j++)
        if (!csv_is_corrupt_name(s, o, d->fields[j].name))
            r->n_real++;
    bool pruning = o->column_pruning;
    r->parsed_all = !pruning || n_real_req == r->n_real;
    r->count_only = pruning && n_real_req == 0;
    if (io_buf_open(f, &r->buf, err)) {
        csv_reader_free(r);
        return err ? err->code : EM_EUSER;
    }
    if (o->multiline) {
        const char *data = r->buf.data;
        size_t len = r->buf.len;
        io_skip_bom(&data, &len);
        csv_detect_newline(data, len, r->nl);
        r->p = data;
        r->end = data + len;
    } else {
        io_lines_init(&r->lines, r->buf.data, r->buf.len, o->line_sep, o->line_sep_len);
    }
    r->header_pending = o->header;
    *out = (io_reader *)r;
    return EM_OK;
}

bool csv_splittable(const io_source *s, const io_file *f)
{
    const csv_opts *o = s->fmt_state;
    return !o->multiline && !io_file_compressed(f) &&
           io_lines_splittable(o->line_sep, o->line_sep_len);
}

int csv_open_piece(const io_source *s, const io_file *f, const io_piece *p, const int *cols,
                   int n_cols, int64_t batch_rows, io_reader **out, em_error *err)
{
    if (csv_open(s, f, cols, n_cols, batch_rows, out, err))
        return err ? err->code : EM_EUSER;
    csv_reader *r = (csv_reader *)*out;
    const csv_opts *o = r->o;
    if (o->multiline)
        return em_error_internal(err, "csv: multiLine files are not split");
    io_lines_init_range(&r->lines, r->buf.data, r->buf.len, o->line_sep, o->line_sep_len, p->lo,
                        p->hi);
    if (r->header_pending && p->lo > 0) {
        /* the header is the file's first record: this range has it only if it starts here */
        io_lines all;
        io_lines_init(&all, r->buf.data, r->buf.len, o->line_sep, o->line_sep_len);
        const char *line = NULL;
        size_t n;
        bool found = false;
        while (io_lines_next(&all, &line, &n))
            if (!csv_line_skipped(o, line, n)) {
                found = true;
                break;
            }
        r->header_pending = found && line - r->buf.data >= p->lo;
    }
    return EM_OK;
}

/* CSVHeaderChecker with enforceSchema off: the header's names must equal the schema's. */
static int csv_check_header(csv_reader *r, em_error *err)
{
    const csv_opts *o = r->o;
    if (o->enforce_schema)
        return EM_OK;
    const ty *d = r->s->data_schema;
    /* The names compared: the requested ones under column pruning, else every data column. */
    int n_names = 0;
    const char **names = em_calloc((size_t)d->n_fields + 1, sizeof(char *));
    int *idx = em_calloc((size_t)d->n_fields + 1, sizeof(int));
    if (o->column_pruning && !r->parsed_all) {
        for (int i = 0; i < r->n_req; i++)
            if (r->tok_idx[i] >= 0) {
                names[n_names] = d->fields[r->req[i]].name;
                idx[n_names++] = r->tok_idx[i];
            }
    } else {
        for (int j = 0; j < d->n_fields; j++)
            if (strcmp(d->fields[j].name, o->corrupt) != 0) {
                names[n_names] = d->fields[j].name;
                idx[n_names] = n_names;
                n_names++;
            }
    }
    em_str hdr, sch, msg;
    em_str_init(&hdr, 1 << 16);
    em_str_init(&sch, 1 << 16);
    em_str_init(&msg, 1 << 16);
    int n_hdr = (o->column_pruning && !r->parsed_all) ? n_names : r->rec.n;
    for (int i = 0; i < n_hdr; i++) {
        const char *v;
        size_t n;
        int ti = (o->column_pruning && !r->parsed_all) ? idx[i] : i;
        if (ti < r->rec.n)
            csv_rec_value(o, &r->rec, ti, &v, &n);
        else
            v = "null", n = 4;
        em_str_printf(&hdr, "%s%.*s", i ? ", " : "", (int)n, v);
    }
    for (int i = 0; i < n_names; i++)
        em_str_printf(&sch, "%s%s", i ? ", " : "", names[i]);
    bool bad = false;
    if (n_hdr != n_names) {
        em_str_printf(&msg,
                      "Number of column in CSV header is not equal to number of fields in the "
                      "schema:\n Header length: %d, schema size: %d\nCSV file: %s",
                      n_hdr, n_names, r->f->uri);
        bad = true;
    } else {
        for (int i = 0; i < n_names && !bad; i++) {
            const char *v;
            size_t n;
            int ti = (o->column_pruning && !r->parsed_all) ? idx[i] : i;
            csv_rec_value(o, &r->rec, ti, &v, &n);
            bool same = strlen(names[i]) == n &&
                        (r->s->conf.case_sensitive ? memcmp(names[i], v, n) == 0
                                                   : strncasecmp(names[i], v, n) == 0);
            if (!same) {
                em_str_printf(&msg,
                              "CSV header does not conform to the schema.\n Header: %s\n Schema: "
                              "%s\nExpected: %s but found: %.*s\nCSV file: %s",
                              hdr.data ? hdr.data : "", sch.data ? sch.data : "", names[i], (int)n,
                              v, r->f->uri);
                bad = true;
            }
        }
    }
    int rc = EM_OK;
    if (bad)
        rc = em_error_set_jvm(err, "org.apache.spark.SparkIllegalArgumentException",
                              "_LEGACY_ERROR_TEMP_3241", "msg", msg.data ? msg.data : "", NULL);
    em_str_release(&hdr);
    em_str_release(&sch);
    em_str_release(&msg);
    em_free(names);
    em_free(idx);
    return rc;
}

/* The next record: 1 with r->rec filled (unless count_only in line mode) and its raw text, 0 at
   the end, -1 on error. */
static int csv_next_record(csv_reader *r, const char **text, size_t *text_len, bool *raise,
                           em_error *err)
{
    const csv_opts *o = r->o;
    *raise = false;
    for (;;) {
        const char *start;
        size_t len;
        if (!o->multiline) {
            const char *line;
            size_t n;
            if (!io_lines_next(&r->lines, &line, &n))
                return 0;
            if (csv_line_skipped(o, line, n))
                continue;
            *text = line;
            *text_len = n;
            if (r->count_only && !r->header_pending)
                return 1;
            const char *p = line;
            int t = csv_tokenize(o, &p, line + n, NULL, &r->rec, &start, &len, err);
            if (t < 0)
                return -1;
            *raise = t == 2;
        } else {
            int t = csv_tokenize(o, &r->p, r->end, r->nl, &r->rec, &start, &len, err);
            if (t <= 0)
                return t;
            *raise = t == 2;
            *text = start;
            *text_len = len;
        }
        if (r->header_pending) {
            r->header_pending = false;
            if (csv_check_header(r, err))
                return -1;
            continue;
        }
        return 1;
    }
}

/* The FAILFAST message of Spark (logged; the user sees FAILED_READ_FILE.NO_HINT). */
static void csv_log_failfast(const csv_reader *r, vec **cols, int64_t row)
{
    if (em_log_get_level() < EM_LOG_DEBUG)
        return;
    em_str m;
    em_str_init(&m, 1 << 16);
    em_str_putc(&m, '[');
    for (int i = 0; i < r->n_req; i++) {
        if (i)
            em_str_putc(&m, ',');
        io_internal_value_append(cols[i], row, &m);
    }
    em_str_putc(&m, ']');
    EM_LOG_DEBUG("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected "
                 "in record parsing: %s. Parse Mode: FAILFAST. (%s)",
                 m.data ? m.data : "", r->f->uri);
    em_str_release(&m);
}

int csv_next(io_reader *rd, vec_batch **out, em_error *err)
{
    csv_reader *r = (csv_reader *)rd;
    const csv_opts *o = r->o;
    const ty *d = r->s->data_schema;
    *out = NULL;
    int64_t cap = r->batch_rows > 0 ? r->batch_rows : VEC_BATCH_ROWS;
    vec **cols = em_calloc((size_t)r->n_req + 1, sizeof(vec *));
    for (int i = 0; i < r->n_req; i++)
        cols[i] = vec_new(d->fields[r->req[i]].type, cap);
    int64_t rows = 0;
    int rc = 0;
    while (rows < cap) {
        const char *text = "";
        size_t text_len = 0;
        bool raise = false;
        rc = csv_next_record(r, &text, &text_len, &raise, err);
        if (rc <= 0)
            break;
        if (r->count_only && !o->multiline) {
            for (int i = 0; i < r->n_req; i++) /* only the corrupt-record column can be here */
                vec_append_null(cols[i]);
            rows++;
            continue;
        }
        bool bad = raise || (r->parsed_all && r->rec.n != r->n_real);
        for (int i = 0; i < r->n_req; i++) {
            int ti = r->tok_idx[i];
            if (ti < 0)
                continue;
            if (ti >= r->rec.n || csv_rec_is_null(o, &r->rec, ti)) {
                vec_append_null(cols[i]);
                continue;
            }
            const char *v;
            size_t n;
            csv_rec_value(o, &r->rec, ti, &v, &n);
            if (!csv_convert(o, v, n, cols[i])) {
                vec_append_null(cols[i]);
                bad = true;
            }
        }
        if (bad && o->mode == IO_MODE_DROPMALFORMED) {
            for (int i = 0; i < r->n_req; i++)
                io_vec_truncate(cols[i], rows);
            continue;
        }
        if (bad && o->mode == IO_MODE_FAILFAST) {
            for (int i = 0; i < r->n_req; i++)
                if (r->tok_idx[i] < 0)
                    vec_append_str(cols[i], text, (int64_t)text_len, NULL);
            csv_log_failfast(r, cols, rows);
            io_read_failed(r->f, "malformed record (FAILFAST)", err);
            rc = -1;
            break;
        }
        for (int i = 0; i < r->n_req; i++) {
            if (r->tok_idx[i] >= 0)
                continue;
            if (bad)
                vec_append_str(cols[i], text, (int64_t)text_len, NULL);
            else
                vec_append_null(cols[i]);
        }
        rows++;
    }
    if (rc < 0 || rows == 0) {
        for (int i = 0; i < r->n_req; i++)
            vec_release(cols[i]);
        em_free(cols);
        return rc < 0 ? -1 : 0;
    }
    vec_batch *b = vec_batch_new(r->n_req, rows);
    for (int i = 0; i < r->n_req; i++)
        b->cols[i] = cols[i];
    em_free(cols);
    *out = b;
    return 1;
}

void csv_close(io_reader *rd)
{
    if (rd)
        csv_reader_free((csv_reader *)rd);
}
