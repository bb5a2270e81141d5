/*
 * json_read: reading JSON records into vectors of the requested schema (JacksonParser's
 * converters and FailureSafeParser), one reader per file.
 *
 * A value converts by its target type: numbers to numeric types (range-checked as Jackson's
 * getIntValue & co. do), strings to dates / timestamps (the date / timestamp options, then the
 * legacy fallback), a string column takes a string's text or any other value's exact JSON text,
 * objects to structs (fields by exact name, unknown fields skipped, duplicates: the last wins)
 * and maps (string keys), arrays to arrays. JSON null is NULL.
 *
 * Failures nest as in Spark with spark.sql.json.enablePartialResults (default): a struct keeps
 * the fields that converted and is "partial"; arrays keep partial elements but lose everything
 * when a scalar element fails; a failing top-level field is NULL and the record is malformed
 * (partial row). Syntax errors, a top-level value that is not an object (or an array of
 * objects), or a top-level null make the whole record malformed with no partial row. Malformed
 * records follow the mode as for CSV: PERMISSIVE keeps the (partial or all-NULL) rows with the
 * record text in the corrupt-record column, DROPMALFORMED drops them, FAILFAST fails the read
 * (FAILED_READ_FILE.NO_HINT).
 */
#include <math.h>
#include <string.h>

#include "common/em_log.h"
#include "common/em_mem.h"
#include "io/json/json.h"
#include "plan/plan.h"
#include "types/ty_cast.h"
#include "types/ty_dec.h"
#include "types/ty_num.h"

/* Conversion results. JR_FAIL and JR_PARTIAL always consumed the whole value; JR_FAIL appended
   nothing. */
typedef enum json_rc { JR_OK = 0, JR_PARTIAL, JR_FAIL, JR_SYNTAX } json_rc;

typedef struct json_reader {
    const io_source *s;
    const json_opts *o;
    const io_file *f;
    io_buf buf;
    io_lines lines;
    bool whole_done;
    int n_req;
    int *req;                 /* data column per requested column */
    int corrupt;              /* requested position of the corrupt-record column, -1 */
    int n_fields;             /* requested columns other than the corrupt one */
    int *field_pos;           /* their requested positions */
    const char **field_names; /* their names (borrowed from the data schema) */
    em_str key, text;
    int64_t batch_rows;
} json_reader;

static json_rc json_conv(json_reader *r, json_cur *c, vec *v);

/* ---- scalars
 * -------------------------------------------------------------------------------------- */

/* Converts a string through Spark's CAST (interval columns). */
static bool json_cast_text(const char *s, size_t n, vec *v, bool try_mode)
{
    vec *in = vec_new(ty_string(), 1);
    em_error e;
    em_error_clear(&e);
    vec_append_str(in, s, (int64_t)n, &e);
    pl_session_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.ansi = true;
    opts.time_zone = "UTC";
    vec *out = NULL;
    bool ok =
        ty_cast_vec(in, v->type, try_mode ? PX_EVAL_TRY : PX_EVAL_ANSI, &opts, &out, &e) == EM_OK &&
        out && vec_append_from(v, out, 0, &e) == EM_OK;
    vec_release(in);
    vec_release(out);
    return ok;
}

/* Standard base64 (Jackson's default variant), padding optional. */
static bool json_base64(const char *s, size_t n, vec *v)
{
    em_str out;
    em_str_init(&out, 1 << 30);
    uint32_t acc = 0;
    int bits = 0;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        int d;
        if (ch >= 'A' && ch <= 'Z')
            d = ch - 'A';
        else if (ch >= 'a' && ch <= 'z')
            d = ch - 'a' + 26;
        else if (ch >= '0' && ch <= '9')
            d = ch - '0' + 52;
        else if (ch == '+')
            d = 62;
        else if (ch == '/')
            d = 63;
        else if (ch == '=')
            break;
        else {
            ok = false;
            break;
        }
        acc = (acc << 6) | (uint32_t)d;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            em_str_putc(&out, (char)((acc >> bits) & 0xFF));
        }
    }
    if (ok)
        ok = vec_append_str(v, out.data ? out.data : "", (int64_t)out.len, NULL) == EM_OK;
    em_str_release(&out);
    return ok;
}

/* A number token into a numeric / decimal / timestamp column. */
static bool json_num_to(json_reader *r, const json_num *n, vec *v)
{
    const ty *t = v->type;
    int64_t x;
    switch (t->kind) {
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
        if (n->is_float || !io_java_long(n->s, n->len, &x))
            return false;
        if (t->kind == TY_BYTE) { /* Jackson's getByteValue takes -128..255 */
            if (x < -128 || x > 255)
                return false;
            io_push_i8(v, (int8_t)(uint8_t)x);
        } else if (t->kind == TY_SHORT) {
            if (x < INT16_MIN || x > INT16_MAX)
                return false;
            io_push_i16(v, (int16_t)x);
        } else if (t->kind == TY_INT) {
            if (x < INT32_MIN || x > INT32_MAX)
                return false;
            io_push_i32(v, (int32_t)x);
        } else {
            io_push_i64(v, x);
        }
        return true;
    case TY_FLOAT:
    case TY_DOUBLE: {
        double d;
        if (n->special)
            d = n->special_value;
        else if (!ty_parse_double(n->s, n->len, t->kind == TY_FLOAT, &d))
            return false;
        if (t->kind == TY_FLOAT)
            io_push_f32(v, (float)d);
        else
            io_push_f64(v, d);
        return true;
    }
    case TY_DECIMAL: {
        ty_i128 dv;
        if (n->special || ty_dec_parse(n->s, n->len, t->precision, t->scale, &dv) != TY_DEC_OK)
            return false;
        io_push_dec(v, dv);
        return true;
    }
    case TY_TIMESTAMP:
        /* seconds since the epoch, multiplied as Java longs (wrapping) */
        if (n->is_float || !io_java_long(n->s, n->len, &x))
            return false;
        io_push_i64(v, (int64_t)((uint64_t)x * 1000000u));
        return true;
    default:
        return false;
    }
    (void)r;
}

/* A string token into a column of a non-string type. */
static bool json_str_to(json_reader *r, const char *s, size_t n, vec *v)
{
    const json_opts *o = r->o;
    int32_t i32;
    int64_t i64;
    switch (v->type->kind) {
    case TY_FLOAT:
    case TY_DOUBLE: {
        double d;
        if (!o->allow_non_numeric)
            return false;
        if (n == 3 && memcmp(s, "NaN", 3) == 0)
            d = NAN;
        else if ((n == 4 && memcmp(s, "+INF", 4) == 0) || (n == 9 && !memcmp(s, "+Infinity", 9)) ||
                 (n == 8 && memcmp(s, "Infinity", 8) == 0))
            d = INFINITY;
        else if ((n == 4 && memcmp(s, "-INF", 4) == 0) || (n == 9 && !memcmp(s, "-Infinity", 9)))
            d = -INFINITY;
        else
            return false;
        if (v->type->kind == TY_FLOAT)
            io_push_f32(v, (float)d);
        else
            io_push_f64(v, d);
        return true;
    }
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
    case TY_DATE:
        if (io_parse_date_value(&o->time, s, n, &i32) ||
            (o->time.date_fallback && io_java_int(s, n, &i32))) {
            io_push_i32(v, i32);
            return true;
        }
        return false;
    case TY_DECIMAL: {
        char *buf = em_malloc(n + 1);
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i] != ',')
                buf[m++] = s[i];
        int p, sc;
        ty_i128 dv;
        bool ok = io_bigdec_shape(buf, m, &p, &sc) &&
                  ty_dec_parse(buf, m, v->type->precision, v->type->scale, &dv) == TY_DEC_OK;
        em_free(buf);
        if (ok)
            io_push_dec(v, dv);
        return ok;
    }
    case TY_BINARY:
        return json_base64(s, n, v);
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL:
        return json_cast_text(s, n, v, false);
    default:
        return false;
    }
}

/* Types whose converter accepts an empty string (failedConversion's legacy rule aside). */
static bool json_empty_string_ok(const ty *t)
{
    return ty_is_string(t) || t->kind == TY_BINARY || t->kind == TY_CALENDAR_INTERVAL ||
           t->kind == TY_DAYTIME_INTERVAL || t->kind == TY_YEARMONTH_INTERVAL;
}

/* ---- containers
 * ------------------------------------------------------------------------------------ */

/* An object into struct type t appended to v (isRoot = false). */
static json_rc json_conv_struct(json_reader *r, json_cur *c, vec *v)
{
    const ty *t = v->type;
    int64_t row = v->len;
    if (!json_obj_begin(c))
        return JR_SYNTAX;
    bool *seen = em_calloc((size_t)t->n_fields + 1, sizeof(bool));
    bool bad = false, first = true, done = false;
    json_rc rc = JR_OK;
    while (rc == JR_OK) {
        if (!json_obj_next_key(c, &r->key, &done, &first)) {
            rc = JR_SYNTAX;
            break;
        }
        if (done)
            break;
        int idx = -1;
        for (int i = 0; i < t->n_fields; i++)
            if (strlen(t->fields[i].name) == r->key.len &&
                memcmp(t->fields[i].name, r->key.data ? r->key.data : "", r->key.len) == 0) {
                idx = i;
                break;
            }
        if (idx < 0) {
            if (!json_skip_value(c))
                rc = JR_SYNTAX;
            continue;
        }
        vec *child = v->children[idx];
        if (seen[idx])
            io_vec_truncate(child, row);
        seen[idx] = true;
        json_rc frc = json_conv(r, c, child);
        if (frc == JR_SYNTAX) {
            rc = JR_SYNTAX;
        } else if (frc == JR_PARTIAL) {
            bad = true;
        } else if (frc == JR_FAIL) {
            if (!r->o->partial_results) {
                /* the whole object fails */
                if (!json_obj_skip_rest(c, false))
                    rc = JR_SYNTAX;
                else
                    rc = JR_FAIL;
                break;
            }
            vec_append_null(child);
            bad = true;
        }
    }
    if (rc != JR_OK) {
        for (int i = 0; i < t->n_fields; i++)
            io_vec_truncate(v->children[i], row);
        em_free(seen);
        return rc;
    }
    for (int i = 0; i < t->n_fields; i++)
        if (!seen[i])
            vec_append_null(v->children[i]);
    em_free(seen);
    vec_reserve(v, row + 1);
    vec_set_valid(v, row);
    v->len = row + 1;
    return bad ? JR_PARTIAL : JR_OK;
}

static json_rc json_conv_array(json_reader *r, json_cur *c, vec *v)
{
    int64_t row = v->len;
    vec *child = v->children[0];
    int64_t start = child->len;
    if (!json_arr_begin(c))
        return JR_SYNTAX;
    bool first = true, done = false, bad = false;
    for (;;) {
        if (!json_arr_next(c, &done, &first)) {
            io_vec_truncate(child, start);
            return JR_SYNTAX;
        }
        if (done)
            break;
        json_rc erc = json_conv(r, c, child);
        if (erc == JR_SYNTAX) {
            io_vec_truncate(child, start);
            return JR_SYNTAX;
        }
        if (erc == JR_PARTIAL && r->o->partial_results) {
            bad = true;
            continue;
        }
        if (erc == JR_PARTIAL || erc == JR_FAIL) {
            /* not a partial value: the array fails as a whole */
            io_vec_truncate(child, start);
            return json_arr_skip_rest(c, false) ? JR_FAIL : JR_SYNTAX;
        }
    }
    vec_reserve(v, row + 1);
    v->offsets[row + 1] = (int32_t)child->len;
    vec_set_valid(v, row);
    v->len = row + 1;
    return bad ? JR_PARTIAL : JR_OK;
}

static json_rc json_conv_map(json_reader *r, json_cur *c, vec *v)
{
    int64_t row = v->len;
    vec *keys = v->children[0], *vals = v->children[1];
    int64_t start = keys->len;
    if (!json_obj_begin(c))
        return JR_SYNTAX;
    bool first = true, done = false, bad = false;
    for (;;) {
        if (!json_obj_next_key(c, &r->key, &done, &first)) {
            io_vec_truncate(keys, start);
            io_vec_truncate(vals, start);
            return JR_SYNTAX;
        }
        if (done)
            break;
        vec_append_str(keys, r->key.data ? r->key.data : "", (int64_t)r->key.len, NULL);
        json_rc vrc = json_conv(r, c, vals);
        if (vrc == JR_SYNTAX) {
            io_vec_truncate(keys, start);
            io_vec_truncate(vals, start);
            return JR_SYNTAX;
        }
        if (vrc == JR_OK)
            continue;
        if (!r->o->partial_results) {
            io_vec_truncate(keys, start);
            io_vec_truncate(vals, start);
            return json_obj_skip_rest(c, false) ? JR_FAIL : JR_SYNTAX;
        }
        if (vrc == JR_FAIL)
            vec_append_null(vals);
        bad = true;
    }
    vec_reserve(v, row + 1);
    v->offsets[row + 1] = (int32_t)keys->len;
    vec_set_valid(v, row);
    v->len = row + 1;
    return bad ? JR_PARTIAL : JR_OK;
}

/* ---- one value
 * ----------------------------------------------------------------------------------------- */

/* The exact JSON text of the value at the cursor into v (string columns). */
static json_rc json_raw_text(json_cur *c, vec *v)
{
    const char *s = c->p;
    if (!json_skip_value(c))
        return JR_SYNTAX;
    return vec_append_str(v, s, (int64_t)(c->p - s), NULL) == EM_OK ? JR_OK : JR_FAIL;
}

static json_rc json_conv(json_reader *r, json_cur *c, vec *v)
{
    const ty *t = v->type;
    json_kind k = json_peek(c);
    switch (k) {
    case JK_EOF:
    case JK_BAD:
        json_fail(c, "expected a value");
        return JR_SYNTAX;
    case JK_NULL:
        if (!json_read_literal(c, k))
            return JR_SYNTAX;
        vec_append_null(v);
        return JR_OK;
    default:
        break;
    }
    if (t->kind == TY_NULL) {
        if (!json_skip_value(c))
            return JR_SYNTAX;
        vec_append_null(v);
        return JR_OK;
    }
    if (ty_is_string(t)) {
        if (k == JK_STRING) {
            if (!json_read_string(c, &r->text))
                return JR_SYNTAX;
            return vec_append_str(v, r->text.data ? r->text.data : "", (int64_t)r->text.len,
                                  NULL) == EM_OK
                       ? JR_OK
                       : JR_FAIL;
        }
        return json_raw_text(c, v);
    }
    switch (k) {
    case JK_TRUE:
    case JK_FALSE:
        if (!json_read_literal(c, k))
            return JR_SYNTAX;
        if (t->kind != TY_BOOLEAN)
            return JR_FAIL;
        io_push_bool(v, k == JK_TRUE);
        return JR_OK;
    case JK_NUMBER: {
        json_num n;
        if (!json_read_number(c, &n))
            return JR_SYNTAX;
        return json_num_to(r, &n, v) ? JR_OK : JR_FAIL;
    }
    case JK_STRING: {
        if (!json_read_string(c, &r->text))
            return JR_SYNTAX;
        const char *s = r->text.data ? r->text.data : "";
        size_t n = r->text.len;
        if (t->kind == TY_CALENDAR_INTERVAL) {
            /* safeStringToInterval: NULL when it does not parse */
            if (!json_cast_text(s, n, v, true))
                vec_append_null(v);
            return JR_OK;
        }
        if (n == 0 && !json_empty_string_ok(t)) {
            if (r->o->allow_empty_string && t->kind != TY_FLOAT && t->kind != TY_DOUBLE &&
                t->kind != TY_TIMESTAMP && t->kind != TY_DATE) {
                vec_append_null(v);
                return JR_OK;
            }
            return JR_FAIL;
        }
        return json_str_to(r, s, n, v) ? JR_OK : JR_FAIL;
    }
    case JK_OBJECT:
        if (t->kind == TY_STRUCT)
            return json_conv_struct(r, c, v);
        if (t->kind == TY_MAP)
            return json_conv_map(r, c, v);
        return json_skip_value(c) ? JR_FAIL : JR_SYNTAX;
    case JK_ARRAY:
        if (t->kind == TY_ARRAY)
            return json_conv_array(r, c, v);
        return json_skip_value(c) ? JR_FAIL : JR_SYNTAX;
    default:
        return JR_SYNTAX;
    }
}

/* ---- records
 * --------------------------------------------------------------------------------------------- */

/* Root object into the requested columns (isRoot = true: failing fields are NULL). */
static json_rc json_conv_root_object(json_reader *r, json_cur *c, vec **cols)
{
    int nf = r->n_fields;
    if (!json_obj_begin(c))
        return JR_SYNTAX;
    bool *seen = em_calloc((size_t)nf + 1, sizeof(bool));
    int64_t *start = em_calloc((size_t)nf + 1, sizeof(int64_t));
    for (int i = 0; i < nf; i++)
        start[i] = cols[r->field_pos[i]]->len;
    bool bad = false, first = true, done = false;
    json_rc rc = JR_OK;
    for (;;) {
        if (!json_obj_next_key(c, &r->key, &done, &first)) {
            rc = JR_SYNTAX;
            break;
        }
        if (done)
            break;
        int idx = -1;
        for (int i = 0; i < nf; i++)
            if (strlen(r->field_names[i]) == r->key.len &&
                memcmp(r->field_names[i], r->key.data ? r->key.data : "", r->key.len) == 0) {
                idx = i;
                break;
            }
        if (idx < 0) {
            if (!json_skip_value(c)) {
                rc = JR_SYNTAX;
                break;
            }
            continue;
        }
        vec *col = cols[r->field_pos[idx]];
        if (seen[idx])
            io_vec_truncate(col, start[idx]);
        seen[idx] = true;
        json_rc frc = json_conv(r, c, col);
        if (frc == JR_SYNTAX) {
            rc = JR_SYNTAX;
            break;
        }
        if (frc == JR_FAIL)
            vec_append_null(col);
        if (frc != JR_OK)
            bad = true;
    }
    if (rc == JR_OK)
        for (int i = 0; i < nf; i++)
            if (!seen[i])
                vec_append_null(cols[r->field_pos[i]]);
    if (rc != JR_OK)
        for (int i = 0; i < nf; i++)
            io_vec_truncate(cols[r->field_pos[i]], start[i]);
    em_free(seen);
    em_free(start);
    return rc != JR_OK ? rc : (bad ? JR_PARTIAL : JR_OK);
}

/*
 * One record into the requested columns: *n_rows rows appended (0 for an empty record). Returns
 * JR_OK, JR_PARTIAL (rows appended, record malformed) or JR_FAIL (nothing appended, record
 * malformed).
 */
static json_rc json_record(json_reader *r, const char *p, size_t n, vec **cols, int64_t *n_rows)
{
    *n_rows = 0;
    json_cur c;
    json_cur_init(&c, r->o, p, p + n);
    json_kind k = json_peek(&c);
    if (k == JK_EOF)
        return JR_OK;
    int64_t *start = em_calloc((size_t)r->n_req + 1, sizeof(int64_t));
    for (int i = 0; i < r->n_req; i++)
        start[i] = cols[i]->len;
    json_rc rc;
    if (k == JK_OBJECT) {
        rc = json_conv_root_object(r, &c, cols);
        if (rc == JR_OK || rc == JR_PARTIAL)
            *n_rows = 1;
    } else if (k == JK_ARRAY) {
        /* each element is a row (allowArrayAsStructs) */
        rc = json_arr_begin(&c) ? JR_OK : JR_SYNTAX;
        bool first = true, done = false, bad = false;
        while (rc == JR_OK) {
            if (!json_arr_next(&c, &done, &first)) {
                rc = JR_SYNTAX;
                break;
            }
            if (done)
                break;
            json_kind ek = json_peek(&c);
            if (ek != JK_OBJECT) {
                /* a null or non-object element fails the whole record */
                rc = json_skip_value(&c) ? JR_FAIL : JR_SYNTAX;
                break;
            }
            json_rc erc = json_conv_root_object(r, &c, cols);
            if (erc == JR_SYNTAX) {
                rc = JR_SYNTAX;
                break;
            }
            if (erc == JR_PARTIAL && !r->o->partial_results) {
                rc = JR_FAIL;
                break;
            }
            if (erc == JR_PARTIAL)
                bad = true;
            (*n_rows)++;
        }
        if (rc == JR_OK && bad)
            rc = JR_PARTIAL;
    } else {
        /* a scalar or null record */
        rc = (k == JK_BAD || !json_skip_value(&c)) ? JR_SYNTAX : JR_FAIL;
    }
    if (rc == JR_SYNTAX || rc == JR_FAIL) {
        for (int i = 0; i < r->n_req; i++)
            io_vec_truncate(cols[i], start[i]);
        *n_rows = 0;
        rc = JR_FAIL;
    }
    em_free(start);
    return rc;
}

/* ---- the reader
 * ------------------------------------------------------------------------------------------- */

int json_open(const io_source *s, const io_file *f, const int *cols, int n_cols, int64_t batch_rows,
              io_reader **out, em_error *err)
{
    const json_opts *o = s->fmt_state;
    const ty *d = s->data_schema;
    *out = NULL;
    if (n_cols == 1 && strcmp(d->fields[cols[0]].name, o->corrupt) == 0)
        return em_error_set(err, "UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN", NULL);
    json_reader *r = em_calloc(1, sizeof *r);
    r->s = s;
    r->o = o;
    r->f = f;
    r->batch_rows = batch_rows > 0 ? batch_rows : VEC_BATCH_ROWS;
    r->n_req = n_cols;
    r->req = em_calloc((size_t)n_cols + 1, sizeof(int));
    r->field_pos = em_calloc((size_t)n_cols + 1, sizeof(int));
    r->corrupt = -1;
    r->field_names = em_calloc((size_t)n_cols + 1, sizeof(char *));
    for (int i = 0; i < n_cols; i++) {
        r->req[i] = cols[i];
        if (strcmp(d->fields[cols[i]].name, o->corrupt) == 0) {
            r->corrupt = i;
            continue;
        }
        r->field_names[r->n_fields] = d->fields[cols[i]].name;
        r->field_pos[r->n_fields++] = i;
    }
    em_str_init(&r->key, 1 << 30);
    em_str_init(&r->text, 1 << 30);
    if (io_buf_open(f, &r->buf, err)) {
        json_close((io_reader *)r);
        return err ? err->code : EM_EUSER;
    }
    io_lines_init(&r->lines, r->buf.data, r->buf.len, o->line_sep, o->line_sep_len);
    *out = (io_reader *)r;
    return EM_OK;
}

bool json_splittable(const io_source *s, const io_file *f)
{
    const json_opts *o = s->fmt_state;
    return !o->multiline && !io_file_compressed(f) &&
           io_lines_splittable(o->line_sep, o->line_sep_len);
}

int json_open_piece(const io_source *s, const io_file *f, const io_piece *p, const int *cols,
                    int n_cols, int64_t batch_rows, io_reader **out, em_error *err)
{
    if (json_open(s, f, cols, n_cols, batch_rows, out, err))
        return err ? err->code : EM_EUSER;
    json_reader *r = (json_reader *)*out;
    if (r->o->multiline)
        return em_error_internal(err, "json: multiLine files are not split");
    io_lines_init_range(&r->lines, r->buf.data, r->buf.len, r->o->line_sep, r->o->line_sep_len,
                        p->lo, p->hi);
    return EM_OK;
}

int json_next(io_reader *rd, vec_batch **out, em_error *err)
{
    json_reader *r = (json_reader *)rd;
    const json_opts *o = r->o;
    const ty *d = r->s->data_schema;
    *out = NULL;
    vec **cols = em_calloc((size_t)r->n_req + 1, sizeof(vec *));
    for (int i = 0; i < r->n_req; i++)
        cols[i] = vec_new(d->fields[r->req[i]].type, r->batch_rows);
    int64_t rows = 0;
    int rc = 0;
    while (rows < r->batch_rows) {
        const char *rec;
        size_t len;
        if (o->multiline) {
            if (r->whole_done)
                break;
            r->whole_done = true;
            rec = r->buf.data;
            len = r->buf.len;
            io_skip_bom(&rec, &len);
        } else if (!io_lines_next(&r->lines, &rec, &len)) {
            break;
        }
        int64_t n_rows;
        json_rc jr = json_record(r, rec, len, cols, &n_rows);
        if (jr == JR_OK) {
            if (r->corrupt >= 0)
                for (int64_t k = 0; k < n_rows; k++)
                    vec_append_null(cols[r->corrupt]);
            rows += n_rows;
            continue;
        }
        /* malformed */
        if (o->mode == IO_MODE_DROPMALFORMED) {
            for (int i = 0; i < r->n_req; i++)
                io_vec_truncate(cols[i], rows);
            continue;
        }
        if (o->mode == IO_MODE_FAILFAST) {
            EM_LOG_DEBUG("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are "
                         "detected in record parsing. Parse Mode: FAILFAST. (%s)",
                         r->f->uri);
            io_read_failed(r->f, "malformed record (FAILFAST)", err);
            rc = -1;
            break;
        }
        if (n_rows == 0) { /* no partial rows: one row of NULLs */
            for (int i = 0; i < r->n_req; i++)
                if (i != r->corrupt)
                    vec_append_null(cols[i]);
            n_rows = 1;
        }
        if (r->corrupt >= 0)
            for (int64_t k = 0; k < n_rows; k++)
                vec_append_str(cols[r->corrupt], rec, (int64_t)len, NULL);
        rows += n_rows;
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

void json_close(io_reader *rd)
{
    json_reader *r = (json_reader *)rd;
    if (!r)
        return;
    io_buf_close(&r->buf);
    em_str_release(&r->key);
    em_str_release(&r->text);
    em_free(r->req);
    em_free(r->field_pos);
    em_free(r->field_names);
    em_free(r);
}
