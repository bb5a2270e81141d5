/*
 * rp_check: doctest's comparison of printed output with an example's expected text, as
 * CPython 3.11's doctest.OutputChecker.check_output does it (the captures ran on 3.11), and
 * PySpark's choice of Python exception class for a failed Spark Connect call.
 *
 * check_output's steps, each tried only when the previous ones did not match:
 *   0. both strings are folded to ASCII with backslash escapes (\xNN, \uNNNN, \UNNNNNNNN),
 *   1. equal strings match,
 *   2. "True\n" vs "1\n" and "False\n" vs "0\n" (unless DONT_ACCEPT_TRUE_FOR_1),
 *   3. unless DONT_ACCEPT_BLANKLINE: want lines "<BLANKLINE>" (plus trailing whitespace)
 *      become empty, got lines holding only non-newline whitespace become empty,
 *   4. NORMALIZE_WHITESPACE: every whitespace run becomes one space, ends trimmed,
 *   5. ELLIPSIS: "..." in want matches any substring of got.
 * Each step works on the output of the step before (3 feeds 4 feeds 5), as in doctest.
 * Because of step 0, "whitespace" here is ASCII whitespace as Python's str.isspace sees it:
 * space, \t \n \v \f \r and \x1c-\x1f.
 */
#include "rp_int.h"

#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"

static bool rp_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' ||
           (c >= 0x1c && c <= 0x1f);
}

/* Decodes one UTF-8 sequence at s (n bytes available); returns its length, or 0 if invalid. */
static int rp_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    int len;
    unsigned v;
    if ((s[0] & 0xE0) == 0xC0) {
        len = 2;
        v = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3;
        v = s[0] & 0x0F;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4;
        v = s[0] & 0x07;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[k] & 0x3F);
    }
    static const unsigned rp_min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < rp_min_cp[len] || v > 0x10FFFF)
        return 0;
    *cp = v;
    return len;
}

/* doctest's _toAscii: str.encode('ASCII', 'backslashreplace'). Invalid UTF-8 bytes (which a
 * Python str could not hold) are escaped as \xNN. */
static void rp_to_ascii(const char *in, em_str *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t n = strlen(in);
    for (size_t pos = 0; pos < n;) {
        unsigned cp;
        int len = rp_utf8_decode(s + pos, n - pos, &cp);
        if (len == 0) {
            em_str_printf(out, "\\x%02x", s[pos]);
            pos++;
            continue;
        }
        if (cp < 0x80)
            em_str_putc(out, (char)cp);
        else if (cp <= 0xFF)
            em_str_printf(out, "\\x%02x", cp);
        else if (cp <= 0xFFFF)
            em_str_printf(out, "\\u%04x", cp);
        else
            em_str_printf(out, "\\U%08x", cp);
        pos += (size_t)len;
    }
}

/* Step 3 for want: a line that is "<BLANKLINE>" followed only by whitespace becomes empty. */
static void rp_blankline_want(const char *in, em_str *out)
{
    static const char marker[] = "<BLANKLINE>";
    const size_t marker_len = sizeof marker - 1;
    const char *line = in;
    for (;;) {
        const char *nl = strchr(line, '\n');
        size_t line_len = nl ? (size_t)(nl - line) : strlen(line);
        bool blank = false;
        if (line_len >= marker_len && memcmp(line, marker, marker_len) == 0) {
            blank = true;
            for (size_t k = marker_len; k < line_len; k++)
                if (!rp_is_space(line[k]))
                    blank = false;
        }
        if (!blank)
            em_str_append(out, line, line_len);
        if (!nl)
            break;
        em_str_putc(out, '\n');
        line = nl + 1;
    }
}

/* Step 3 for got: a non-empty line made only of whitespace other than '\n' becomes empty. */
static void rp_blankline_got(const char *in, em_str *out)
{
    const char *line = in;
    for (;;) {
        const char *nl = strchr(line, '\n');
        size_t line_len = nl ? (size_t)(nl - line) : strlen(line);
        bool blank = line_len > 0;
        for (size_t k = 0; k < line_len && blank; k++)
            if (!rp_is_space(line[k]))
                blank = false;
        if (!blank)
            em_str_append(out, line, line_len);
        if (!nl)
            break;
        em_str_putc(out, '\n');
        line = nl + 1;
    }
}

/* Step 4: ' '.join(s.split()). */
static void rp_normalize_ws(const char *in, em_str *out)
{
    bool need_space = false;
    for (const char *p = in; *p;) {
        if (rp_is_space(*p)) {
            p++;
            continue;
        }
        if (need_space)
            em_str_putc(out, ' ');
        const char *start = p;
        while (*p && !rp_is_space(*p))
            p++;
        em_str_append(out, start, (size_t)(p - start));
        need_space = true;
    }
}

/* Finds needle in hay[from, to); returns its offset or -1. */
static long rp_find(const char *hay, size_t from, size_t to, const char *needle, size_t n)
{
    if (to < from || to - from < n)
        return -1;
    if (n == 0)
        return (long)from;
    for (size_t pos = from; pos + n <= to; pos++)
        if (hay[pos] == needle[0] && memcmp(hay + pos, needle, n) == 0)
            return (long)pos;
    return -1;
}

/* doctest._ellipsis_match(want, got). */
static bool rp_ellipsis_match(const char *want, const char *got)
{
    if (!strstr(want, "..."))
        return strcmp(want, got) == 0;
    /* Split want on "..." into pieces [first, ..., last]. */
    size_t n_pieces = 1;
    for (const char *p = strstr(want, "..."); p; p = strstr(p + 3, "..."))
        n_pieces++;
    const char **starts = em_malloc(n_pieces * sizeof *starts);
    size_t *lens = em_malloc(n_pieces * sizeof *lens);
    const char *p = want;
    for (size_t idx = 0; idx < n_pieces; idx++) {
        const char *e = strstr(p, "...");
        starts[idx] = p;
        lens[idx] = e ? (size_t)(e - p) : strlen(p);
        p = e ? e + 3 : p + lens[idx];
    }
    size_t got_len = strlen(got);
    size_t startpos = 0, endpos = got_len;
    size_t first = 0, last = n_pieces; /* pieces still to search: [first, last) */
    bool ok = true;
    if (lens[0]) {
        if (got_len >= lens[0] && memcmp(got, starts[0], lens[0]) == 0) {
            startpos = lens[0];
            first = 1;
        } else {
            ok = false;
        }
    }
    if (ok && lens[n_pieces - 1]) {
        size_t n = lens[n_pieces - 1];
        if (got_len >= n && memcmp(got + got_len - n, starts[n_pieces - 1], n) == 0) {
            endpos -= n;
            last = n_pieces - 1;
        } else {
            ok = false;
        }
    }
    if (ok && startpos > endpos)
        ok = false;
    for (size_t idx = first; ok && idx < last; idx++) {
        long at = rp_find(got, startpos, endpos, starts[idx], lens[idx]);
        if (at < 0)
            ok = false;
        else
            startpos = (size_t)at + lens[idx];
    }
    em_free(starts);
    em_free(lens);
    return ok;
}

/* Replaces *cur with the contents of next (moving the buffer). */
static void rp_str_swap(em_str *cur, em_str *next)
{
    em_str_release(cur);
    *cur = *next;
    em_str_init(next, 0);
}

bool rp_doctest_check(const char *want_in, const char *got_in, int flags)
{
    em_str want, got, tmp;
    em_str_init(&want, 0);
    em_str_init(&got, 0);
    em_str_init(&tmp, 0);
    rp_to_ascii(want_in, &want);
    rp_to_ascii(got_in, &got);
    em_str_putc(&want, '\0'); /* make data non-NULL for empty strings */
    em_str_putc(&got, '\0');
    bool match = strcmp(got.data, want.data) == 0;
    if (!match && !(flags & RP_FLAG_DONT_ACCEPT_TRUE_FOR_1)) {
        if ((strcmp(got.data, "True\n") == 0 && strcmp(want.data, "1\n") == 0) ||
            (strcmp(got.data, "False\n") == 0 && strcmp(want.data, "0\n") == 0))
            match = true;
    }
    if (!match && !(flags & RP_FLAG_DONT_ACCEPT_BLANKLINE)) {
        rp_blankline_want(want.data, &tmp);
        em_str_putc(&tmp, '\0');
        rp_str_swap(&want, &tmp);
        rp_blankline_got(got.data, &tmp);
        em_str_putc(&tmp, '\0');
        rp_str_swap(&got, &tmp);
        match = strcmp(got.data, want.data) == 0;
    }
    if (!match && (flags & RP_FLAG_NORMALIZE_WHITESPACE)) {
        rp_normalize_ws(want.data, &tmp);
        em_str_putc(&tmp, '\0');
        rp_str_swap(&want, &tmp);
        rp_normalize_ws(got.data, &tmp);
        em_str_putc(&tmp, '\0');
        rp_str_swap(&got, &tmp);
        match = strcmp(got.data, want.data) == 0;
    }
    if (!match && (flags & RP_FLAG_ELLIPSIS))
        match = rp_ellipsis_match(want.data, got.data);
    em_str_release(&want);
    em_str_release(&got);
    em_str_release(&tmp);
    return match;
}

/* doctest._strip_exception_details: the exception class name without module or message. */
static void rp_strip_exception_details(const char *msg, em_str *out)
{
    size_t start = 0, end = strlen(msg);
    const char *nl = strchr(msg, '\n');
    if (nl)
        end = (size_t)(nl - msg);
    const char *colon = memchr(msg, ':', end);
    if (colon)
        end = (size_t)(colon - msg);
    for (size_t pos = end; pos > 0; pos--)
        if (msg[pos - 1] == '.') {
            start = pos;
            break;
        }
    em_str_append(out, msg + start, end - start);
    em_str_putc(out, '\0');
}

bool rp_doctest_check_exception(const char *want_exc_msg, const char *got_exc_msg, int flags)
{
    if (!want_exc_msg || !got_exc_msg)
        return false;
    if (rp_doctest_check(want_exc_msg, got_exc_msg, flags))
        return true;
    if (!(flags & RP_FLAG_IGNORE_EXCEPTION_DETAIL))
        return false;
    em_str want, got;
    em_str_init(&want, 0);
    em_str_init(&got, 0);
    rp_strip_exception_details(want_exc_msg, &want);
    rp_strip_exception_details(got_exc_msg, &got);
    bool match = rp_doctest_check(want.data, got.data, flags);
    em_str_release(&want);
    em_str_release(&got);
    return match;
}

int rp_flags_from_json(const rp_json *flags)
{
    static const struct {
        const char *name;
        int bit;
    } rp_flag_names[] = {
        {"NORMALIZE_WHITESPACE", RP_FLAG_NORMALIZE_WHITESPACE},
        {"ELLIPSIS", RP_FLAG_ELLIPSIS},
        {"IGNORE_EXCEPTION_DETAIL", RP_FLAG_IGNORE_EXCEPTION_DETAIL},
        {"DONT_ACCEPT_BLANKLINE", RP_FLAG_DONT_ACCEPT_BLANKLINE},
        {"DONT_ACCEPT_TRUE_FOR_1", RP_FLAG_DONT_ACCEPT_TRUE_FOR_1},
        {"SKIP", RP_FLAG_SKIP},
    };
    int bits = 0;
    for (size_t idx = 0; idx < sizeof rp_flag_names / sizeof rp_flag_names[0]; idx++)
        if (rp_json_array_has_str(flags, rp_flag_names[idx].name))
            bits |= rp_flag_names[idx].bit;
    return bits;
}

const char *rp_python_exception(bool has_error_info, const char *classes_json)
{
    /* pyspark/errors/exceptions/connect.py EXCEPTION_CLASS_MAPPING (Spark 4.x). */
    static const struct {
        const char *jvm;
        const char *python;
    } rp_exc_map[] = {
        {"org.apache.spark.sql.catalyst.parser.ParseException", "ParseException"},
        {"org.apache.spark.sql.AnalysisException", "AnalysisException"},
        {"org.apache.spark.sql.streaming.StreamingQueryException", "StreamingQueryException"},
        {"org.apache.spark.sql.execution.QueryExecutionException", "QueryExecutionException"},
        {"java.lang.NumberFormatException", "NumberFormatException"},
        {"java.lang.IllegalArgumentException", "IllegalArgumentException"},
        {"java.lang.ArithmeticException", "ArithmeticException"},
        {"java.lang.UnsupportedOperationException", "UnsupportedOperationException"},
        {"java.lang.ArrayIndexOutOfBoundsException", "ArrayIndexOutOfBoundsException"},
        {"java.time.DateTimeException", "DateTimeException"},
        {"org.apache.spark.SparkRuntimeException", "SparkRuntimeException"},
        {"org.apache.spark.SparkUpgradeException", "SparkUpgradeException"},
        {"org.apache.spark.api.python.PythonException", "PythonException"},
        {"org.apache.spark.SparkNoSuchElementException", "SparkNoSuchElementException"},
        {"org.apache.spark.SparkException", "SparkException"},
        {"org.apache.spark.sql.connect.common.InvalidPlanInput", "InvalidPlanInput"},
    };
    if (!has_error_info)
        return "SparkConnectGrpcException";
    if (!classes_json)
        return "UnknownException";
    em_arena arena;
    em_arena_init(&arena, 0);
    const rp_json *classes;
    const char *result = "UnknownException";
    char errbuf[64];
    if (rp_json_parse(classes_json, strlen(classes_json), &arena, &classes, errbuf,
                      sizeof errbuf) == 0 &&
        classes->kind == RP_JSON_ARRAY) {
        /* PythonException wins wherever it appears; otherwise the first mapped class. */
        if (rp_json_array_has_str(classes, "org.apache.spark.api.python.PythonException")) {
            result = "PythonException";
        } else {
            for (int idx = 0; idx < classes->n_items && !strcmp(result, "UnknownException");
                 idx++) {
                const char *name = rp_json_str(classes->items[idx]);
                for (size_t m = 0; name && m < sizeof rp_exc_map / sizeof rp_exc_map[0]; m++)
                    if (strcmp(rp_exc_map[m].jvm, name) == 0) {
                        result = rp_exc_map[m].python;
                        break;
                    }
            }
        }
    }
    em_arena_release(&arena);
    return result;
}

/* The n-th line (0-based) of s with trailing whitespace removed, skipping whitespace-only
 * lines; returns false past the end. */
static bool rp_nth_line(const char *s, int n, const char **start, size_t *len)
{
    int seen = 0;
    const char *line = s;
    while (*line) {
        const char *nl = strchr(line, '\n');
        size_t line_len = nl ? (size_t)(nl - line) : strlen(line);
        size_t trimmed = line_len;
        while (trimmed > 0 && rp_is_space(line[trimmed - 1]))
            trimmed--;
        if (trimmed > 0) {
            if (seen == n) {
                *start = line;
                *len = trimmed;
                return true;
            }
            seen++;
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    return false;
}

void rp_first_difference(const char *want, const char *got, em_str *out)
{
    for (int n = 0;; n++) {
        const char *w = NULL, *g = NULL;
        size_t wl = 0, gl = 0;
        bool has_w = rp_nth_line(want, n, &w, &wl);
        bool has_g = rp_nth_line(got, n, &g, &gl);
        if (!has_w && !has_g) {
            em_str_puts(out, "no line differs (whitespace or ellipsis only)");
            return;
        }
        if (has_w && has_g && wl == gl && memcmp(w, g, wl) == 0)
            continue;
        em_str_printf(out, "first differing line %d:\n    want: ", n + 1);
        if (has_w)
            em_str_append(out, w, wl);
        else
            em_str_puts(out, "(end)");
        em_str_puts(out, "\n    got:  ");
        if (has_g)
            em_str_append(out, g, gl);
        else
            em_str_puts(out, "(end)");
        return;
    }
}
