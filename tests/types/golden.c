/* golden: Spark SQL golden file reader for tests (see golden.h). */
#include "golden.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"

static char *golden_read(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = em_malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (n + 1 >= cap) {
            cap *= 2;
            buf = em_realloc(buf, cap);
        }
    }
    fclose(fp);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static char *golden_trimdup(const char *s, size_t n)
{
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return em_strndup(s, n);
}

bool golden_load(const char *path, golden_file *f)
{
    memset(f, 0, sizeof *f);
    size_t len;
    char *buf = golden_read(path, &len);
    if (!buf)
        return false;
    int cap = 64;
    f->cases = em_calloc((size_t)cap, sizeof *f->cases);
    const char *p = buf;
    const char *q_mark = "-- !query\n", *s_mark = "-- !query schema\n",
               *o_mark = "-- !query output\n";
    while ((p = strstr(p, q_mark)) != NULL) {
        const char *sql = p + strlen(q_mark);
        const char *sch = strstr(sql, s_mark);
        if (!sch)
            break;
        const char *sch_body = sch + strlen(s_mark);
        const char *out = strstr(sch_body, o_mark);
        if (!out)
            break;
        const char *out_body = out + strlen(o_mark);
        const char *next = strstr(out_body, q_mark);
        const char *end = next ? next : buf + len;
        if (f->n == cap) {
            cap *= 2;
            f->cases = em_realloc(f->cases, (size_t)cap * sizeof *f->cases);
        }
        golden_case *c = &f->cases[f->n++];
        c->sql = golden_trimdup(sql, (size_t)(sch - sql));
        c->schema = golden_trimdup(sch_body, (size_t)(out - sch_body));
        c->output = golden_trimdup(out_body, (size_t)(end - out_body));
        p = end;
    }
    em_free(buf);
    return true;
}

void golden_free(golden_file *f)
{
    for (int i = 0; i < f->n; i++) {
        em_free(f->cases[i].sql);
        em_free(f->cases[i].schema);
        em_free(f->cases[i].output);
    }
    em_free(f->cases);
    memset(f, 0, sizeof *f);
}

/* Reads a JSON string starting at the opening quote; returns the position after it. */
static const char *golden_json_string(const char *p, char *out, size_t cap)
{
    size_t n = 0;
    p++;
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\' && *p) {
            char d = *p++;
            switch (d) {
            case 'n':
                c = '\n';
                break;
            case 't':
                c = '\t';
                break;
            case 'r':
                c = '\r';
                break;
            case 'u': {
                unsigned v = 0;
                for (int k = 0; k < 4 && *p; k++, p++) {
                    char h = *p;
                    v = v * 16 + (unsigned)(h >= 'a'   ? h - 'a' + 10
                                            : h >= 'A' ? h - 'A' + 10
                                                       : h - '0');
                }
                if (v < 0x80) {
                    c = (char)v;
                } else {
                    if (v < 0x800) {
                        if (n + 1 < cap)
                            out[n++] = (char)(0xC0 | (v >> 6));
                    } else {
                        if (n + 2 < cap) {
                            out[n++] = (char)(0xE0 | (v >> 12));
                            out[n++] = (char)(0x80 | ((v >> 6) & 0x3F));
                        }
                    }
                    c = (char)(0x80 | (v & 0x3F));
                }
                break;
            }
            default:
                c = d;
            }
        }
        if (n + 1 < cap)
            out[n++] = c;
    }
    out[n] = '\0';
    return *p == '"' ? p + 1 : p;
}

bool golden_parse_error(const char *output, golden_error *e)
{
    memset(e, 0, sizeof *e);
    const char *cls = strstr(output, "\"errorClass\" : ");
    if (!cls)
        return false;
    golden_json_string(cls + strlen("\"errorClass\" : "), e->cls, sizeof e->cls);
    const char *mp = strstr(output, "\"messageParameters\" : {");
    if (!mp)
        return true;
    const char *p = mp + strlen("\"messageParameters\" : {");
    while (*p && e->n_params < 16) {
        while (*p == ' ' || *p == '\n' || *p == ',')
            p++;
        if (*p != '"')
            break;
        p = golden_json_string(p, e->names[e->n_params], sizeof e->names[0]);
        while (*p == ' ' || *p == ':')
            p++;
        if (*p != '"')
            break;
        p = golden_json_string(p, e->values[e->n_params], sizeof e->values[0]);
        e->n_params++;
    }
    return true;
}

void golden_schema_type(const char *schema, char *out, size_t cap)
{
    /* struct<name:type> -> type */
    const char *body = strchr(schema, '<');
    out[0] = '\0';
    if (!body)
        return;
    body++;
    size_t len = strlen(body);
    if (len && body[len - 1] == '>')
        len--;
    /* the separator is the last ':' outside the type's own brackets: scan backwards */
    int depth = 0;
    long colon = -1;
    for (long i = (long)len - 1; i >= 0; i--) {
        char ch = body[i];
        if (ch == '>' || ch == ')')
            depth++;
        else if (ch == '<' || ch == '(')
            depth--;
        else if (ch == ':' && depth == 0) {
            colon = i;
            break;
        }
    }
    if (colon < 0)
        return;
    size_t n = len - (size_t)colon - 1;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, body + colon + 1, n);
    out[n] = '\0';
}
