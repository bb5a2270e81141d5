/*
 * em_arena: bump allocator for objects that share a lifetime (a plan, a query, a batch's
 * scratch). Memory is released all at once by em_arena_release or em_arena_reset.
 * Not thread-safe: one arena per owner thread, or external locking.
 */
#ifndef EM_ARENA_H
#define EM_ARENA_H

#include <stddef.h>

typedef struct em_arena_chunk em_arena_chunk;

typedef struct em_arena_cleanup em_arena_cleanup;

typedef struct em_arena {
    em_arena_chunk *head;
    em_arena_cleanup *cleanups;
    size_t chunk_size;
    size_t total;
} em_arena;

/* Caller-owned struct; chunk_size 0 picks the default (64 KiB). */
void em_arena_init(em_arena *arena, size_t chunk_size);
/* Frees every chunk; the arena may be reused after em_arena_init. */
void em_arena_release(em_arena *arena);
/* Frees all but the first chunk and rewinds it. */
void em_arena_reset(em_arena *arena);
/* 16-byte aligned, uninitialised; owned by arena. */
void *em_arena_alloc(em_arena *arena, size_t size);
/* Zeroed. */
void *em_arena_calloc(em_arena *arena, size_t count, size_t size);
char *em_arena_strdup(em_arena *arena, const char *s);
char *em_arena_strndup(em_arena *arena, const char *s, size_t len);
/* printf into the arena. */
char *em_arena_printf(em_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Registers fn(arg) to run when the arena is released or reset (last registered runs first).
 * Used to tie refcounted objects (vectors held by plan literals, files) to an arena's life.
 */
void em_arena_on_release(em_arena *arena, void (*fn)(void *), void *arg);
/* Bytes handed out so far. */
size_t em_arena_total(const em_arena *arena);

#endif
