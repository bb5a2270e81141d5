/* em_arena: chunked bump allocator (see em_arena.h). Large requests get their own chunk. */
#include "common/em_arena.h"
#include "common/em_mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct em_arena_chunk {
    em_arena_chunk *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
};

struct em_arena_cleanup {
    em_arena_cleanup *next;
    void (*fn)(void *);
    void *arg;
};

#define EM_ARENA_DEFAULT (64 * 1024)

static void em_arena_run_cleanups(em_arena *arena)
{
    while (arena->cleanups) {
        em_arena_cleanup *c = arena->cleanups;
        arena->cleanups = c->next;
        c->fn(c->arg);
    }
}

void em_arena_on_release(em_arena *arena, void (*fn)(void *), void *arg)
{
    em_arena_cleanup *c = em_arena_alloc(arena, sizeof *c);
    c->fn = fn;
    c->arg = arg;
    c->next = arena->cleanups;
    arena->cleanups = c;
}

void em_arena_init(em_arena *arena, size_t chunk_size)
{
    arena->head = NULL;
    arena->cleanups = NULL;
    arena->chunk_size = chunk_size ? chunk_size : EM_ARENA_DEFAULT;
    arena->total = 0;
}

void em_arena_release(em_arena *arena)
{
    em_arena_run_cleanups(arena);
    em_arena_chunk *c = arena->head;
    while (c) {
        em_arena_chunk *next = c->next;
        em_free(c);
        c = next;
    }
    arena->head = NULL;
    arena->total = 0;
}

void em_arena_reset(em_arena *arena)
{
    em_arena_run_cleanups(arena);
    em_arena_chunk *c = arena->head;
    if (!c)
        return;
    /* keep the last (oldest, default-sized) chunk */
    while (c->next) {
        em_arena_chunk *next = c->next;
        em_free(c);
        c = next;
    }
    c->used = 0;
    arena->head = c;
    arena->total = 0;
}

void *em_arena_alloc(em_arena *arena, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    em_arena_chunk *c = arena->head;
    if (!c || c->size - c->used < size) {
        size_t want = size > arena->chunk_size / 4 ? size : arena->chunk_size;
        em_arena_chunk *n = em_malloc(sizeof *n + want);
        n->size = want;
        n->used = 0;
        if (c && want == size && c->size - c->used >= 256) {
            /* big block: link behind the head so the head keeps serving small requests */
            n->next = c->next;
            c->next = n;
            n->used = size;
            arena->total += size;
            return n->data;
        }
        n->next = c;
        arena->head = n;
        c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    arena->total += size;
    return p;
}

void *em_arena_calloc(em_arena *arena, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = em_arena_alloc(arena, count * size);
    memset(p, 0, count * size);
    return p;
}

char *em_arena_strndup(em_arena *arena, const char *s, size_t len)
{
    char *p = em_arena_alloc(arena, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *em_arena_strdup(em_arena *arena, const char *s)
{
    return s ? em_arena_strndup(arena, s, strlen(s)) : NULL;
}

char *em_arena_printf(em_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return em_arena_strdup(arena, "");
    char *p = em_arena_alloc(arena, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t em_arena_total(const em_arena *arena)
{
    return arena->total;
}
