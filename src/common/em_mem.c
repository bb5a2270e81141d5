/*
 * em_mem: allocation wrapper. Tracks bytes in use with a small header before each block so
 * that em_free and em_realloc can account without the caller passing sizes.
 */
#include "common/em_mem.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define EM_MEM_HDR 16 /* keeps 16-byte alignment of the user pointer */

static _Atomic int64_t em_mem_bytes;

static void em_mem_oom(size_t size)
{
    fprintf(stderr, "ember: out of memory allocating %zu bytes\n", size);
    abort();
}

void *em_malloc(size_t size)
{
    if (size > SIZE_MAX - EM_MEM_HDR)
        em_mem_oom(size);
    unsigned char *p = malloc(size + EM_MEM_HDR);
    if (!p)
        em_mem_oom(size);
    memcpy(p, &size, sizeof size);
    atomic_fetch_add_explicit(&em_mem_bytes, (int64_t)size, memory_order_relaxed);
    return p + EM_MEM_HDR;
}

void *em_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        em_mem_oom(SIZE_MAX);
    void *p = em_malloc(count * size);
    memset(p, 0, count * size);
    return p;
}

void *em_realloc(void *ptr, size_t size)
{
    if (!ptr)
        return em_malloc(size);
    if (size > SIZE_MAX - EM_MEM_HDR)
        em_mem_oom(size);
    unsigned char *base = (unsigned char *)ptr - EM_MEM_HDR;
    size_t old;
    memcpy(&old, base, sizeof old);
    unsigned char *p = realloc(base, size + EM_MEM_HDR);
    if (!p)
        em_mem_oom(size);
    memcpy(p, &size, sizeof size);
    atomic_fetch_add_explicit(&em_mem_bytes, (int64_t)size - (int64_t)old, memory_order_relaxed);
    return p + EM_MEM_HDR;
}

void em_free(void *ptr)
{
    if (!ptr)
        return;
    unsigned char *base = (unsigned char *)ptr - EM_MEM_HDR;
    size_t old;
    memcpy(&old, base, sizeof old);
    atomic_fetch_sub_explicit(&em_mem_bytes, (int64_t)old, memory_order_relaxed);
    free(base);
}

char *em_strdup(const char *s)
{
    if (!s)
        return NULL;
    return em_strndup(s, strlen(s));
}

char *em_strndup(const char *s, size_t len)
{
    char *p = em_malloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int64_t em_mem_in_use(void)
{
    return atomic_load_explicit(&em_mem_bytes, memory_order_relaxed);
}

int em_mem_parse_size(const char *s, int64_t *out)
{
    if (!s)
        return -1;
    while (*s == ' ')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    int64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    static const struct {
        const char *unit;
        int shift;
    } units[] = {{"", 0},    {"b", 0},  {"k", 10},  {"kb", 10}, {"m", 20},
                 {"mb", 20}, {"g", 30}, {"gb", 30}, {"t", 40},  {"tb", 40}};
    size_t len = strlen(s);
    while (len > 0 && s[len - 1] == ' ')
        len--;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strlen(units[i].unit) == len && strncasecmp(s, units[i].unit, len) == 0) {
            if (v > (INT64_MAX >> units[i].shift))
                return -1;
            *out = v << units[i].shift;
            return 0;
        }
    }
    return -1;
}

int64_t em_mem_physical(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? (int64_t)pages * size : 0;
}
