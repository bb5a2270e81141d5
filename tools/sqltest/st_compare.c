/*
 * st_compare: how ember-sqltest decides whether one query matches its golden block.
 *
 * - Masking: Spark's suite passes every output line through replaceNotIncludedMsg
 *   (SQLQueryTestHelper) before writing or comparing it, so our rows get the same treatment
 *   (expression ids, plan ids, warehouse paths, DESCRIBE metadata, CTE ids, hashes, codegen
 *   stage markers). Implemented as fixed rules, one per Spark regex, applied in Spark's order.
 * - Order: the suite keeps rows in query order only when the analyzed plan is sorted at the
 *   top, and otherwise sorts the rendered lines (Scala String order = Java compareTo, UTF-16
 *   code units). Without the analyzed plan we look at the SQL text: a top-level ORDER BY (or
 *   DESCRIBE) means ordered. Unordered results are compared after the same sort, and then as
 *   a multiset of lines, so a plan Spark considered sorted through a subquery is never
 *   failed for its order.
 * - Errors: the golden output is "<JVM class>\n<message>"; the message is Spark's MINIMAL JSON
 *   (errorClass, sqlState, messageParameters, queryContext) for errors with a condition. We
 *   compare errorClass, sqlState and messageParameters (architecture §5), or the JVM class and
 *   the plain message for errors without a condition.
 */
#include "st_int.h"

#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"

/* ---------------------------------------------------------------------------------------- */
/* masking */

typedef enum st_match {
    ST_M_DIGITS,       /* \d+ */
    ST_M_DIGITS_COMMA, /* \d+, */
    ST_M_DIGITS_QUOTE, /* \d+" */
    ST_M_REST,         /* .* */
    ST_M_BLANKS_REST,  /* [\t ]+.* */
    ST_M_WORD_COMMA,   /* \w*, */
    ST_M_DIGITS_PAREN_SP /* \d+\)<space> */,
    ST_M_LAZY_QUOTE, /* .*?" */
} st_match;

typedef struct st_rule {
    const char *prefix;
    st_match match;
    const char *replacement;
} st_rule;

#define ST_NIC "[not included in comparison]"

/* Spark's replacements except the warehouse-path ones, in Spark's order (the path rules run
 * after `plan_id`, see st_mask_line). */
static const st_rule st_rules_head[] = {
    {"#", ST_M_DIGITS, "#x"},
    {"plan_id=", ST_M_DIGITS, "plan_id=x"},
};
static const st_rule st_rules_mid[] = {
    {"Created By", ST_M_REST, "Created By " ST_NIC},
    {"Created Time", ST_M_REST, "Created Time " ST_NIC},
    {"Last Access", ST_M_REST, "Last Access " ST_NIC},
    {"Owner", ST_M_BLANKS_REST, "Owner\t" ST_NIC},
    {"Partition Statistics\t", ST_M_DIGITS, "Partition Statistics\t" ST_NIC},
    {"CTERelationDef ", ST_M_DIGITS_COMMA, "CTERelationDef xxxx,"},
    {"CTERelationRef ", ST_M_DIGITS_COMMA, "CTERelationRef xxxx,"},
    {"UnionLoop ", ST_M_DIGITS, "UnionLoop xxxx"},
    {"UnionLoopRef ", ST_M_DIGITS_COMMA, "UnionLoopRef xxxx,"},
    {"Loop id: ", ST_M_DIGITS, "Loop id: xxxx"},
    {"@", ST_M_WORD_COMMA, "@xxxxxxxx,"},
    {"*(", ST_M_DIGITS_PAREN_SP, "*"},
};
static const st_rule st_rules_tail[] = {
    {"\"created_by\":\"", ST_M_LAZY_QUOTE, "\"created_by " ST_NIC "\":\"None\""},
    {"\"created_time\":\"", ST_M_LAZY_QUOTE, "\"created_time " ST_NIC "\":\"None\""},
    {"transient_lastDdlTime=", ST_M_DIGITS, "transient_lastDdlTime=" ST_NIC},
    {"\"transient_lastDdlTime\":\"", ST_M_DIGITS_QUOTE,
     "\"transient_lastDdlTime " ST_NIC "\":\"None\""},
    {"\"last_access\":\"", ST_M_LAZY_QUOTE, "\"last_access " ST_NIC "\":\"None\""},
    {"\"owner\":\"", ST_M_LAZY_QUOTE, "\"owner " ST_NIC "\":\"None\""},
    {"\"partition_statistics\":\"", ST_M_DIGITS_QUOTE,
     "\"partition_statistics " ST_NIC "\":\"None\""},
    {"cterelationdef ", ST_M_DIGITS_COMMA, "cterelationdef xxxx,"},
    {"cterelationref ", ST_M_DIGITS_COMMA, "cterelationref xxxx,"},
};

static bool st_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool st_is_word(char c)
{
    return st_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Length of the match of m at p (p is NUL-terminated), or -1. */
static long st_match_at(st_match m, const char *p)
{
    const char *q = p;
    switch (m) {
    case ST_M_DIGITS:
    case ST_M_DIGITS_COMMA:
    case ST_M_DIGITS_QUOTE:
    case ST_M_DIGITS_PAREN_SP:
        while (st_is_digit(*q))
            q++;
        if (q == p)
            return -1;
        if (m == ST_M_DIGITS_COMMA && *q++ != ',')
            return -1;
        if (m == ST_M_DIGITS_QUOTE && *q++ != '"')
            return -1;
        if (m == ST_M_DIGITS_PAREN_SP) {
            if (q[0] != ')' || q[1] != ' ')
                return -1;
            q += 2;
        }
        return q - p;
    case ST_M_REST:
        return (long)strlen(p);
    case ST_M_BLANKS_REST:
        if (*p != ' ' && *p != '\t')
            return -1;
        return (long)strlen(p);
    case ST_M_WORD_COMMA:
        while (st_is_word(*q))
            q++;
        return *q == ',' ? q + 1 - p : -1;
    case ST_M_LAZY_QUOTE: {
        const char *e = strchr(p, '"');
        return e ? e + 1 - p : -1;
    }
    }
    return -1;
}

/* Applies one rule to the whole of `in`, writing to out. */
static void st_apply_rule(const st_rule *r, const char *in, em_str *out)
{
    size_t plen = strlen(r->prefix);
    const char *p = in;
    while (*p) {
        const char *hit = strstr(p, r->prefix);
        if (!hit) {
            em_str_puts(out, p);
            return;
        }
        long m = st_match_at(r->match, hit + plen);
        if (m < 0) {
            em_str_append(out, p, (size_t)(hit - p) + 1);
            p = hit + 1;
            continue;
        }
        em_str_append(out, p, (size_t)(hit - p));
        em_str_puts(out, r->replacement);
        p = hit + plen + m;
    }
}

static void st_apply_rules(const st_rule *rules, size_t n, em_str *line)
{
    for (size_t idx = 0; idx < n; idx++) {
        if (!strstr(line->data ? line->data : "", rules[idx].prefix))
            continue;
        em_str next;
        em_str_init(&next, 0);
        st_apply_rule(&rules[idx], line->data, &next);
        em_str_putc(&next, '\0');
        next.len--;
        em_str_release(line);
        *line = next;
    }
}

/* The last occurrence of needle in [from, to) (to exclusive), or NULL. */
static const char *st_last_in(const char *from, const char *to, const char *needle)
{
    size_t n = strlen(needle);
    const char *best = NULL;
    for (const char *p = from; p + n <= to; p++)
        if (memcmp(p, needle, n) == 0)
            best = p;
    return best;
}

/* The warehouse-path rules: "Location.*<wh>/", "file:[^\s,]*<wh>", "\"location\":.*?<wh>/". */
static void st_mask_warehouse(const char *wh, em_str *line)
{
    if (!wh || !*wh || !line->data || !strstr(line->data, wh))
        return;
    em_str with_slash;
    em_str_init(&with_slash, 0);
    em_str_printf(&with_slash, "%s/", wh);
    const char *whs = with_slash.data;

    /* Location.*<wh>/ (greedy: to the last occurrence on the line). */
    for (int pass = 0; pass < 3; pass++) {
        em_str next;
        em_str_init(&next, 0);
        const char *s = line->data;
        const char *end = s + line->len;
        bool changed = false;
        if (pass == 0) {
            const char *p = s;
            const char *loc;
            while ((loc = strstr(p, "Location")) != NULL) {
                const char *last = st_last_in(loc + 8, end, whs);
                if (!last)
                    break;
                em_str_append(&next, p, (size_t)(loc - p));
                em_str_puts(&next, "Location " ST_NIC "/{warehouse_dir}/");
                p = last + strlen(whs);
                changed = true;
            }
            em_str_puts(&next, p);
        } else if (pass == 1) {
            const char *p = s;
            const char *f;
            while ((f = strstr(p, "file:")) != NULL) {
                const char *run_end = f + 5;
                while (*run_end && !strchr(" \t\n\v\f\r,", *run_end))
                    run_end++;
                const char *last = st_last_in(f + 5, run_end, wh);
                if (!last) {
                    em_str_append(&next, p, (size_t)(f - p) + 5);
                    p = f + 5;
                    continue;
                }
                em_str_append(&next, p, (size_t)(f - p));
                em_str_puts(&next, "file:" ST_NIC "/{warehouse_dir}");
                p = last + strlen(wh);
                changed = true;
            }
            em_str_puts(&next, p);
        } else {
            const char *p = s;
            const char *k;
            while ((k = strstr(p, "\"location\":")) != NULL) {
                const char *hit = strstr(k + 11, whs);
                if (!hit)
                    break;
                em_str_append(&next, p, (size_t)(k - p));
                em_str_puts(&next, "\"location\": \"" ST_NIC "/{warehouse_dir}/");
                p = hit + strlen(whs);
                changed = true;
            }
            em_str_puts(&next, p);
        }
        if (changed) {
            em_str_putc(&next, '\0');
            next.len--;
            em_str_release(line);
            *line = next;
        } else {
            em_str_release(&next);
        }
    }
    em_str_release(&with_slash);
}

void st_mask_line(const char *line, const char *warehouse, em_str *out)
{
    em_str cur;
    em_str_init(&cur, 0);
    em_str_puts(&cur, line);
    em_str_putc(&cur, '\0');
    cur.len--;
    st_apply_rules(st_rules_head, sizeof st_rules_head / sizeof st_rules_head[0], &cur);
    st_mask_warehouse(warehouse, &cur);
    st_apply_rules(st_rules_mid, sizeof st_rules_mid / sizeof st_rules_mid[0], &cur);
    st_apply_rules(st_rules_tail, sizeof st_rules_tail / sizeof st_rules_tail[0], &cur);
    em_str_append(out, cur.data ? cur.data : "", cur.len);
    em_str_release(&cur);
}

/* ---------------------------------------------------------------------------------------- */
/* Java string order */

typedef struct st_u16_iter {
    const unsigned char *p;
    unsigned pending; /* a low surrogate still to deliver, 0 if none */
} st_u16_iter;

/* Next UTF-16 code unit, or -1 at the end. Invalid bytes count as one unit each. */
static long st_u16_next(st_u16_iter *it)
{
    if (it->pending) {
        unsigned u = it->pending;
        it->pending = 0;
        return (long)u;
    }
    const unsigned char *p = it->p;
    if (!*p)
        return -1;
    unsigned c = p[0], cp;
    int n;
    if (c < 0x80) {
        cp = c;
        n = 1;
    } else if ((c & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
        cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
        n = 2;
    } else if ((c & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        cp = ((c & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        n = 3;
    } else if ((c & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
               (p[3] & 0xC0) == 0x80) {
        cp = ((c & 0x07) << 18) | ((unsigned)(p[1] & 0x3F) << 12) | ((unsigned)(p[2] & 0x3F) << 6) |
             (p[3] & 0x3F);
        n = 4;
    } else {
        cp = 0xFFFD;
        n = 1;
    }
    it->p += n;
    if (cp >= 0x10000) {
        cp -= 0x10000;
        it->pending = 0xDC00 + (cp & 0x3FF);
        return (long)(0xD800 + (cp >> 10));
    }
    return (long)cp;
}

int st_java_strcmp(const char *a, const char *b)
{
    st_u16_iter ia = {(const unsigned char *)a, 0}, ib = {(const unsigned char *)b, 0};
    for (;;) {
        long ua = st_u16_next(&ia), ub = st_u16_next(&ib);
        if (ua != ub)
            return ua < ub ? -1 : 1;
        if (ua < 0)
            return 0;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* sort detection */

static bool st_word_eq(const char *p, size_t n, const char *upper)
{
    if (strlen(upper) != n)
        return false;
    for (size_t idx = 0; idx < n; idx++) {
        char c = p[idx];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (c != upper[idx])
            return false;
    }
    return true;
}

bool st_sql_is_ordered(const char *sql)
{
    const char *p = sql;
    int depth = 0;
    bool ordered = false, first_word = true, describe = false;
    int n_words = 0;
    bool prev_order = false; /* the previous top-level word was ORDER */
    while (*p) {
        char c = *p;
        if (c == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (c == '/' && p[1] == '*') {
            int nest = 1;
            p += 2;
            while (*p && nest) {
                if (p[0] == '/' && p[1] == '*') {
                    nest++;
                    p += 2;
                } else if (p[0] == '*' && p[1] == '/') {
                    nest--;
                    p += 2;
                } else {
                    p++;
                }
            }
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') {
            char q = c;
            p++;
            while (*p && *p != q) {
                if (*p == '\\' && q != '`' && p[1])
                    p++;
                p++;
            }
            if (*p)
                p++;
            prev_order = false;
            continue;
        }
        if (c == '(') {
            depth++;
            p++;
            prev_order = false;
            continue;
        }
        if (c == ')') {
            if (depth > 0)
                depth--;
            p++;
            continue;
        }
        if (c == '|' && p[1] == '>' && depth == 0) {
            ordered = false;
            prev_order = false;
            p += 2;
            continue;
        }
        if (st_is_word(c)) {
            const char *w = p;
            while (st_is_word(*p))
                p++;
            size_t n = (size_t)(p - w);
            n_words++;
            if (first_word) {
                first_word = false;
                describe = st_word_eq(w, n, "DESC") || st_word_eq(w, n, "DESCRIBE");
            } else if (describe && n_words == 2) {
                /* DESCRIBE FUNCTION / DATABASE / CATALOG are not describe-table commands:
                 * the suite sorts their rows. */
                return !(st_word_eq(w, n, "FUNCTION") || st_word_eq(w, n, "DATABASE") ||
                         st_word_eq(w, n, "SCHEMA") || st_word_eq(w, n, "NAMESPACE") ||
                         st_word_eq(w, n, "CATALOG"));
            }
            if (depth == 0) {
                if (prev_order && st_word_eq(w, n, "BY"))
                    ordered = true;
                prev_order = st_word_eq(w, n, "ORDER");
            }
            continue;
        }
        p++;
    }
    return ordered || (describe && n_words == 1);
}

/* ---------------------------------------------------------------------------------------- */
/* verdict */

static int st_cmp_java(const void *a, const void *b)
{
    return st_java_strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int st_cmp_bytes(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Splits s at '\n' into arena copies. */
static char **st_lines(const char *s, em_arena *a, size_t *n_out)
{
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += *p == '\n';
    char **v = em_arena_alloc(a, (n + 1) * sizeof *v);
    size_t at = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        if (*p == '\n' || *p == '\0') {
            v[at++] = em_arena_strndup(a, start, (size_t)(p - start));
            if (!*p)
                break;
            start = p + 1;
        }
    }
    *n_out = at;
    return v;
}

static bool st_same_multiset(const char *a, const char *b, em_arena *arena)
{
    size_t na, nb;
    char **la = st_lines(a, arena, &na), **lb = st_lines(b, arena, &nb);
    if (na != nb)
        return false;
    qsort(la, na, sizeof *la, st_cmp_bytes);
    qsort(lb, nb, sizeof *lb, st_cmp_bytes);
    for (size_t idx = 0; idx < na; idx++)
        if (strcmp(la[idx], lb[idx]) != 0)
            return false;
    return true;
}

/* Shortens s to at most max bytes (on a UTF-8 boundary) with "..." appended. */
static const char *st_short(const char *s, size_t max, em_arena *a)
{
    size_t n = strlen(s);
    if (n <= max)
        return s;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return em_arena_printf(a, "%.*s...", (int)max, s);
}

/* "line K: got [..] want [..]" for the first differing line. */
static const char *st_first_diff(const char *got, const char *want, em_arena *a)
{
    size_t ng, nw;
    char **lg = st_lines(got, a, &ng), **lw = st_lines(want, a, &nw);
    size_t n = ng < nw ? ng : nw;
    for (size_t idx = 0; idx < n; idx++)
        if (strcmp(lg[idx], lw[idx]) != 0)
            return em_arena_printf(a, "line %zu: got [%s] want [%s]", idx + 1,
                                   st_short(lg[idx], 120, a), st_short(lw[idx], 120, a));
    return em_arena_printf(a, "got %zu lines, want %zu", ng, nw);
}

static void st_fail(st_verdict *v, const char *reason, const char *detail)
{
    v->pass = false;
    v->reason = reason;
    v->detail = detail;
}

/* Compares two messageParameters objects (string values; order-insensitive). */
static bool st_same_params(const st_json *want, const st_json *got)
{
    int nw = want ? want->n_items : 0, ng = got ? got->n_items : 0;
    if (nw != ng)
        return false;
    for (int idx = 0; idx < nw; idx++) {
        const st_json *g = st_json_get(got, want->keys[idx]);
        const st_json *w = want->items[idx];
        if (!g || g->kind != w->kind)
            return false;
        if ((w->kind == ST_JSON_STRING || w->kind == ST_JSON_NUMBER) && strcmp(w->str, g->str) != 0)
            return false;
    }
    return true;
}

static void st_judge_error(const st_block *exp, const char *exp_class, const char *exp_msg,
                           const st_actual *act, em_arena *a, st_verdict *out)
{
    const st_json *want = NULL;
    if (exp_msg[0] == '{' && st_json_parse(exp_msg, strlen(exp_msg), a, &want) == 0 &&
        st_json_str(st_json_get(want, "errorClass"))) {
        const char *wc = st_json_str(st_json_get(want, "errorClass"));
        const char *ws = st_json_str(st_json_get(want, "sqlState"));
        const st_json *wp = st_json_get(want, "messageParameters");
        const char *gc = act->error_class ? act->error_class : "";
        if (strcmp(wc, gc) != 0) {
            st_fail(out, "sqltest: WRONG_ERROR",
                    em_arena_printf(a, "got %s want %s", gc[0] ? gc : "(no error class)", wc));
            return;
        }
        const char *gs = act->sql_state && act->sql_state[0] ? act->sql_state : NULL;
        if ((ws == NULL) != (gs == NULL) || (ws && strcmp(ws, gs) != 0)) {
            st_fail(out, "sqltest: WRONG_SQLSTATE",
                    em_arena_printf(a, "%s: got %s want %s", wc, gs ? gs : "(none)",
                                    ws ? ws : "(none)"));
            return;
        }
        const st_json *gp = NULL;
        if (act->params_json && act->params_json[0] &&
            st_json_parse(act->params_json, strlen(act->params_json), a, &gp) != 0)
            gp = NULL;
        if (!st_same_params(wp && wp->kind == ST_JSON_OBJECT ? wp : NULL,
                            gp && gp->kind == ST_JSON_OBJECT ? gp : NULL)) {
            em_str ws_params;
            em_str_init(&ws_params, 0);
            for (int idx = 0; wp && idx < wp->n_items; idx++)
                em_str_printf(&ws_params, "%s%s=%s", idx ? ", " : "", wp->keys[idx],
                              wp->items[idx]->str ? wp->items[idx]->str : "?");
            const char *detail =
                em_arena_printf(a, "%s: got params %s want {%s}", wc,
                                st_short(act->params_json ? act->params_json : "{}", 200, a),
                                st_short(ws_params.data ? ws_params.data : "", 200, a));
            em_str_release(&ws_params);
            st_fail(out, "sqltest: WRONG_PARAMETERS", detail);
            return;
        }
        out->pass = true;
        return;
    }
    /* An error without a condition: the JVM class and the plain message. */
    const char *gj = act->jvm_class ? act->jvm_class : "";
    const char *gm = act->message ? act->message : "";
    if (strcmp(gj, exp_class) != 0 || strcmp(gm, exp_msg) != 0) {
        st_fail(out, "sqltest: WRONG_ERROR",
                em_arena_printf(a, "got %s: %s want %s: %s",
                                act->error_class ? act->error_class : gj, st_short(gm, 120, a),
                                exp_class, st_short(exp_msg, 120, a)));
        return;
    }
    (void)exp;
    out->pass = true;
}

void st_judge(const st_block *expected, const st_actual *actual, const char *sql, em_arena *arena,
              st_verdict *out)
{
    memset(out, 0, sizeof *out);
    bool want_error = strcmp(expected->schema, "struct<>") == 0 && expected->output[0] != '\0';
    const char *exp_class = NULL, *exp_msg = "";
    if (want_error) {
        const char *nl = strchr(expected->output, '\n');
        exp_class = nl ? em_arena_strndup(arena, expected->output, (size_t)(nl - expected->output))
                       : expected->output;
        exp_msg = nl ? nl + 1 : "";
    }
    if (actual->is_error) {
        if (want_error) {
            st_judge_error(expected, exp_class, exp_msg, actual, arena, out);
            return;
        }
        const char *reason =
            actual->error_class && actual->error_class[0]
                ? actual->error_class
                : (actual->jvm_class && actual->jvm_class[0] ? actual->jvm_class : "UNKNOWN_ERROR");
        st_fail(out, reason, st_short(actual->message ? actual->message : "", 240, arena));
        return;
    }
    if (want_error) {
        const st_json *want = NULL;
        const char *wc = exp_class;
        if (exp_msg[0] == '{' && st_json_parse(exp_msg, strlen(exp_msg), arena, &want) == 0 &&
            st_json_str(st_json_get(want, "errorClass")))
            wc = st_json_str(st_json_get(want, "errorClass"));
        st_fail(out, "sqltest: MISSING_ERROR", em_arena_printf(arena, "no error, want %s", wc));
        return;
    }
    const char *got_schema = actual->schema ? actual->schema : "";
    if (strcmp(got_schema, expected->schema) != 0) {
        st_fail(out, "sqltest: WRONG_SCHEMA",
                em_arena_printf(arena, "got %s want %s", st_short(got_schema, 200, arena),
                                st_short(expected->schema, 200, arena)));
        return;
    }
    bool ordered = st_sql_is_ordered(sql);
    size_t n = (size_t)actual->n_rows;
    char **rows = em_arena_alloc(arena, (n + 1) * sizeof *rows);
    if (n)
        memcpy(rows, actual->rows, n * sizeof *rows);
    if (!ordered && n > 1)
        qsort(rows, n, sizeof *rows, st_cmp_java);
    em_str joined;
    em_str_init(&joined, 0);
    for (size_t idx = 0; idx < n; idx++) {
        if (idx)
            em_str_putc(&joined, '\n');
        em_str_puts(&joined, rows[idx]);
    }
    const char *got = st_normalize_output(joined.data ? joined.data : "", joined.len, arena);
    em_str_release(&joined);
    if (strcmp(got, expected->output) == 0) {
        out->pass = true;
        return;
    }
    bool same_set = st_same_multiset(got, expected->output, arena);
    if (same_set && !ordered) {
        out->pass = true;
        return;
    }
    if (same_set) {
        st_fail(out, "sqltest: WRONG_ORDER", st_first_diff(got, expected->output, arena));
        return;
    }
    st_fail(out, "sqltest: WRONG_RESULT", st_first_diff(got, expected->output, arena));
}
