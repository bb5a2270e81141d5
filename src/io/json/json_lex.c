/*
 * json_lex: a JSON cursor with the grammar Jackson accepts under Spark's JSONOptions: single
 * quotes (on by default), NaN / Infinity / -Infinity / +Infinity / +INF / -INF as numbers (on by
 * default), and when enabled Java comments, unquoted field names, leading zeros, any char after a
 * backslash, raw control chars in strings. Strings are decoded to UTF-8 (\uXXXX surrogate pairs
 * combined; a lone surrogate becomes '?', as Java's UTF-8 encoder writes it) and must be valid
 * UTF-8. Every failure marks the cursor bad with a short reason; nothing here allocates except
 * through the em_str given.
 */
#include <string.h>

#include "io/json/json.h"

void json_cur_init(json_cur *c, const json_opts *o, const char *p, const char *end)
{
    c->o = o;
    c->p = p;
    c->end = end;
    c->depth = 0;
    c->bad = false;
    c->why = NULL;
}

bool json_fail(json_cur *c, const char *why)
{
    if (!c->bad) {
        c->bad = true;
        c->why = why;
    }
    c->p = c->end;
    return false;
}

/* Whitespace: Jackson skips space, tab, CR, LF (other controls are errors). */
static bool json_ws(json_cur *c)
{
    while (c->p < c->end) {
        char ch = *c->p;
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            c->p++;
            continue;
        }
        if (ch == '/' && c->o->allow_comments && c->p + 1 < c->end) {
            if (c->p[1] == '/') {
                while (c->p < c->end && *c->p != '\n' && *c->p != '\r')
                    c->p++;
                continue;
            }
            if (c->p[1] == '*') {
                const char *q = c->p + 2;
                while (q + 1 < c->end && !(q[0] == '*' && q[1] == '/'))
                    q++;
                if (q + 1 >= c->end)
                    return json_fail(c, "unterminated comment");
                c->p = q + 2;
                continue;
            }
        }
        break;
    }
    return true;
}

static bool json_at(const json_cur *c, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(c->end - c->p) >= n && memcmp(c->p, lit, n) == 0;
}

json_kind json_peek(json_cur *c)
{
    if (c->bad || !json_ws(c))
        return JK_BAD;
    if (c->p >= c->end)
        return JK_EOF;
    char ch = *c->p;
    switch (ch) {
    case '{':
        return JK_OBJECT;
    case '[':
        return JK_ARRAY;
    case '"':
        return JK_STRING;
    case '\'':
        return c->o->allow_single_quotes ? JK_STRING : JK_BAD;
    case 't':
        return JK_TRUE;
    case 'f':
        return JK_FALSE;
    case 'n':
        return JK_NULL;
    case '-':
        return JK_NUMBER;
    case 'N':
    case 'I':
    case '+':
        return c->o->allow_non_numeric ? JK_NUMBER : JK_BAD;
    default:
        return ch >= '0' && ch <= '9' ? JK_NUMBER : JK_BAD;
    }
}

static void json_put_utf8(em_str *out, uint32_t cp)
{
    if (cp < 0x80) {
        em_str_putc(out, (char)cp);
    } else if (cp < 0x800) {
        em_str_putc(out, (char)(0xC0 | (cp >> 6)));
        em_str_putc(out, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        em_str_putc(out, (char)(0xE0 | (cp >> 12)));
        em_str_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
        em_str_putc(out, (char)(0x80 | (cp & 0x3F)));
    } else {
        em_str_putc(out, (char)(0xF0 | (cp >> 18)));
        em_str_putc(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
        em_str_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
        em_str_putc(out, (char)(0x80 | (cp & 0x3F)));
    }
}

static int json_hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char h = p[i];
        int d = (h >= '0' && h <= '9')   ? h - '0'
                : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                         : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Length of a valid UTF-8 sequence at p (0 when invalid). */
static size_t json_utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned char b = p[0];
    size_t n;
    uint32_t min;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        n = 2, min = 0x80;
    else if (b >= 0xE0 && b <= 0xEF)
        n = 3, min = 0x800;
    else if (b >= 0xF0 && b <= 0xF4)
        n = 4, min = 0x10000;
    else
        return 0;
    if ((size_t)(end - p) < n)
        return 0;
    uint32_t cp = b & (0x3F >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

bool json_read_string(json_cur *c, em_str *out)
{
    em_str_reset(out);
    char q = *c->p++;
    const json_opts *o = c->o;
    while (c->p < c->end) {
        /* a run of plain bytes */
        const char *s = c->p;
        while (c->p < c->end) {
            unsigned char b = (unsigned char)*c->p;
            if (b == (unsigned char)q || b == '\\' || (b < 0x20 && !o->allow_control_chars) ||
                b >= 0x80)
                break;
            c->p++;
        }
        em_str_append(out, s, (size_t)(c->p - s));
        if (c->p >= c->end)
            break;
        unsigned char b = (unsigned char)*c->p;
        if (b == (unsigned char)q) {
            c->p++;
            return true;
        }
        if (b >= 0x80) {
            size_t n = json_utf8_len((const unsigned char *)c->p, (const unsigned char *)c->end);
            if (!n)
                return json_fail(c, "invalid UTF-8");
            em_str_append(out, c->p, n);
            c->p += n;
            continue;
        }
        if (b < 0x20)
            return json_fail(c, "unescaped control character in a string");
        /* backslash */
        if (c->p + 1 >= c->end)
            return json_fail(c, "unterminated escape");
        char e = c->p[1];
        c->p += 2;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            em_str_putc(out, e);
            break;
        case 'b':
            em_str_putc(out, '\b');
            break;
        case 'f':
            em_str_putc(out, '\f');
            break;
        case 'n':
            em_str_putc(out, '\n');
            break;
        case 'r':
            em_str_putc(out, '\r');
            break;
        case 't':
            em_str_putc(out, '\t');
            break;
        case 'u': {
            if (c->end - c->p < 4)
                return json_fail(c, "bad \\u escape");
            int u = json_hex4(c->p);
            if (u < 0)
                return json_fail(c, "bad \\u escape");
            c->p += 4;
            uint32_t cp = (uint32_t)u;
            if (cp >= 0xD800 && cp <= 0xDBFF && c->end - c->p >= 6 && c->p[0] == '\\' &&
                c->p[1] == 'u') {
                int lo = json_hex4(c->p + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                    c->p += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                em_str_putc(out, '?'); /* a lone surrogate */
            else
                json_put_utf8(out, cp);
            break;
        }
        default:
            if (e == '\'' && o->allow_single_quotes) {
                em_str_putc(out, e);
                break;
            }
            if (!o->allow_backslash_any)
                return json_fail(c, "unrecognized escape");
            em_str_putc(out, e);
            break;
        }
    }
    return json_fail(c, "unterminated string");
}

static bool json_is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* A number must end where a value may end. */
static bool json_num_end_ok(const json_cur *c)
{
    if (c->p >= c->end)
        return true;
    char ch = *c->p;
    return ch == ',' || ch == '}' || ch == ']' || ch == ' ' || ch == '\t' || ch == '\n' ||
           ch == '\r' || (ch == '/' && c->o->allow_comments);
}

bool json_read_number(json_cur *c, json_num *n)
{
    memset(n, 0, sizeof *n);
    const char *s = c->p;
    if (c->o->allow_non_numeric) {
        static const struct {
            const char *lit;
            int sign;
            bool nan;
        } specials[] = {{"NaN", 0, true},         {"Infinity", 1, false}, {"+Infinity", 1, false},
                        {"-Infinity", -1, false}, {"+INF", 1, false},     {"-INF", -1, false}};
        for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
            if (json_at(c, specials[i].lit)) {
                c->p += strlen(specials[i].lit);
                if (!json_num_end_ok(c))
                    return json_fail(c, "bad number");
                n->s = s;
                n->len = (size_t)(c->p - s);
                n->is_float = n->special = true;
                n->special_value =
                    specials[i].nan ? __builtin_nan("")
                                    : (specials[i].sign > 0 ? __builtin_inf() : -__builtin_inf());
                return true;
            }
    }
    if (c->p < c->end && *c->p == '-')
        c->p++;
    const char *int_start = c->p;
    while (c->p < c->end && json_is_digit(*c->p))
        c->p++;
    size_t int_len = (size_t)(c->p - int_start);
    if (int_len == 0)
        return json_fail(c, "bad number");
    if (int_len > 1 && int_start[0] == '0' && !c->o->allow_leading_zeros)
        return json_fail(c, "leading zeros");
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        const char *f = c->p;
        while (c->p < c->end && json_is_digit(*c->p))
            c->p++;
        if (c->p == f)
            return json_fail(c, "bad fraction");
        n->is_float = true;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
            c->p++;
        const char *e = c->p;
        while (c->p < c->end && json_is_digit(*c->p))
            c->p++;
        if (c->p == e)
            return json_fail(c, "bad exponent");
        n->is_float = true;
    }
    if (!json_num_end_ok(c))
        return json_fail(c, "bad number");
    n->s = s;
    n->len = (size_t)(c->p - s);
    if ((int)n->len > c->o->max_num_len)
        return json_fail(c, "number too long");
    return true;
}

bool json_read_literal(json_cur *c, json_kind k)
{
    const char *lit = k == JK_TRUE ? "true" : k == JK_FALSE ? "false" : "null";
    if (!json_at(c, lit))
        return json_fail(c, "bad literal");
    c->p += strlen(lit);
    if (c->p < c->end) {
        char ch = *c->p;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || json_is_digit(ch) || ch == '_')
            return json_fail(c, "bad literal");
    }
    return true;
}

static bool json_enter(json_cur *c)
{
    if (++c->depth > c->o->max_depth)
        return json_fail(c, "nesting too deep");
    c->p++;
    return true;
}

bool json_obj_begin(json_cur *c)
{
    return json_enter(c);
}

bool json_arr_begin(json_cur *c)
{
    return json_enter(c);
}

/* Unquoted field names (allowUnquotedFieldNames): Java identifier chars, roughly. */
static bool json_name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || json_is_digit(ch) || ch == '_' ||
           ch == '$' || (unsigned char)ch >= 0x80;
}

bool json_obj_next_key(json_cur *c, em_str *key, bool *done, bool *first)
{
    *done = false;
    if (!json_ws(c))
        return false;
    if (c->p >= c->end)
        return json_fail(c, "unterminated object");
    if (*c->p == '}') {
        c->p++;
        c->depth--;
        *done = true;
        return true;
    }
    if (!*first) {
        if (*c->p != ',')
            return json_fail(c, "expected ',' or '}'");
        c->p++;
        if (!json_ws(c))
            return false;
        if (c->p >= c->end)
            return json_fail(c, "unterminated object");
    }
    *first = false;
    char ch = *c->p;
    if (ch == '"' || (ch == '\'' && c->o->allow_single_quotes)) {
        if (!json_read_string(c, key))
            return false;
    } else if (c->o->allow_unquoted_names && json_name_char(ch)) {
        em_str_reset(key);
        const char *s = c->p;
        while (c->p < c->end && json_name_char(*c->p))
            c->p++;
        em_str_append(key, s, (size_t)(c->p - s));
    } else {
        return json_fail(c, "expected a field name");
    }
    if (!json_ws(c))
        return false;
    if (c->p >= c->end || *c->p != ':')
        return json_fail(c, "expected ':'");
    c->p++;
    return true;
}

bool json_arr_next(json_cur *c, bool *done, bool *first)
{
    *done = false;
    if (!json_ws(c))
        return false;
    if (c->p >= c->end)
        return json_fail(c, "unterminated array");
    if (*c->p == ']') {
        c->p++;
        c->depth--;
        *done = true;
        return true;
    }
    if (!*first) {
        if (*c->p != ',')
            return json_fail(c, "expected ',' or ']'");
        c->p++;
    }
    *first = false;
    return true;
}

bool json_skip_value(json_cur *c)
{
    em_str tmp;
    em_str_init(&tmp, 1 << 30);
    bool ok = true;
    json_kind k = json_peek(c);
    switch (k) {
    case JK_OBJECT: {
        ok = json_obj_begin(c);
        bool first = true, done = false;
        while (ok && !done) {
            ok = json_obj_next_key(c, &tmp, &done, &first);
            if (ok && !done)
                ok = json_skip_value(c);
        }
        break;
    }
    case JK_ARRAY: {
        ok = json_arr_begin(c);
        bool first = true, done = false;
        while (ok && !done) {
            ok = json_arr_next(c, &done, &first);
            if (ok && !done)
                ok = json_skip_value(c);
        }
        break;
    }
    case JK_STRING:
        ok = json_read_string(c, &tmp);
        break;
    case JK_NUMBER: {
        json_num n;
        ok = json_read_number(c, &n);
        break;
    }
    case JK_TRUE:
    case JK_FALSE:
    case JK_NULL:
        ok = json_read_literal(c, k);
        break;
    default:
        ok = json_fail(c, "expected a value");
        break;
    }
    em_str_release(&tmp);
    return ok;
}

bool json_obj_skip_rest(json_cur *c, bool first)
{
    em_str tmp;
    em_str_init(&tmp, 1 << 30);
    bool ok = true, done = false;
    while (ok && !done) {
        ok = json_obj_next_key(c, &tmp, &done, &first);
        if (ok && !done)
            ok = json_skip_value(c);
    }
    em_str_release(&tmp);
    return ok;
}

bool json_arr_skip_rest(json_cur *c, bool first)
{
    bool ok = true, done = false;
    while (ok && !done) {
        ok = json_arr_next(c, &done, &first);
        if (ok && !done)
            ok = json_skip_value(c);
    }
    return ok;
}

/* Next UTF-16 code unit of a UTF-8 string (pending low surrogate kept in *pend). */
static int json_next_unit(const unsigned char **p, uint32_t *pend)
{
    if (*pend) {
        int u = (int)*pend;
        *pend = 0;
        return u;
    }
    const unsigned char *s = *p;
    if (!*s)
        return -1;
    uint32_t cp;
    size_t n;
    if (s[0] < 0x80)
        cp = s[0], n = 1;
    else if ((s[0] & 0xE0) == 0xC0 && s[1])
        cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F), n = 2;
    else if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2])
        cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F),
        n = 3;
    else if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3])
        cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
             ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F),
        n = 4;
    else
        cp = s[0], n = 1;
    *p = s + n;
    if (cp >= 0x10000) {
        cp -= 0x10000;
        *pend = 0xDC00 + (cp & 0x3FF);
        return (int)(0xD800 + (cp >> 10));
    }
    return (int)cp;
}

int json_name_cmp(const char *a, const char *b)
{
    const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
    uint32_t qa = 0, qb = 0;
    for (;;) {
        int ua = json_next_unit(&pa, &qa), ub = json_next_unit(&pb, &qb);
        if (ua < 0 || ub < 0)
            return ua < 0 ? (ub < 0 ? 0 : -1) : 1;
        if (ua != ub)
            return ua - ub;
    }
}
