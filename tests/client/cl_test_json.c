/*
 * cl_test_json.c: recursive-descent JSON reader (see cl_test_json.h). Escapes \uXXXX become
 * UTF-8; depth is limited to 64.
 */
#include "cl_test_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"
#include "common/em_str.h"

typedef struct cl_jp {
    const char *p;
    em_arena *a;
    int depth;
} cl_jp;

static void cl_jp_ws(cl_jp *j)
{
    while (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r')
        j->p++;
}

static cl_json_node *cl_jp_value(cl_jp *j);

static const char *cl_jp_string(cl_jp *j)
{
    if (*j->p != '"')
        return NULL;
    j->p++;
    em_str s;
    em_str_init(&s, 0);
    while (*j->p && *j->p != '"') {
        char c = *j->p++;
        if (c != '\\') {
            em_str_putc(&s, c);
            continue;
        }
        char e = *j->p++;
        switch (e) {
        case 'n':
            em_str_putc(&s, '\n');
            break;
        case 't':
            em_str_putc(&s, '\t');
            break;
        case 'r':
            em_str_putc(&s, '\r');
            break;
        case 'b':
            em_str_putc(&s, '\b');
            break;
        case 'f':
            em_str_putc(&s, '\f');
            break;
        case 'u': {
            char hex[5] = {0};
            for (int idx = 0; idx < 4 && j->p[idx]; idx++)
                hex[idx] = j->p[idx];
            j->p += strlen(hex);
            unsigned cp = (unsigned)strtoul(hex, NULL, 16);
            if (cp >= 0xD800 && cp < 0xDC00 && j->p[0] == '\\' && j->p[1] == 'u') {
                char lo[5] = {0};
                for (int idx = 0; idx < 4 && j->p[2 + idx]; idx++)
                    lo[idx] = j->p[2 + idx];
                unsigned l = (unsigned)strtoul(lo, NULL, 16);
                if (l >= 0xDC00 && l < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (l - 0xDC00);
                    j->p += 6;
                }
            }
            if (cp < 0x80) {
                em_str_putc(&s, (char)cp);
            } else if (cp < 0x800) {
                em_str_putc(&s, (char)(0xC0 | (cp >> 6)));
                em_str_putc(&s, (char)(0x80 | (cp & 0x3F)));
            } else if (cp < 0x10000) {
                em_str_putc(&s, (char)(0xE0 | (cp >> 12)));
                em_str_putc(&s, (char)(0x80 | ((cp >> 6) & 0x3F)));
                em_str_putc(&s, (char)(0x80 | (cp & 0x3F)));
            } else {
                em_str_putc(&s, (char)(0xF0 | (cp >> 18)));
                em_str_putc(&s, (char)(0x80 | ((cp >> 12) & 0x3F)));
                em_str_putc(&s, (char)(0x80 | ((cp >> 6) & 0x3F)));
                em_str_putc(&s, (char)(0x80 | (cp & 0x3F)));
            }
            break;
        }
        default:
            em_str_putc(&s, e);
        }
    }
    if (*j->p != '"') {
        em_str_release(&s);
        return NULL;
    }
    j->p++;
    const char *out = em_arena_strndup(j->a, s.data ? s.data : "", s.len);
    em_str_release(&s);
    return out;
}

static cl_json_node *cl_jp_node(cl_jp *j, cl_json_kind kind)
{
    cl_json_node *n = em_arena_calloc(j->a, 1, sizeof *n);
    n->kind = kind;
    return n;
}

/* Parses a sequence of values (and keys for objects) up to close. */
static cl_json_node *cl_jp_container(cl_jp *j, bool object)
{
    cl_json_node *n = cl_jp_node(j, object ? CL_JSON_OBJECT : CL_JSON_ARRAY);
    size_t cap = 0;
    char close = object ? '}' : ']';
    j->p++;
    cl_jp_ws(j);
    if (*j->p == close) {
        j->p++;
        return n;
    }
    for (;;) {
        const char *key = NULL;
        if (object) {
            cl_jp_ws(j);
            key = cl_jp_string(j);
            cl_jp_ws(j);
            if (!key || *j->p != ':')
                return NULL;
            j->p++;
        }
        cl_json_node *v = cl_jp_value(j);
        if (!v)
            return NULL;
        if (n->n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            cl_json_node **items = em_arena_alloc(j->a, ncap * sizeof *items);
            const char **keys = em_arena_alloc(j->a, ncap * sizeof *keys);
            if (cap) {
                memcpy(items, n->items, cap * sizeof *items);
                memcpy(keys, n->keys, cap * sizeof *keys);
            }
            n->items = items;
            n->keys = keys;
            cap = ncap;
        }
        n->items[n->n] = v;
        n->keys[n->n] = key;
        n->n++;
        cl_jp_ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p == close) {
            j->p++;
            return n;
        }
        return NULL;
    }
}

static cl_json_node *cl_jp_value(cl_jp *j)
{
    cl_jp_ws(j);
    if (++j->depth > 64)
        return NULL;
    cl_json_node *n = NULL;
    if (*j->p == '{' || *j->p == '[') {
        n = cl_jp_container(j, *j->p == '{');
    } else if (*j->p == '"') {
        const char *s = cl_jp_string(j);
        if (s) {
            n = cl_jp_node(j, CL_JSON_STRING);
            n->str = s;
        }
    } else if (strncmp(j->p, "true", 4) == 0 || strncmp(j->p, "false", 5) == 0) {
        n = cl_jp_node(j, CL_JSON_BOOL);
        n->b = *j->p == 't';
        j->p += n->b ? 4 : 5;
    } else if (strncmp(j->p, "null", 4) == 0) {
        n = cl_jp_node(j, CL_JSON_NULL);
        j->p += 4;
    } else {
        char *end;
        double v = strtod(j->p, &end);
        if (end != j->p) {
            n = cl_jp_node(j, CL_JSON_NUMBER);
            n->num = v;
            j->p = end;
        }
    }
    j->depth--;
    return n;
}

cl_json_node *cl_json_parse(em_arena *a, const char *text)
{
    cl_jp j = {text, a, 0};
    cl_json_node *n = cl_jp_value(&j);
    cl_jp_ws(&j);
    return (n && *j.p == '\0') ? n : NULL;
}

cl_json_node *cl_json_parse_file(em_arena *a, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    em_str s;
    em_str_init(&s, 0);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        em_str_append(&s, buf, n);
    fclose(f);
    cl_json_node *root = cl_json_parse(a, s.data ? s.data : "");
    em_str_release(&s);
    return root;
}

const cl_json_node *cl_json_get(const cl_json_node *obj, const char *key)
{
    if (!obj || obj->kind != CL_JSON_OBJECT)
        return NULL;
    for (size_t idx = 0; idx < obj->n; idx++)
        if (strcmp(obj->keys[idx], key) == 0)
            return obj->items[idx];
    return NULL;
}
