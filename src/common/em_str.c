/* em_str: bounded growable string (see em_str.h). */
#include "common/em_str.h"
#include "common/em_mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EM_STR_DEFAULT_MAX ((size_t)1 << 30)

void em_str_init(em_str *s, size_t max)
{
    s->data = NULL;
    s->len = 0;
    s->cap = 0;
    s->max = max ? max : EM_STR_DEFAULT_MAX;
    s->overflow = false;
}

void em_str_release(em_str *s)
{
    em_free(s->data);
    s->data = NULL;
    s->len = s->cap = 0;
}

void em_str_reset(em_str *s)
{
    s->len = 0;
    s->overflow = false;
    if (s->data)
        s->data[0] = '\0';
}

static bool em_str_reserve(em_str *s, size_t extra)
{
    if (s->overflow || extra > s->max - s->len) {
        s->overflow = true;
        return false;
    }
    size_t need = s->len + extra + 1;
    if (need <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < need)
        cap *= 2;
    s->data = em_realloc(s->data, cap);
    s->cap = cap;
    return true;
}

void em_str_append(em_str *s, const char *bytes, size_t len)
{
    if (!em_str_reserve(s, len))
        return;
    if (len)
        memcpy(s->data + s->len, bytes, len);
    s->len += len;
    s->data[s->len] = '\0';
}

void em_str_puts(em_str *s, const char *cstr)
{
    em_str_append(s, cstr, strlen(cstr));
}

void em_str_putc(em_str *s, char c)
{
    em_str_append(s, &c, 1);
}

void em_str_repeat(em_str *s, char c, size_t n)
{
    if (!em_str_reserve(s, n))
        return;
    memset(s->data + s->len, c, n);
    s->len += n;
    s->data[s->len] = '\0';
}

void em_str_printf(em_str *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !em_str_reserve(s, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(s->data + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}

char *em_str_move(em_str *s)
{
    char *p = s->data;
    if (!p)
        p = em_strdup("");
    s->data = NULL;
    s->len = s->cap = 0;
    return p;
}

void em_str_json_string(em_str *s, const char *cstr, size_t len)
{
    em_str_putc(s, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)cstr[i];
        switch (c) {
        case '"':
            em_str_puts(s, "\\\"");
            break;
        case '\\':
            em_str_puts(s, "\\\\");
            break;
        case '\n':
            em_str_puts(s, "\\n");
            break;
        case '\r':
            em_str_puts(s, "\\r");
            break;
        case '\t':
            em_str_puts(s, "\\t");
            break;
        case '\b':
            em_str_puts(s, "\\b");
            break;
        case '\f':
            em_str_puts(s, "\\f");
            break;
        default:
            if (c < 0x20)
                em_str_printf(s, "\\u%04x", c);
            else
                em_str_putc(s, (char)c);
        }
    }
    em_str_putc(s, '"');
}
