/*
 * em_mem: allocation wrapper. Tracks bytes in use with a small header before each block so
 * that em_free and em_realloc can account without the caller passing sizes.
 */
#include "common/em_mem.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
