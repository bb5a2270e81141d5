/*
 * io_json: recursive-descent JSON reader (see io_json.h). Depth is bounded; \u escapes with
 * surrogate pairs become UTF-8.
 */
#include "io_json.h"

#include <string.h>

typedef struct io_jp {
    em_arena *a;
    const char *p, *end;
    const char *error;
    int depth;
} io_jp;

static void io_j_ws(io_jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static io_jval *io_j_new(io_jp *j, io_jkind kind)
{
    io_jval *v = em_arena_calloc(j->a, 1, sizeof *v);
    v->kind = kind;
    return v;
}

static int io_j_hex4(io_jp *j, unsigned *out)
{
    if (j->end - j->p < 4)
        return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = j->p[i];
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
    j->p += 4;
    *out = v;
    return 0;
}

static size_t io_j_utf8(unsigned cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Decodes a string literal at j->p (on the opening quote). */
static char *io_j_string(io_jp *j, size_t *len)
{
    j->p++;
    /* The decoded text is never longer than the literal. */
    const char *q = j->p;
    while (q < j->end && *q != '"') {
        if (*q == '\\')
            q++;
        q++;
    }
    if (q >= j->end) {
        j->error = "unterminated string";
        return NULL;
    }
    char *out = em_arena_alloc(j->a, (size_t)(q - j->p) + 1);
    size_t n = 0;
    while (j->p < j->end && *j->p != '"') {
        char c = *j->p++;
        if (c != '\\') {
            out[n++] = c;
            continue;
        }
        if (j->p >= j->end)
            break;
        char e = *j->p++;
        switch (e) {
        case 'n':
            out[n++] = '\n';
            break;
        case 't':
            out[n++] = '\t';
            break;
        case 'r':
            out[n++] = '\r';
            break;
        case 'b':
            out[n++] = '\b';
            break;
        case 'f':
            out[n++] = '\f';
            break;
        case 'u': {
            unsigned cp, lo;
            if (io_j_hex4(j, &cp)) {
                j->error = "bad \\u escape";
                return NULL;
            }
            if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
                j->p[1] == 'u') {
                j->p += 2;
                if (io_j_hex4(j, &lo)) {
                    j->error = "bad \\u escape";
                    return NULL;
                }
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
            n += io_j_utf8(cp, out + n);
            break;
        }
        default:
            out[n++] = e;
            break;
        }
    }
    j->p++; /* closing quote */
    out[n] = 0;
    *len = n;
    return out;
}

static io_jval *io_j_value(io_jp *j)
{
    io_j_ws(j);
    if (j->p >= j->end) {
        j->error = "unexpected end";
        return NULL;
    }
    if (++j->depth > 200) {
        j->error = "too deep";
        return NULL;
    }
    io_jval *v = NULL;
    char c = *j->p;
    if (c == '{' || c == '[') {
        bool obj = c == '{';
        v = io_j_new(j, obj ? IO_J_OBJ : IO_J_ARR);
        j->p++;
        int cap = 0;
        io_j_ws(j);
        if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
            j->p++;
            j->depth--;
            return v;
        }
        for (;;) {
            const char *key = NULL;
            if (obj) {
                io_j_ws(j);
                size_t klen;
                if (j->p >= j->end || *j->p != '"' || !(key = io_j_string(j, &klen))) {
                    j->error = j->error ? j->error : "expected a key";
                    return NULL;
                }
                io_j_ws(j);
                if (j->p >= j->end || *j->p != ':') {
                    j->error = "expected ':'";
                    return NULL;
                }
                j->p++;
            }
            io_jval *item = io_j_value(j);
            if (!item)
                return NULL;
            if (v->n == cap) {
                int ncap = cap ? cap * 2 : 8;
                io_jval **items = em_arena_alloc(j->a, (size_t)ncap * sizeof *items);
                const char **keys = em_arena_alloc(j->a, (size_t)ncap * sizeof *keys);
                if (v->n) {
                    memcpy(items, v->items, (size_t)v->n * sizeof *items);
                    memcpy(keys, v->keys, (size_t)v->n * sizeof *keys);
                }
                v->items = items;
                v->keys = keys;
                cap = ncap;
            }
            v->items[v->n] = item;
            v->keys[v->n] = key;
            v->n++;
            io_j_ws(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                continue;
            }
            if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
                j->p++;
                break;
            }
            j->error = "expected ',' or a closing bracket";
            return NULL;
        }
    } else if (c == '"') {
        v = io_j_new(j, IO_J_STR);
        char *s = io_j_string(j, &v->len);
        if (!s)
            return NULL;
        v->text = s;
    } else if (j->end - j->p >= 4 && memcmp(j->p, "null", 4) == 0) {
        v = io_j_new(j, IO_J_NULL);
        j->p += 4;
    } else if (j->end - j->p >= 4 && memcmp(j->p, "true", 4) == 0) {
        v = io_j_new(j, IO_J_BOOL);
        v->b = true;
        j->p += 4;
    } else if (j->end - j->p >= 5 && memcmp(j->p, "false", 5) == 0) {
        v = io_j_new(j, IO_J_BOOL);
        j->p += 5;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        const char *s = j->p;
        while (j->p < j->end && (strchr("+-.eE", *j->p) || (*j->p >= '0' && *j->p <= '9')))
            j->p++;
        v = io_j_new(j, IO_J_NUM);
        v->text = em_arena_strndup(j->a, s, (size_t)(j->p - s));
    } else {
        j->error = "unexpected character";
        return NULL;
    }
    j->depth--;
    return v;
}

io_jval *io_json_parse(em_arena *a, const char *text, size_t len, const char **error)
{
    io_jp j = {a, text, text + len, NULL, 0};
    io_jval *v = io_j_value(&j);
    if (v) {
        io_j_ws(&j);
        if (j.p != j.end) {
            v = NULL;
            j.error = "trailing characters";
        }
    }
    if (!v && error)
        *error = j.error ? j.error : "syntax error";
    return v;
}

const io_jval *io_json_get(const io_jval *obj, const char *key)
{
    if (!obj || obj->kind != IO_J_OBJ)
        return NULL;
    for (int i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}
