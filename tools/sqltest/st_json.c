/*
 * st_json: a small DOM JSON reader for ember-sqltest. It reads the error blocks of golden
 * files ({"errorClass": ..., "messageParameters": {...}, "queryContext": [...]}) and the
 * messageParameters metadata of ErrorInfo. Input is hostile: nesting is bounded, every escape
 * is checked, nothing is read past `len`. Numbers are kept as their literal text (the runner
 * never computes with them). Invalid UTF-8 inside strings is kept as is.
 */
#include "st_int.h"

#include <string.h>

#include "common/em_str.h"

typedef struct st_json_parser {
    const char *p, *end;
    em_arena *arena;
    int depth;
} st_json_parser;

static void st_json_ws(st_json_parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int st_json_hex4(const char *p, const char *end, unsigned *out)
{
    if (end - p < 4)
        return -1;
    unsigned v = 0;
    for (int idx = 0; idx < 4; idx++) {
        char c = p[idx];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static void st_json_put_utf8(em_str *s, unsigned cp)
{
    char b[4];
    if (cp < 0x80) {
        em_str_putc(s, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 4);
    }
}

/* Parses a string starting at the opening quote into arena memory. */
static int st_json_string(st_json_parser *ps, const char **out, size_t *out_len)
{
    if (ps->p >= ps->end || *ps->p != '"')
        return -1;
    ps->p++;
    em_str s;
    em_str_init(&s, 0);
    int rc = -1;
    while (ps->p < ps->end) {
        char c = *ps->p++;
        if (c == '"') {
            rc = 0;
            break;
        }
        if ((unsigned char)c < 0x20)
            break;
        if (c != '\\') {
            em_str_putc(&s, c);
            continue;
        }
        if (ps->p >= ps->end)
            break;
        char e = *ps->p++;
        unsigned cp;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            em_str_putc(&s, e);
            continue;
        case 'b':
            em_str_putc(&s, '\b');
            continue;
        case 'f':
            em_str_putc(&s, '\f');
            continue;
        case 'n':
            em_str_putc(&s, '\n');
            continue;
        case 'r':
            em_str_putc(&s, '\r');
            continue;
        case 't':
            em_str_putc(&s, '\t');
            continue;
        case 'u':
            if (st_json_hex4(ps->p, ps->end, &cp))
                goto done;
            ps->p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' &&
                ps->p[1] == 'u') {
                unsigned lo;
                if (st_json_hex4(ps->p + 2, ps->end, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                    ps->p += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
            }
            st_json_put_utf8(&s, cp);
            continue;
        default:
            goto done;
        }
    }
done:
    if (rc == 0 && !s.overflow) {
        *out = em_arena_strndup(ps->arena, s.data ? s.data : "", s.len);
        *out_len = s.len;
    } else {
        rc = -1;
    }
    em_str_release(&s);
    return rc;
}

static int st_json_value(st_json_parser *ps, const st_json **out);

/* Parses the members of an array or object after its opening bracket. */
static int st_json_container(st_json_parser *ps, st_json *node, bool object)
{
    char close = object ? '}' : ']';
    size_t cap = 0;
    const st_json **items = NULL;
    const char **keys = NULL;
    int n = 0;
    st_json_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        node->n_items = 0;
        return 0;
    }
    for (;;) {
        const char *key = NULL;
        size_t key_len;
        st_json_ws(ps);
        if (object) {
            if (st_json_string(ps, &key, &key_len))
                return -1;
            st_json_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return -1;
            ps->p++;
        }
        const st_json *val;
        if (st_json_value(ps, &val))
            return -1;
        if ((size_t)n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            const st_json **ni = em_arena_alloc(ps->arena, ncap * sizeof *ni);
            const char **nk = em_arena_alloc(ps->arena, ncap * sizeof *nk);
            if (n) {
                memcpy(ni, items, (size_t)n * sizeof *ni);
                memcpy(nk, keys, (size_t)n * sizeof *nk);
            }
            items = ni;
            keys = nk;
            cap = ncap;
        }
        items[n] = val;
        keys[n] = key;
        n++;
        st_json_ws(ps);
        if (ps->p >= ps->end)
            return -1;
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == close) {
            ps->p++;
            break;
        }
        return -1;
    }
    node->n_items = n;
    node->items = items;
    node->keys = object ? keys : NULL;
    return 0;
}

static bool st_json_literal(st_json_parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return false;
    ps->p += n;
    return true;
}

static int st_json_value(st_json_parser *ps, const st_json **out)
{
    st_json_ws(ps);
    if (ps->p >= ps->end)
        return -1;
    st_json *node = em_arena_calloc(ps->arena, 1, sizeof *node);
    char c = *ps->p;
    int rc = 0;
    if (c == '{' || c == '[') {
        if (++ps->depth > ST_JSON_MAX_DEPTH)
            return -1;
        ps->p++;
        node->kind = c == '{' ? ST_JSON_OBJECT : ST_JSON_ARRAY;
        rc = st_json_container(ps, node, c == '{');
        ps->depth--;
    } else if (c == '"') {
        node->kind = ST_JSON_STRING;
        rc = st_json_string(ps, &node->str, &node->str_len);
    } else if (st_json_literal(ps, "true")) {
        node->kind = ST_JSON_BOOL;
        node->boolean = true;
    } else if (st_json_literal(ps, "false")) {
        node->kind = ST_JSON_BOOL;
    } else if (st_json_literal(ps, "null")) {
        node->kind = ST_JSON_NULL;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        const char *start = ps->p;
        ps->p++;
        while (ps->p < ps->end && (strchr("0123456789+-.eE", *ps->p) != NULL))
            ps->p++;
        node->kind = ST_JSON_NUMBER;
        node->str = em_arena_strndup(ps->arena, start, (size_t)(ps->p - start));
        node->str_len = (size_t)(ps->p - start);
    } else {
        rc = -1;
    }
    if (rc == 0)
        *out = node;
    return rc;
}

int st_json_parse(const char *text, size_t len, em_arena *arena, const st_json **out)
{
    st_json_parser ps = {.p = text, .end = text + len, .arena = arena, .depth = 0};
    const st_json *v;
    if (st_json_value(&ps, &v))
        return -1;
    st_json_ws(&ps);
    if (ps.p != ps.end)
        return -1;
    *out = v;
    return 0;
}

const st_json *st_json_get(const st_json *v, const char *key)
{
    if (!v || v->kind != ST_JSON_OBJECT)
        return NULL;
    for (int idx = 0; idx < v->n_items; idx++)
        if (strcmp(v->keys[idx], key) == 0)
            return v->items[idx];
    return NULL;
}

const char *st_json_str(const st_json *v)
{
    return v && v->kind == ST_JSON_STRING ? v->str : NULL;
}
