/*
 * io_vcheck: structural consistency of a vector tree (lengths, offsets, children), used by the
 * fuzz target and the tests: a reader may reject a file, but what it returns must be coherent.
 */
#ifndef IO_VCHECK_H
#define IO_VCHECK_H

#include "vector/vec.h"

/* Returns NULL when v is consistent, else a static description of the first problem. */
const char *io_vec_check(const vec *v);

#endif
