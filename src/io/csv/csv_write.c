/*
 * csv_write: Spark's CSV writer (CsvOutputWriter + UnivocityGenerator + univocity's CsvWriter as
 * CSVOptions.asWriterSettings configures it). Atomic columns only (CSVFileFormat.supportDataType).
 *
 * Per value, as univocity writes it:
 *  - NULL becomes the nullValue option ("" by default); a value that is empty after trimming
 *    becomes emptyValue (`""` by default: two quote chars written as they are);
 *  - leading / trailing whitespace (chars in (0, ' ']) is trimmed (ignoreLeadingWhiteSpace and
 *    ignoreTrailingWhiteSpace default to true when writing);
 *  - a value is quoted when it starts with the quote char, holds the delimiter, '\r', '\n', the
 *    line separator or (escapeQuotes, the default) the quote char, when quoteAll is set, or when
 *    it is the first value of the row and starts with the comment char;
 *  - inside quotes the quote char is preceded by the escape char (`\"`) and the escape char by
 *    charToEscapeQuoteEscaping (the escape char itself by default, as the escape differs from the
 *    quote).
 * The header (header=true) is written when the file is opened, so an empty file still has one.
 * Options: sep/delimiter, quote, escape, charToEscapeQuoteEscaping, escapeQuotes, quoteAll,
 * header, nullValue, emptyValue, lineSep, dateFormat, timestampFormat, timestampNTZFormat,
 * timeZone, ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace, compression.
 */
#include <string.h>

#include "common/em_mem.h"
#include "io/csv/csv.h"
#include "io/io_write_int.h"

typedef struct csv_wopts {
    const char *delim;
    size_t delim_len;
    char quote, escape, esc_esc, comment;
    bool escape_quotes, quote_all, header;
    bool trim_leading, trim_trailing;
    const char *null_value, *empty_value;
    const char *line_sep;
    size_t line_sep_len;
    io_wtime time;
    const ty *schema;
} csv_wopts;

typedef struct csv_wstate {
    const csv_wopts *o;
    io_wfile *f;
    em_str line, val;
} csv_wstate;

static bool csv_wsupports(const ty *t)
{
    switch (t->kind) {
    case TY_ARRAY:
    case TY_MAP:
    case TY_STRUCT:
    case TY_VARIANT:
    case TY_CALENDAR_INTERVAL:
    case TY_NULL:
        return false;
    default:
        return true;
    }
}

/* CSVOptions.getChar: absent -> dflt, "" -> '\0', one char, else _LEGACY_ERROR_TEMP_2145. */
static int csv_wchar(const io_wjob *job, const char *key, char dflt, char *out, em_error *err)
{
    const char *v = io_wopt(job, key);
    *out = dflt;
    if (!v)
        return EM_OK;
    if (!v[0]) {
        *out = '\0';
        return EM_OK;
    }
    if (v[1])
        return em_error_set(err, "_LEGACY_ERROR_TEMP_2145", "paramName", key, NULL);
    *out = v[0];
    return EM_OK;
}

static int csv_wprepare(io_wjob *job, em_error *err)
{
    csv_wopts *o = em_arena_calloc(&job->arena, 1, sizeof *o);
    const char *sep = io_wopt(job, "sep");
    if (!sep)
        sep = io_wopt(job, "delimiter");
    if (csv_delimiter_parse(&job->arena, sep ? sep : ",", &o->delim, &o->delim_len, err) ||
        csv_wchar(job, "quote", '"', &o->quote, err) ||
        csv_wchar(job, "escape", '\\', &o->escape, err) ||
        csv_wchar(job, "comment", '\0', &o->comment, err) ||
        csv_wchar(job, "charToEscapeQuoteEscaping", o->escape != o->quote ? o->escape : '\0',
                  &o->esc_esc, err) ||
        io_wopt_bool(job, "escapeQuotes", true, &o->escape_quotes, err) ||
        io_wopt_bool(job, "quoteAll", false, &o->quote_all, err) ||
        io_wopt_bool(job, "header", false, &o->header, err) ||
        io_wopt_bool(job, "ignoreLeadingWhiteSpace", true, &o->trim_leading, err) ||
        io_wopt_bool(job, "ignoreTrailingWhiteSpace", true, &o->trim_trailing, err))
        return err ? err->code : EM_EUSER;
    o->null_value = io_wopt(job, "nullValue");
    if (!o->null_value)
        o->null_value = "";
    o->empty_value = io_wopt(job, "emptyValue");
    if (!o->empty_value)
        o->empty_value = "\"\"";
    const char *ls = io_wopt(job, "lineSep");
    if (ls && !ls[0])
        return em_error_set(err, "_LEGACY_ERROR_TEMP_3241", "msg",
                            "requirement failed: 'lineSep' cannot be an empty string.", NULL);
    o->line_sep = ls ? ls : "\n";
    o->line_sep_len = strlen(o->line_sep);
    if (io_wtime_init(job, &o->time, err))
        return err ? err->code : EM_EUSER;
    io_wcodec codec;
    const char *suffix;
    if (io_wopt_text_codec(job, &codec, &suffix, err))
        return err ? err->code : EM_EUSER;
    job->ext = em_arena_printf(&job->arena, ".csv%s", suffix);
    o->schema = job->data_schema;
    job->fmt_opts = o;
    return EM_OK;
}

static bool csv_is_ws(char c)
{
    return (unsigned char)c <= ' ' && c != '\0';
}

/* Whether c forces quoting (univocity's quotation triggers plus the delimiter's first char). */
static bool csv_trigger(const csv_wopts *o, const char *s, size_t n, size_t i)
{
    char c = s[i];
    if (c == '\n' || c == '\r')
        return true;
    if (o->escape_quotes && o->quote && c == o->quote)
        return true;
    if (memchr(o->line_sep, c, o->line_sep_len))
        return true;
    return o->delim_len <= n - i && memcmp(s + i, o->delim, o->delim_len) == 0;
}

/* Appends one value (NULL when is_null) the way CsvWriter.append does. */
static void csv_put_value(const csv_wopts *o, const char *s, size_t n, bool is_null, bool first,
                          em_str *line)
{
    if (is_null) {
        s = o->null_value;
        n = strlen(s);
    }
    size_t b = 0, e = n;
    if (o->trim_leading)
        while (b < e && csv_is_ws(s[b]))
            b++;
    if (o->trim_trailing)
        while (e > b && csv_is_ws(s[e - 1]))
            e--;
    if (b == e) {
        /* Nothing left: the null or empty value, written as given when it is already quoted. */
        const char *sub = is_null ? o->null_value : o->empty_value;
        size_t sn = strlen(sub);
        if (o->quote_all) {
            em_str_putc(line, o->quote);
            if (!is_null)
                em_str_append(line, sub, sn);
            em_str_putc(line, o->quote);
            return;
        }
        if (is_null || (sn >= 2 && sub[0] == o->quote && sub[sn - 1] == o->quote) || sn == 0) {
            em_str_append(line, sub, sn);
            return;
        }
        s = sub;
        b = 0;
        e = sn;
    }
    bool quote = o->quote_all || (o->quote && s[b] == o->quote) ||
                 (first && o->comment && s[b] == o->comment);
    for (size_t i = b; i < e && !quote; i++)
        quote = csv_trigger(o, s, e, i);
    if (!quote || !o->quote) {
        em_str_append(line, s + b, e - b);
        return;
    }
    em_str_putc(line, o->quote);
    size_t start = b;
    for (size_t i = b; i < e; i++) {
        char c = s[i];
        if (c != o->quote && !(c == o->escape && o->escape))
            continue;
        em_str_append(line, s + start, i - start);
        start = i + 1;
        if (c == o->quote)
            em_str_putc(line, o->escape);
        else if (o->esc_esc)
            em_str_putc(line, o->esc_esc);
        em_str_putc(line, c);
    }
    em_str_append(line, s + start, e - start);
    em_str_putc(line, o->quote);
}

static int csv_wopen(io_wjob *job, io_wfile *f, void **state, em_error *err)
{
    csv_wstate *s = em_calloc(1, sizeof *s);
    s->o = job->fmt_opts;
    s->f = f;
    em_str_init(&s->line, 0);
    em_str_init(&s->val, 0);
    *state = s;
    if (!s->o->header)
        return EM_OK;
    const ty *schema = s->o->schema;
    for (int c = 0; c < schema->n_fields; c++) {
        if (c)
            em_str_append(&s->line, s->o->delim, s->o->delim_len);
        const char *name = schema->fields[c].name;
        csv_put_value(s->o, name, strlen(name), false, c == 0, &s->line);
    }
    em_str_append(&s->line, s->o->line_sep, s->o->line_sep_len);
    int rc = io_wfile_write(f, s->line.data, s->line.len, err);
    em_str_reset(&s->line);
    return rc;
}

static int csv_wwrite(void *state, const vec_batch *b, em_error *err)
{
    csv_wstate *s = state;
    for (int64_t r = 0; r < b->n_rows; r++) {
        em_str_reset(&s->line);
        for (int c = 0; c < b->n_cols; c++) {
            if (c)
                em_str_append(&s->line, s->o->delim, s->o->delim_len);
            const vec *v = b->cols[c];
            if (vec_is_null(v, r)) {
                csv_put_value(s->o, NULL, 0, true, c == 0, &s->line);
                continue;
            }
            em_str_reset(&s->val);
            io_wvalue_text(&s->o->time, v, r, &s->val);
            csv_put_value(s->o, s->val.data ? s->val.data : "", s->val.len, false, c == 0,
                          &s->line);
        }
        em_str_append(&s->line, s->o->line_sep, s->o->line_sep_len);
        if (io_wfile_write(s->f, s->line.data, s->line.len, err))
            return EM_EIO;
    }
    return EM_OK;
}

static void csv_wdiscard(void *state)
{
    csv_wstate *s = state;
    if (!s)
        return;
    em_str_release(&s->line);
    em_str_release(&s->val);
    em_free(s);
}

static int csv_wfinish(void *state, em_error *err)
{
    (void)err;
    csv_wdiscard(state);
    return EM_OK;
}

const io_wformat io_wformat_csv = {
    .name = "csv",
    .display = "CSV",
    .supports = csv_wsupports,
    .prepare = csv_wprepare,
    .open = csv_wopen,
    .write = csv_wwrite,
    .finish = csv_wfinish,
    .discard = csv_wdiscard,
};
