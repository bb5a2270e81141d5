/*
 * em_str: a growable byte string with a hard maximum. Appends past the maximum set the
 * `overflow` flag and are dropped, so callers check once at the end instead of per append.
 * The buffer is always NUL-terminated. Caller-owned struct; em_str_release frees the bytes.
 */
#ifndef EM_STR_H
#define EM_STR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct em_str {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* 0 = 1 GiB */
    bool overflow;
} em_str;

void em_str_init(em_str *s, size_t max);
void em_str_release(em_str *s);
void em_str_reset(em_str *s);
void em_str_append(em_str *s, const char *bytes, size_t len);
void em_str_puts(em_str *s, const char *cstr);
void em_str_putc(em_str *s, char c);
void em_str_printf(em_str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends c n times. */
void em_str_repeat(em_str *s, char c, size_t n);
/* Transfers the bytes to the caller (release with em_free); s is left empty. */
char *em_str_move(em_str *s);
/* Appends cstr as a JSON string literal (quotes and escapes included). */
void em_str_json_string(em_str *s, const char *cstr, size_t len);

#endif
