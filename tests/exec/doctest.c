/* doctest: minimal JSON reading of cases.json files (see doctest.h). */
#include "doctest.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "common/em_str.h"

typedef struct dt_p {
    const char *s;
} dt_p;

static void dt_ws(dt_p *p)
{
    while (*p->s == ' ' || *p->s == '\n' || *p->s == '\r' || *p->s == '\t')
        p->s++;
}

static void dt_utf8(em_str *o, unsigned v)
{
    if (v < 0x80) {
        em_str_putc(o, (char)v);
    } else if (v < 0x800) {
        em_str_putc(o, (char)(0xC0 | (v >> 6)));
        em_str_putc(o, (char)(0x80 | (v & 0x3F)));
    } else if (v < 0x10000) {
        em_str_putc(o, (char)(0xE0 | (v >> 12)));
        em_str_putc(o, (char)(0x80 | ((v >> 6) & 0x3F)));
        em_str_putc(o, (char)(0x80 | (v & 0x3F)));
    } else {
        em_str_putc(o, (char)(0xF0 | (v >> 18)));
        em_str_putc(o, (char)(0x80 | ((v >> 12) & 0x3F)));
        em_str_putc(o, (char)(0x80 | ((v >> 6) & 0x3F)));
        em_str_putc(o, (char)(0x80 | (v & 0x3F)));
    }
}

static unsigned dt_hex4(const char *s)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char h = s[k];
        v = v * 16 + (unsigned)(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
    }
    return v;
}

/* Parses a string at p (on the quote) into o (may be NULL to skip). */
static void dt_string(dt_p *p, em_str *o)
{
    p->s++;
    while (*p->s && *p->s != '"') {
        char c = *p->s++;
        if (c != '\\') {
            if (o)
                em_str_putc(o, c);
            continue;
        }
        char d = *p->s++;
        unsigned v;
        switch (d) {
        case 'n':
            v = '\n';
            break;
        case 't':
            v = '\t';
            break;
        case 'r':
            v = '\r';
            break;
        case 'b':
            v = '\b';
            break;
        case 'f':
            v = '\f';
            break;
        case 'u':
            v = dt_hex4(p->s);
            p->s += 4;
            if (v >= 0xD800 && v < 0xDC00 && p->s[0] == '\\' && p->s[1] == 'u') {
                unsigned lo = dt_hex4(p->s + 2);
                p->s += 6;
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
            }
            break;
        default:
            v = (unsigned char)d;
        }
        if (o)
            dt_utf8(o, v);
    }
    if (*p->s == '"')
        p->s++;
}

static void dt_skip(dt_p *p)
{
    dt_ws(p);
    if (*p->s == '"') {
        dt_string(p, NULL);
    } else if (*p->s == '{' || *p->s == '[') {
        char open = *p->s, close = open == '{' ? '}' : ']';
        p->s++;
        for (;;) {
            dt_ws(p);
            if (*p->s == close || !*p->s) {
                if (*p->s)
                    p->s++;
                return;
            }
            if (open == '{') {
                dt_string(p, NULL);
                dt_ws(p);
                if (*p->s == ':')
                    p->s++;
            }
            dt_skip(p);
            dt_ws(p);
            if (*p->s == ',')
                p->s++;
        }
    } else {
        while (*p->s && *p->s != ',' && *p->s != '}' && *p->s != ']')
            p->s++;
    }
}

char *doctest_want(const char *docstring, const char *source_substr, int nth)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/cases.json", DOCTEST_ROOT, docstring);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    em_str buf;
    em_str_init(&buf, 0);
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        em_str_append(&buf, chunk, got);
    fclose(fp);
    char *result = NULL;
    const char *ex = buf.data ? strstr(buf.data, "\"examples\"") : NULL;
    if (ex) {
        dt_p p = {ex + strlen("\"examples\"")};
        dt_ws(&p);
        if (*p.s == ':')
            p.s++;
        dt_ws(&p);
        if (*p.s == '[') {
            p.s++;
            int seen = 0;
            for (;;) {
                dt_ws(&p);
                if (*p.s != '{')
                    break;
                p.s++;
                em_str src, want;
                em_str_init(&src, 0);
                em_str_init(&want, 0);
                for (;;) {
                    dt_ws(&p);
                    if (*p.s == '}') {
                        p.s++;
                        break;
                    }
                    em_str key;
                    em_str_init(&key, 0);
                    dt_string(&p, &key);
                    dt_ws(&p);
                    if (*p.s == ':')
                        p.s++;
                    dt_ws(&p);
                    const char *k = key.data ? key.data : "";
                    if (strcmp(k, "source") == 0 && *p.s == '"')
                        dt_string(&p, &src);
                    else if (strcmp(k, "want") == 0 && *p.s == '"')
                        dt_string(&p, &want);
                    else
                        dt_skip(&p);
                    em_str_release(&key);
                    dt_ws(&p);
                    if (*p.s == ',')
                        p.s++;
                }
                bool match = src.data && strstr(src.data, source_substr);
                if (match && seen++ == nth && !result)
                    result = em_strdup(want.data ? want.data : "");
                em_str_release(&src);
                em_str_release(&want);
                dt_ws(&p);
                if (*p.s == ',')
                    p.s++;
            }
        }
    }
    em_str_release(&buf);
    return result;
}

char *doctest_show_want(const char *docstring, const char *source_substr, int nth)
{
    char *w = doctest_want(docstring, source_substr, nth);
    if (!w)
        return NULL;
    size_t n = strlen(w);
    /* print() adds one newline after show_string; a table or vertical block ends with its own
       newline, a footer line ("only showing top ...", "(0 rows)") does not */
    if (n && w[n - 1] == '\n') {
        size_t start = n - 1;
        while (start > 0 && w[start - 1] != '\n')
            start--;
        if (strncmp(w + start, "only showing", 12) == 0 || strncmp(w + start, "(0 rows)", 8) == 0)
            w[n - 1] = '\0';
    }
    return w;
}
