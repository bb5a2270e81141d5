/*
 * fn_xpath_doc: the XPath functions' documents and values (fn_xpath_int.h): a small XML parser
 * into a DOM (elements, attributes, text, CDATA sections, comments; the five predefined entities
 * and character references; the prolog, processing instructions and a DOCTYPE without internal
 * subset skipped; namespaces not interpreted) and XPath 1.0's conversions between node sets,
 * numbers, strings and booleans.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"
#include "common/em_str.h"
#include "functions/fn_misc_int.h"
#include "functions/fn_xpath_int.h"

/* ---- DOM
 * --------------------------------------------------------------------------------------
 */

typedef struct fn_xp_doc {
    em_arena *a;
    const char *s, *end;
    int order;
    bool bad;
} fn_xp_doc;

static fn_xn *fn_xn_new(fn_xp_doc *d, fn_xn_kind k, fn_xn *parent)
{
    fn_xn *n = em_arena_calloc(d->a, 1, sizeof *n);
    n->kind = k;
    n->parent = parent;
    n->order = d->order++;
    return n;
}

void fn_xn_push(em_arena *a, fn_xn ***arr, int *n, int *cap, fn_xn *x)
{
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 4;
        fn_xn **na = em_arena_alloc(a, (size_t)nc * sizeof *na);
        if (*n)
            memcpy(na, *arr, (size_t)*n * sizeof *na);
        *arr = na;
        *cap = nc;
    }
    (*arr)[(*n)++] = x;
}

bool fn_xp_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == ':' || (unsigned char)c >= 0x80;
}

bool fn_xp_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Appends text[0..n) with entity and character references decoded; false on a
 * bad one. */
static bool fn_xp_decode(const char *s, const char *e, em_str *out)
{
    while (s < e) {
        if (*s != '&') {
            em_str_putc(out, *s++);
            continue;
        }
        const char *semi = memchr(s, ';', (size_t)(e - s));
        if (!semi)
            return false;
        size_t len = (size_t)(semi - s - 1);
        const char *nm = s + 1;
        if (len == 2 && memcmp(nm, "lt", 2) == 0)
            em_str_putc(out, '<');
        else if (len == 2 && memcmp(nm, "gt", 2) == 0)
            em_str_putc(out, '>');
        else if (len == 3 && memcmp(nm, "amp", 3) == 0)
            em_str_putc(out, '&');
        else if (len == 4 && memcmp(nm, "quot", 4) == 0)
            em_str_putc(out, '"');
        else if (len == 4 && memcmp(nm, "apos", 4) == 0)
            em_str_putc(out, '\'');
        else if (len >= 2 && nm[0] == '#') {
            uint32_t cp = 0;
            bool hex = nm[1] == 'x';
            for (size_t k = hex ? 2 : 1; k < len; k++) {
                char c = nm[k];
                int dv = c >= '0' && c <= '9'          ? c - '0'
                         : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                         : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                       : -1;
                if (dv < 0 || cp > 0x10FFFF)
                    return false;
                cp = cp * (hex ? 16 : 10) + (uint32_t)dv;
            }
            char enc[4];
            em_str_append(out, enc, (size_t)fn_uc_encode(cp, enc));
        } else {
            return false;
        }
        s = semi + 1;
    }
    return true;
}

static const char *fn_xp_dup(fn_xp_doc *d, const char *s, const char *e, bool decode)
{
    if (!decode)
        return em_arena_strndup(d->a, s, (size_t)(e - s));
    em_str b;
    em_str_init(&b, 0);
    if (!fn_xp_decode(s, e, &b))
        d->bad = true;
    const char *r = em_arena_strndup(d->a, b.data ? b.data : "", b.len);
    em_str_release(&b);
    return r;
}

static bool fn_xp_skip_to(fn_xp_doc *d, const char *lit)
{
    size_t n = strlen(lit);
    while (d->s + n <= d->end) {
        if (memcmp(d->s, lit, n) == 0) {
            d->s += n;
            return true;
        }
        d->s++;
    }
    return false;
}

/* Parses the content of `parent` up to its end tag (or the end for the
 * document). */
static void fn_xp_content(fn_xp_doc *d, fn_xn *parent, int depth)
{
    while (d->s < d->end && !d->bad) {
        if (*d->s != '<') {
            const char *t = d->s;
            while (d->s < d->end && *d->s != '<')
                d->s++;
            if (parent->kind == FN_XN_DOC) {
                for (const char *p = t; p < d->s; p++)
                    if (!fn_xp_space(*p))
                        d->bad = true; /* text outside the root element */
                continue;
            }
            fn_xn *x = fn_xn_new(d, FN_XN_TEXT, parent);
            x->text = fn_xp_dup(d, t, d->s, true);
            fn_xn_push(d->a, &parent->kids, &parent->n_kids, &parent->cap_kids, x);
            continue;
        }
        if (d->s + 4 <= d->end && memcmp(d->s, "<!--", 4) == 0) {
            const char *t = d->s + 4;
            if (!fn_xp_skip_to(d, "-->")) {
                d->bad = true;
                return;
            }
            fn_xn *x = fn_xn_new(d, FN_XN_COMMENT, parent);
            x->text = fn_xp_dup(d, t, d->s - 3, false);
            fn_xn_push(d->a, &parent->kids, &parent->n_kids, &parent->cap_kids, x);
            continue;
        }
        if (d->s + 9 <= d->end && memcmp(d->s, "<![CDATA[", 9) == 0) {
            const char *t = d->s + 9;
            if (!fn_xp_skip_to(d, "]]>") || parent->kind == FN_XN_DOC) {
                d->bad = true;
                return;
            }
            fn_xn *x = fn_xn_new(d, FN_XN_TEXT, parent);
            x->text = fn_xp_dup(d, t, d->s - 3, false);
            fn_xn_push(d->a, &parent->kids, &parent->n_kids, &parent->cap_kids, x);
            continue;
        }
        if (d->s + 2 <= d->end && d->s[1] == '?') {
            if (!fn_xp_skip_to(d, "?>"))
                d->bad = true;
            continue;
        }
        if (d->s + 2 <= d->end && d->s[1] == '!') { /* DOCTYPE (no internal subset) */
            if (!fn_xp_skip_to(d, ">"))
                d->bad = true;
            continue;
        }
        if (d->s + 2 <= d->end && d->s[1] == '/') {
            if (parent->kind != FN_XN_ELEM) {
                d->bad = true;
                return;
            }
            const char *n = d->s + 2, *p = n;
            while (p < d->end && fn_xp_name_char(*p))
                p++;
            if ((size_t)(p - n) != strlen(parent->name) ||
                memcmp(n, parent->name, (size_t)(p - n)) != 0) {
                d->bad = true;
                return;
            }
            while (p < d->end && fn_xp_space(*p))
                p++;
            if (p >= d->end || *p != '>') {
                d->bad = true;
                return;
            }
            d->s = p + 1;
            return;
        }
        /* a start tag */
        if (depth > 256 || (parent->kind == FN_XN_DOC && parent->n_kids > 0)) {
            d->bad = true;
            return;
        }
        const char *n = d->s + 1, *p = n;
        while (p < d->end && fn_xp_name_char(*p))
            p++;
        if (p == n) {
            d->bad = true;
            return;
        }
        fn_xn *el = fn_xn_new(d, FN_XN_ELEM, parent);
        el->name = fn_xp_dup(d, n, p, false);
        fn_xn_push(d->a, &parent->kids, &parent->n_kids, &parent->cap_kids, el);
        bool empty = false;
        for (;;) {
            while (p < d->end && fn_xp_space(*p))
                p++;
            if (p >= d->end) {
                d->bad = true;
                return;
            }
            if (*p == '>') {
                p++;
                break;
            }
            if (*p == '/' && p + 1 < d->end && p[1] == '>') {
                p += 2;
                empty = true;
                break;
            }
            const char *an = p;
            while (p < d->end && fn_xp_name_char(*p))
                p++;
            const char *ae = p;
            while (p < d->end && fn_xp_space(*p))
                p++;
            if (ae == an || p >= d->end || *p != '=') {
                d->bad = true;
                return;
            }
            p++;
            while (p < d->end && fn_xp_space(*p))
                p++;
            if (p >= d->end || (*p != '"' && *p != '\'')) {
                d->bad = true;
                return;
            }
            char q = *p++;
            const char *vs = p;
            while (p < d->end && *p != q)
                p++;
            if (p >= d->end) {
                d->bad = true;
                return;
            }
            fn_xn *at = fn_xn_new(d, FN_XN_ATTR, el);
            at->name = fn_xp_dup(d, an, ae, false);
            at->text = fn_xp_dup(d, vs, p, true);
            fn_xn_push(d->a, &el->attrs, &el->n_attrs, &el->cap_attrs, at);
            p++;
        }
        d->s = p;
        if (!empty) {
            const char *before = d->s;
            fn_xp_content(d, el, depth + 1);
            if (!d->bad && d->s == before && d->s >= d->end)
                d->bad = true;
            if (!d->bad && (d->s > d->end || d->s[-1] != '>'))
                d->bad = true;
        }
    }
    if (parent->kind == FN_XN_ELEM)
        d->bad = true; /* the document ended inside an element */
}

fn_xn *fn_xp_parse(em_arena *a, const char *s, int32_t len)
{
    fn_xp_doc d = {.a = a, .s = s, .end = s + len};
    fn_xn *doc = fn_xn_new(&d, FN_XN_DOC, NULL);
    fn_xp_content(&d, doc, 0);
    return d.bad || doc->n_kids == 0 ? NULL : doc;
}

/* ---- values
 * ------------------------------------------------------------------------------------
 */

static void fn_xn_string(const fn_xn *x, em_str *out)
{
    if (x->kind == FN_XN_TEXT || x->kind == FN_XN_ATTR || x->kind == FN_XN_COMMENT) {
        em_str_puts(out, x->text);
        return;
    }
    for (int k = 0; k < x->n_kids; k++)
        if (x->kids[k]->kind != FN_XN_COMMENT)
            fn_xn_string(x->kids[k], out);
}

const char *fn_xn_strdup(em_arena *a, const fn_xn *x)
{
    em_str b;
    em_str_init(&b, 0);
    fn_xn_string(x, &b);
    const char *r = em_arena_strndup(a, b.data ? b.data : "", b.len);
    em_str_release(&b);
    return r;
}

/* XPath's number(string): optional blanks, optional '-', digits with one
 * optional '.'. */
double fn_xp_str_num(const char *s)
{
    while (fn_xp_space(*s))
        s++;
    const char *p = s;
    if (*p == '-')
        p++;
    bool digits = false, point = false;
    const char *q = p;
    for (; *q; q++) {
        if (*q >= '0' && *q <= '9')
            digits = true;
        else if (*q == '.' && !point)
            point = true;
        else
            break;
    }
    const char *e = q;
    while (fn_xp_space(*e))
        e++;
    if (!digits || *e)
        return NAN;
    char buf[128];
    size_t n = (size_t)(q - s) < sizeof buf - 1 ? (size_t)(q - s) : sizeof buf - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return strtod(buf, NULL);
}

/* XPath's string(number): integers without a fraction, NaN, Infinity, else
 * plain decimal. */
static const char *fn_xp_num_str(em_arena *a, double d)
{
    if (isnan(d))
        return "NaN";
    if (isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    if (d == floor(d) && fabs(d) < 1e18)
        return em_arena_printf(a, "%lld", (long long)d);
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", d);
    /* shortest round-trip digits */
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    if (strchr(buf, 'e')) {
        snprintf(buf, sizeof buf, "%.20f", d);
        char *e = buf + strlen(buf) - 1;
        while (e > buf && *e == '0')
            *e-- = '\0';
        if (*e == '.')
            *e = '\0';
    }
    return em_arena_strdup(a, buf);
}

const char *fn_xv_str(em_arena *a, const fn_xv *v)
{
    switch (v->kind) {
    case FN_XV_NODES:
        return v->n ? fn_xn_strdup(a, v->nodes[0]) : "";
    case FN_XV_NUM:
        return fn_xp_num_str(a, v->num);
    case FN_XV_BOOL:
        return v->b ? "true" : "false";
    default:
        return v->str;
    }
}

double fn_xv_num(em_arena *a, const fn_xv *v)
{
    switch (v->kind) {
    case FN_XV_NUM:
        return v->num;
    case FN_XV_BOOL:
        return v->b ? 1 : 0;
    default:
        return fn_xp_str_num(fn_xv_str(a, v));
    }
}

bool fn_xv_bool(const fn_xv *v)
{
    switch (v->kind) {
    case FN_XV_NODES:
        return v->n > 0;
    case FN_XV_NUM:
        return v->num != 0 && !isnan(v->num);
    case FN_XV_BOOL:
        return v->b;
    default:
        return v->str[0] != '\0';
    }
}
