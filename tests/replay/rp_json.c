/*
 * rp_json: a small DOM reader for the capture's cases.json and index.json files.
 *
 * Recursive descent over a bounded input: every read checks the end of the buffer, nesting is
 * capped at RP_JSON_MAX_DEPTH (so recursion depth is bounded), and every node lives in the
 * caller's arena. Containers are collected in a temporary growable array and copied into the
 * arena when they close, so memory use stays proportional to the input.
 */
#include "rp_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"

typedef struct rp_json_parser {
    const char *text;
    size_t len;
    size_t pos;
    em_arena *arena;
    char *errbuf;
    size_t errsize;
    bool failed;
} rp_json_parser;

static int rp_json_fail(rp_json_parser *p, const char *what)
{
    if (!p->failed && p->errbuf && p->errsize)
        snprintf(p->errbuf, p->errsize, "offset %zu: %s", p->pos, what);
    p->failed = true;
    return -1;
}

static void rp_json_skip_ws(rp_json_parser *p)
{
    while (p->pos < p->len) {
        char c = p->text[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static bool rp_json_literal(rp_json_parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->text + p->pos, word, n) != 0)
        return false;
    p->pos += n;
    return true;
}

static int rp_json_hex4(rp_json_parser *p, unsigned *out)
{
    if (p->len - p->pos < 4)
        return rp_json_fail(p, "truncated \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p->text[p->pos + k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return rp_json_fail(p, "bad hex digit in \\u escape");
    }
    p->pos += 4;
    *out = v;
    return 0;
}

static void rp_json_put_utf8(em_str *s, unsigned cp)
{
    char buf[4];
    if (cp < 0x80) {
        buf[0] = (char)cp;
        em_str_append(s, buf, 1);
    } else if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, buf, 2);
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, buf, 3);
    } else {
        buf[0] = (char)(0xF0 | (cp >> 18));
        buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[3] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, buf, 4);
    }
}

/* Parses a string literal at p->pos (which holds '"'); the result is copied into the arena. */
static int rp_json_string(rp_json_parser *p, const char **out, size_t *out_len)
{
    p->pos++; /* opening quote */
    em_str buf;
    em_str_init(&buf, RP_JSON_MAX_INPUT);
    for (;;) {
        if (p->pos >= p->len) {
            em_str_release(&buf);
            return rp_json_fail(p, "unterminated string");
        }
        unsigned char c = (unsigned char)p->text[p->pos];
        if (c == '"') {
            p->pos++;
            break;
        }
        if (c < 0x20) {
            em_str_release(&buf);
            return rp_json_fail(p, "control character in string");
        }
        if (c != '\\') {
            /* Copy a run of plain bytes at once. */
            size_t start = p->pos;
            while (p->pos < p->len) {
                unsigned char d = (unsigned char)p->text[p->pos];
                if (d == '"' || d == '\\' || d < 0x20)
                    break;
                p->pos++;
            }
            em_str_append(&buf, p->text + start, p->pos - start);
            continue;
        }
        p->pos++;
        if (p->pos >= p->len) {
            em_str_release(&buf);
            return rp_json_fail(p, "truncated escape");
        }
        char e = p->text[p->pos++];
        switch (e) {
        case '"':
        case '\\':
        case '/':
            em_str_putc(&buf, e);
            break;
        case 'b':
            em_str_putc(&buf, '\b');
            break;
        case 'f':
            em_str_putc(&buf, '\f');
            break;
        case 'n':
            em_str_putc(&buf, '\n');
            break;
        case 'r':
            em_str_putc(&buf, '\r');
            break;
        case 't':
            em_str_putc(&buf, '\t');
            break;
        case 'u': {
            unsigned cp;
            if (rp_json_hex4(p, &cp) != 0) {
                em_str_release(&buf);
                return -1;
            }
            if (cp >= 0xD800 && cp < 0xDC00) {
                /* A high surrogate: combine with a following low surrogate if present. */
                unsigned lo;
                if (p->len - p->pos >= 6 && p->text[p->pos] == '\\' && p->text[p->pos + 1] == 'u') {
                    size_t save = p->pos;
                    p->pos += 2;
                    if (rp_json_hex4(p, &lo) != 0) {
                        em_str_release(&buf);
                        return -1;
                    }
                    if (lo >= 0xDC00 && lo < 0xE000)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    else
                        p->pos = save; /* lone high surrogate; the next escape stands alone */
                }
            }
            rp_json_put_utf8(&buf, cp);
            break;
        }
        default:
            em_str_release(&buf);
            return rp_json_fail(p, "bad escape");
        }
    }
    if (buf.overflow) {
        em_str_release(&buf);
        return rp_json_fail(p, "string too long");
    }
    *out = em_arena_strndup(p->arena, buf.data ? buf.data : "", buf.len);
    *out_len = buf.len;
    em_str_release(&buf);
    return 0;
}

static int rp_json_number(rp_json_parser *p, double *out)
{
    size_t start = p->pos;
    if (p->pos < p->len && p->text[p->pos] == '-')
        p->pos++;
    size_t int_start = p->pos;
    while (p->pos < p->len && p->text[p->pos] >= '0' && p->text[p->pos] <= '9')
        p->pos++;
    if (p->pos == int_start)
        return rp_json_fail(p, "bad number");
    if (p->text[int_start] == '0' && p->pos - int_start > 1)
        return rp_json_fail(p, "leading zero in number");
    if (p->pos < p->len && p->text[p->pos] == '.') {
        p->pos++;
        size_t frac = p->pos;
        while (p->pos < p->len && p->text[p->pos] >= '0' && p->text[p->pos] <= '9')
            p->pos++;
        if (p->pos == frac)
            return rp_json_fail(p, "bad fraction");
    }
    if (p->pos < p->len && (p->text[p->pos] == 'e' || p->text[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->len && (p->text[p->pos] == '+' || p->text[p->pos] == '-'))
            p->pos++;
        size_t exp = p->pos;
        while (p->pos < p->len && p->text[p->pos] >= '0' && p->text[p->pos] <= '9')
            p->pos++;
        if (p->pos == exp)
            return rp_json_fail(p, "bad exponent");
    }
    char tmp[64];
    size_t n = p->pos - start;
    if (n >= sizeof tmp) {
        /* Absurdly long numbers: keep the grammar check, value is approximate. */
        n = sizeof tmp - 1;
    }
    memcpy(tmp, p->text + start, n);
    tmp[n] = '\0';
    *out = strtod(tmp, NULL);
    return 0;
}

/* A growable temporary list of (key, value) pairs for one open container. */
typedef struct rp_json_list {
    const rp_json **items;
    const char **keys;
    int n;
    int cap;
} rp_json_list;

static void rp_json_list_push(rp_json_list *l, const char *key, const rp_json *v)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = em_realloc(l->items, (size_t)l->cap * sizeof *l->items);
        l->keys = em_realloc(l->keys, (size_t)l->cap * sizeof *l->keys);
    }
    l->items[l->n] = v;
    l->keys[l->n] = key;
    l->n++;
}

static void rp_json_list_finish(rp_json_parser *p, rp_json_list *l, rp_json *node, bool keyed)
{
    node->n_items = l->n;
    if (l->n) {
        node->items = em_arena_alloc(p->arena, (size_t)l->n * sizeof *node->items);
        memcpy(node->items, l->items, (size_t)l->n * sizeof *node->items);
        if (keyed) {
            node->keys = em_arena_alloc(p->arena, (size_t)l->n * sizeof *node->keys);
            memcpy(node->keys, l->keys, (size_t)l->n * sizeof *node->keys);
        }
    }
    em_free(l->items);
    em_free(l->keys);
}

static int rp_json_value(rp_json_parser *p, int depth, const rp_json **out);

static int rp_json_container(rp_json_parser *p, int depth, rp_json *node)
{
    bool keyed = node->kind == RP_JSON_OBJECT;
    char close = keyed ? '}' : ']';
    rp_json_list list = {0};
    p->pos++; /* opening bracket */
    rp_json_skip_ws(p);
    if (p->pos < p->len && p->text[p->pos] == close) {
        p->pos++;
        rp_json_list_finish(p, &list, node, keyed);
        return 0;
    }
    for (;;) {
        const char *key = NULL;
        rp_json_skip_ws(p);
        if (keyed) {
            size_t key_len;
            if (p->pos >= p->len || p->text[p->pos] != '"' ||
                rp_json_string(p, &key, &key_len) != 0)
                goto fail;
            rp_json_skip_ws(p);
            if (p->pos >= p->len || p->text[p->pos] != ':')
                goto fail;
            p->pos++;
        }
        const rp_json *v;
        if (rp_json_value(p, depth + 1, &v) != 0)
            goto fail;
        rp_json_list_push(&list, key, v);
        rp_json_skip_ws(p);
        if (p->pos >= p->len)
            goto fail;
        char c = p->text[p->pos++];
        if (c == close)
            break;
        if (c != ',')
            goto fail;
    }
    rp_json_list_finish(p, &list, node, keyed);
    return 0;
fail:
    em_free(list.items);
    em_free(list.keys);
    return rp_json_fail(p, keyed ? "malformed object" : "malformed array");
}

static int rp_json_value(rp_json_parser *p, int depth, const rp_json **out)
{
    if (depth > RP_JSON_MAX_DEPTH)
        return rp_json_fail(p, "nesting too deep");
    rp_json_skip_ws(p);
    if (p->pos >= p->len)
        return rp_json_fail(p, "unexpected end of input");
    rp_json *node = em_arena_calloc(p->arena, 1, sizeof *node);
    char c = p->text[p->pos];
    int rc = 0;
    if (c == '{') {
        node->kind = RP_JSON_OBJECT;
        rc = rp_json_container(p, depth, node);
    } else if (c == '[') {
        node->kind = RP_JSON_ARRAY;
        rc = rp_json_container(p, depth, node);
    } else if (c == '"') {
        node->kind = RP_JSON_STRING;
        rc = rp_json_string(p, &node->str, &node->str_len);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        node->kind = RP_JSON_NUMBER;
        rc = rp_json_number(p, &node->number);
    } else if (rp_json_literal(p, "true")) {
        node->kind = RP_JSON_BOOL;
        node->boolean = true;
    } else if (rp_json_literal(p, "false")) {
        node->kind = RP_JSON_BOOL;
    } else if (rp_json_literal(p, "null")) {
        node->kind = RP_JSON_NULL;
    } else {
        return rp_json_fail(p, "unexpected character");
    }
    if (rc != 0)
        return -1;
    *out = node;
    return 0;
}

int rp_json_parse(const char *text, size_t len, em_arena *arena, const rp_json **out, char *errbuf,
                  size_t errsize)
{
    rp_json_parser p = {
        .text = text, .len = len, .arena = arena, .errbuf = errbuf, .errsize = errsize};
    *out = NULL;
    if (errbuf && errsize)
        errbuf[0] = '\0';
    if (!text || len > RP_JSON_MAX_INPUT)
        return rp_json_fail(&p, "input missing or too large");
    const rp_json *v;
    if (rp_json_value(&p, 0, &v) != 0)
        return -1;
    rp_json_skip_ws(&p);
    if (p.pos != p.len)
        return rp_json_fail(&p, "trailing characters");
    *out = v;
    return 0;
}

const rp_json *rp_json_get(const rp_json *v, const char *key)
{
    if (!v || v->kind != RP_JSON_OBJECT)
        return NULL;
    for (int idx = 0; idx < v->n_items; idx++)
        if (strcmp(v->keys[idx], key) == 0)
            return v->items[idx];
    return NULL;
}

const char *rp_json_str(const rp_json *v)
{
    return v && v->kind == RP_JSON_STRING ? v->str : NULL;
}

const char *rp_json_get_str(const rp_json *v, const char *key)
{
    return rp_json_str(rp_json_get(v, key));
}

int rp_json_int(const rp_json *v, int dflt)
{
    if (!v || v->kind != RP_JSON_NUMBER)
        return dflt;
    double d = v->number;
    if (!(d >= -2147483648.0 && d <= 2147483647.0) || d != (double)(int)d)
        return dflt;
    return (int)d;
}

bool rp_json_array_has_str(const rp_json *v, const char *s)
{
    if (!v || v->kind != RP_JSON_ARRAY)
        return false;
    for (int idx = 0; idx < v->n_items; idx++) {
        const char *item = rp_json_str(v->items[idx]);
        if (item && strcmp(item, s) == 0)
            return true;
    }
    return false;
}
