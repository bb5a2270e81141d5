/*
 * em_mem: the one allocation wrapper of Ember. Every heap allocation in the tree goes through
 * these functions so that accounting, limits and fault injection have one home.
 *
 * Contract: em_malloc/em_calloc/em_realloc never return NULL for a non-zero size; on
 * exhaustion they log and abort the process (query memory budgets are enforced above this
 * layer, by operators that account and spill). em_free(NULL) is a no-op.
 */
#ifndef EM_MEM_H
#define EM_MEM_H

#include <stddef.h>
#include <stdint.h>

void *em_malloc(size_t size);
void *em_calloc(size_t count, size_t size);
void *em_realloc(void *ptr, size_t size);
void em_free(void *ptr);
/* Copies a NUL-terminated string; caller releases with em_free. NULL in, NULL out. */
char *em_strdup(const char *s);
/* Copies len bytes and appends a NUL; caller releases with em_free. */
char *em_strndup(const char *s, size_t len);
/* Bytes currently allocated through this wrapper (approximate, process-wide). */
int64_t em_mem_in_use(void);
/*
 * Added (memory budget): parses a size as Spark's byte strings do: a number with an optional
 * unit b, k/kb, m/mb, g/gb, t/tb (binary multiples, case-insensitive); no unit = bytes.
 * Returns 0 with *out set, or -1 (out untouched) for a malformed or overflowing value.
 */
int em_mem_parse_size(const char *s, int64_t *out);
/* Physical memory of the machine in bytes (0 when unknown). */
int64_t em_mem_physical(void);

#endif
