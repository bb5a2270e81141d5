/*
 * csv_token: splitting CSV records into values the way the univocity parser behaves under the
 * settings Spark's CSVOptions.asParserSettings gives it (re-expressed here; facts only):
 *
 *  - A value starting (after optional leading-whitespace skipping) with the quote char is quoted.
 *    Inside it: escape+quote is a quote; escape-escape+escape is an escape (the escape-escape
 *    char defaults to the escape char when escape and quote differ); a doubled quote is a quote;
 *    the value closes at a quote followed by whitespace, the delimiter or the end of the record.
 *    Whitespace between a closing quote and the delimiter is dropped.
 *  - A quote followed by anything else is an unescaped quote. STOP_AT_DELIMITER (Spark's default)
 *    then reads the value as unquoted text up to the next delimiter, opening quote included;
 *    STOP_AT_CLOSING_QUOTE keeps the quote and continues to the next closing quote; SKIP_VALUE
 *    makes the value null; RAISE_ERROR fails the record.
 *  - Unquoted values run to the delimiter or the end of the record, quotes and escapes literal.
 *  - An empty unquoted value (and a missing value after a trailing delimiter) is null; an empty
 *    quoted value is emptyValue.
 *  - The end of a record is '\n' (the parser's normalized newline). In multiLine mode, the line
 *    ending detected for the file (or lineSep) ends records outside quotes and is kept as '\n'
 *    inside quotes; empty lines and comment lines between records are skipped.
 */
#include <string.h>

#include "common/em_mem.h"
#include "io/csv/csv.h"

void csv_rec_init(csv_rec *r)
{
    memset(r, 0, sizeof *r);
    em_str_init(&r->text, 1 << 30);
}

void csv_rec_release(csv_rec *r)
{
    em_str_release(&r->text);
    em_free(r->off);
    em_free(r->len);
    em_free(r->quoted_empty);
    em_free(r->unquoted_empty);
    memset(r, 0, sizeof *r);
}

void csv_rec_value(const csv_opts *o, const csv_rec *r, int i, const char **s, size_t *len)
{
    if (r->unquoted_empty[i]) {
        *s = o->null_value;
        *len = strlen(o->null_value);
    } else if (r->quoted_empty[i]) {
        *s = o->empty_value;
        *len = strlen(o->empty_value);
    } else {
        *s = r->text.data ? r->text.data + r->off[i] : "";
        *len = r->len[i];
    }
}

bool csv_rec_is_null(const csv_opts *o, const csv_rec *r, int i)
{
    const char *s;
    size_t n;
    csv_rec_value(o, r, i, &s, &n);
    return n == strlen(o->null_value) && memcmp(s, o->null_value, n) == 0;
}

bool csv_line_skipped(const csv_opts *o, const char *line, size_t len)
{
    if (!io_has_non_blank(line, len))
        return true;
    return o->has_comment && len > 0 && line[0] == o->comment;
}

void csv_detect_newline(const char *data, size_t len, char nl[3])
{
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\n') {
            nl[0] = '\n';
            nl[1] = '\0';
            return;
        }
        if (data[i] == '\r') {
            if (i + 1 < len && data[i + 1] == '\n') {
                nl[0] = '\r';
                nl[1] = '\n';
                nl[2] = '\0';
            } else {
                nl[0] = '\r';
                nl[1] = '\0';
            }
            return;
        }
    }
    nl[0] = '\n';
    nl[1] = '\0';
}

typedef struct csv_tok {
    const csv_opts *o;
    const char *p, *end;
    bool multiline;
    const char *nl; /* multiLine: the record separator */
    size_t nl_len;
    bool keep_nl; /* lineSep given in multiLine: separators inside quotes stay as they are */
    csv_rec *rec;
    size_t field_start; /* offset of the current value in rec->text */
    bool failed;        /* RAISE_ERROR */
} csv_tok;

/* Length of the record end at p (0 when none). */
static size_t csv_nl_at(const csv_tok *t, const char *p)
{
    if (p >= t->end)
        return 0;
    if (!t->multiline)
        return *p == '\n' ? 1 : 0;
    if (t->nl_len && (size_t)(t->end - p) >= t->nl_len && memcmp(p, t->nl, t->nl_len) == 0)
        return t->nl_len;
    return *p == '\n' ? 1 : 0;
}

static bool csv_delim_at(const csv_tok *t, const char *p)
{
    const csv_opts *o = t->o;
    if (o->delim_len == 1)
        return p < t->end && *p == o->delim[0];
    return (size_t)(t->end - p) >= o->delim_len && memcmp(p, o->delim, o->delim_len) == 0;
}

static bool csv_ws(char c)
{
    return (unsigned char)c <= ' ' && c != '\0';
}

static void csv_add_field(csv_tok *t, bool quoted, bool null_value)
{
    csv_rec *r = t->rec;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->off = em_realloc(r->off, sizeof *r->off * (size_t)r->cap);
        r->len = em_realloc(r->len, sizeof *r->len * (size_t)r->cap);
        r->quoted_empty = em_realloc(r->quoted_empty, sizeof(bool) * (size_t)r->cap);
        r->unquoted_empty = em_realloc(r->unquoted_empty, sizeof(bool) * (size_t)r->cap);
    }
    size_t len = r->text.len - t->field_start;
    r->off[r->n] = t->field_start;
    r->len[r->n] = len;
    r->quoted_empty[r->n] = quoted && len == 0 && !null_value;
    r->unquoted_empty[r->n] = null_value || (!quoted && len == 0);
    r->n++;
    t->field_start = r->text.len;
}

/* Appends unquoted text up to the delimiter or the end of the record (trailing whitespace
   trimmed when ignoreTrailingWhiteSpace). */
static void csv_until_delim(csv_tok *t)
{
    const char *s = t->p;
    if (t->o->delim_len == 1 && !t->multiline) {
        /* the common case: one delimiter char, the record is one line */
        const char d = t->o->delim[0];
        const char *p = t->p, *end = t->end;
        while (p < end && *p != d && *p != '\n')
            p++;
        t->p = p;
    } else {
        while (t->p < t->end && !csv_delim_at(t, t->p) && !csv_nl_at(t, t->p))
            t->p++;
    }
    const char *e = t->p;
    em_str_append(&t->rec->text, s, (size_t)(e - s));
    if (t->o->ignore_trailing)
        while (t->rec->text.len > t->field_start && csv_ws(t->rec->text.data[t->rec->text.len - 1]))
            t->rec->text.len--;
}

/* Skips to the delimiter or the end of the record. */
static void csv_skip_value(csv_tok *t)
{
    while (t->p < t->end && !csv_delim_at(t, t->p) && !csv_nl_at(t, t->p))
        t->p++;
}

static void csv_put(csv_tok *t, char c)
{
    em_str_putc(&t->rec->text, c);
}

/* Inserts the quote char at the start of the current value (an unescaped quote turned the value
   into plain text, opening quote included). */
static void csv_prepend_quote(csv_tok *t)
{
    em_str *s = &t->rec->text;
    em_str_putc(s, '\0');
    if (s->overflow)
        return;
    memmove(s->data + t->field_start + 1, s->data + t->field_start, s->len - 1 - t->field_start);
    s->data[t->field_start] = t->o->quote;
}

/*
 * A quoted value; t->p is just past the opening quote. Returns whether the value is null (SKIP)
 * and leaves t->p at the delimiter / record end (or the end of input).
 */
static bool csv_quoted(csv_tok *t)
{
    const csv_opts *o = t->o;
    const char quote = o->quote, esc = o->escape;
    const char esc_esc = o->has_esc_esc ? o->esc_esc : (quote == esc ? '\0' : esc);
    char prev = '\0';
    bool unescaped = false;
    for (;;) {
        if (t->p >= t->end)
            return false; /* end of input: the value read so far */
        size_t nl = csv_nl_at(t, t->p);
        char ch = nl ? '\n' : *t->p;
        if (prev == quote && prev != '\0' && (csv_ws(ch) || nl || csv_delim_at(t, t->p)))
            break;
        if (nl && !(prev == quote && quote != '\0')) {
            /* a line ending inside quotes */
            if (t->keep_nl)
                em_str_append(&t->rec->text, t->p, nl);
            else
                csv_put(t, '\n');
            t->p += nl;
            prev = '\n';
            continue;
        }
        if (ch != quote && ch != esc) {
            if (prev == quote && quote != '\0') {
                /* an unescaped quote inside the value */
                unescaped = true;
                switch (o->uq_handling) {
                case CSV_UQ_STOP_AT_CLOSING_QUOTE:
                    csv_put(t, quote);
                    csv_put(t, ch);
                    prev = ch;
                    t->p++;
                    continue;
                case CSV_UQ_SKIP_VALUE:
                    t->rec->text.len = t->field_start;
                    csv_skip_value(t);
                    return true;
                case CSV_UQ_RAISE_ERROR:
                    t->failed = true;
                    csv_skip_value(t);
                    return false;
                default: /* STOP_AT_DELIMITER, BACK_TO_DELIMITER */
                    csv_put(t, quote);
                    csv_prepend_quote(t);
                    csv_until_delim(t);
                    return false;
                }
            }
            if (prev == esc && esc != '\0')
                csv_put(t, esc);
            /* plain text up to the next quote, escape or escape-escape char */
            while (t->p < t->end && !csv_nl_at(t, t->p) && *t->p != quote && *t->p != esc &&
                   (esc_esc == '\0' || *t->p != esc_esc)) {
                csv_put(t, *t->p);
                t->p++;
            }
            if (t->p >= t->end || csv_nl_at(t, t->p)) {
                prev = '\0';
                continue;
            }
            prev = *t->p;
            t->p++;
            continue;
        }
        /* ch is the quote or the escape char */
        char cur = ch;
        if (ch == esc && prev == esc_esc && esc_esc != '\0') {
            csv_put(t, esc);
            cur = '\0';
        } else if (prev == esc && esc != '\0') {
            if (ch == quote) {
                csv_put(t, quote);
                cur = '\0';
            } else {
                csv_put(t, prev);
            }
        } else if (ch == quote && prev == quote) {
            csv_put(t, quote);
        } else if (prev == quote && quote != '\0') {
            /* an escape char right after a closing quote: unquoted text to the delimiter */
            unescaped = true;
            csv_put(t, quote);
            csv_prepend_quote(t);
            csv_until_delim(t);
            return false;
        }
        prev = cur;
        t->p++;
        if (unescaped && (t->p >= t->end || csv_delim_at(t, t->p) || csv_nl_at(t, t->p)))
            return false;
    }
    /* Closed. Whitespace after the closing quote is dropped unless more text follows. */
    const char *ws = t->p;
    while (t->p < t->end && !csv_nl_at(t, t->p) && !csv_delim_at(t, t->p) && csv_ws(*t->p))
        t->p++;
    if (t->p >= t->end || csv_nl_at(t, t->p) || csv_delim_at(t, t->p))
        return false;
    /* Text after the quoted value: the value becomes plain text up to the delimiter. */
    switch (o->uq_handling) {
    case CSV_UQ_SKIP_VALUE:
        t->rec->text.len = t->field_start;
        csv_skip_value(t);
        return true;
    case CSV_UQ_RAISE_ERROR:
        t->failed = true;
        csv_skip_value(t);
        return false;
    default:
        csv_put(t, quote);
        em_str_append(&t->rec->text, ws, (size_t)(t->p - ws));
        csv_prepend_quote(t);
        csv_until_delim(t);
        return false;
    }
}

/* Parses the values of one record from t->p; stops at the record end (not consumed). */
static void csv_record(csv_tok *t)
{
    const csv_opts *o = t->o;
    t->rec->n = 0;
    em_str_reset(&t->rec->text);
    t->field_start = 0;
    for (;;) {
        if (o->ignore_leading)
            while (t->p < t->end && csv_ws(*t->p) && !csv_nl_at(t, t->p) &&
                   !csv_delim_at(t, t->p) && *t->p != o->quote)
                t->p++;
        if (t->p >= t->end || csv_nl_at(t, t->p)) {
            csv_add_field(t, false, true);
            return;
        }
        if (csv_delim_at(t, t->p)) {
            csv_add_field(t, false, true);
            t->p += o->delim_len;
            continue;
        }
        if (o->quote != '\0' && *t->p == o->quote) {
            t->p++;
            bool is_null = csv_quoted(t);
            csv_add_field(t, true, is_null);
        } else {
            csv_until_delim(t);
            csv_add_field(t, false, false);
        }
        if (t->p < t->end && csv_delim_at(t, t->p)) {
            t->p += o->delim_len;
            if (t->p >= t->end || csv_nl_at(t, t->p)) {
                csv_add_field(t, false, true);
                return;
            }
            continue;
        }
        return;
    }
}

int csv_tokenize(const csv_opts *o, const char **pp, const char *end, const char *nl, csv_rec *rec,
                 const char **rec_start, size_t *rec_len, em_error *err)
{
    bool multiline = nl != NULL;
    csv_tok t = {.o = o, .p = *pp, .end = end, .multiline = multiline, .rec = rec};
    if (multiline) {
        if (o->line_sep) {
            t.nl = o->line_sep;
            t.nl_len = o->line_sep_len;
            t.keep_nl = true;
        } else {
            t.nl = nl;
            t.nl_len = strlen(nl);
        }
        /* Skip empty lines and comment lines. */
        for (;;) {
            size_t n = csv_nl_at(&t, t.p);
            if (n) {
                t.p += n;
                continue;
            }
            if (t.p < end && o->has_comment && *t.p == o->comment) {
                while (t.p < end && !csv_nl_at(&t, t.p))
                    t.p++;
                continue;
            }
            break;
        }
        if (t.p >= end) {
            *pp = end;
            return 0;
        }
    }
    const char *start = t.p;
    csv_record(&t);
    const char *stop = t.p;
    if (multiline) {
        size_t n = csv_nl_at(&t, t.p);
        t.p += n;
        if (!n && t.p < end) /* stray text after a value: skip to the record end */
            while (t.p < end && !csv_nl_at(&t, t.p))
                t.p++;
    } else {
        t.p = end;
    }
    *pp = t.p;
    *rec_start = start;
    *rec_len = (size_t)(stop - start);
    if (rec->n > o->max_columns) {
        em_str b;
        em_str_init(&b, 1000);
        em_str_append(&b, start, *rec_len);
        em_error_set(err, "MALFORMED_CSV_RECORD", "badRecord", b.data ? b.data : "", NULL);
        em_str_release(&b);
        return -1;
    }
    if (t.failed)
        return 2; /* RAISE_ERROR: the caller fails the read */
    return 1;
}
