/*
 * cdata: export of vector batches through the Arrow C Data Interface, so that libember's
 * callers (and any Arrow library: pyarrow, nanoarrow, arrow-rs) read results without copies.
 *
 * The three structs below are the ones the Arrow specification defines ("The Arrow C data
 * interface" and "The Arrow C stream interface"), with its guard macros, so this header can
 * be included next to any other copy of them.
 *
 * A batch exports as a Struct array ("+s", one child per column, no nulls) and its schema as a
 * Struct schema whose children are the columns — the usual record-batch form of the C
 * interface. Formats follow the IPC mapping of ipc.h: "b", "c"/"s"/"i"/"l", "f"/"g",
 * "d:p,s", "u", "z", "tdD", "tsu:UTC" (timestamp; Spark keeps them as UTC microseconds),
 * "tsu:" (timestamp_ntz), "tDu", "tiM", "tin", "+l" (child "element"), "+m" (child "entries"
 * "+s" with "key" and "value"), "+s", "n". Nested names are exported as they are.
 */
#ifndef CDATA_H
#define CDATA_H

#include <stdint.h>

#include "common/em_error.h"
#include "types/ty.h"
#include "vector/vec.h"

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE           2
#define ARROW_FLAG_MAP_KEYS_SORTED    4

struct ArrowSchema {
    /* Array type description */
    const char *format;
    const char *name;
    const char *metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema **children;
    struct ArrowSchema *dictionary;

    /* Release callback */
    void (*release)(struct ArrowSchema *);
    /* Opaque producer-specific data */
    void *private_data;
};

struct ArrowArray {
    /* Array data description */
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void **buffers;
    struct ArrowArray **children;
    struct ArrowArray *dictionary;

    /* Release callback */
    void (*release)(struct ArrowArray *);
    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
    /* Callbacks providing stream functionality */
    int (*get_schema)(struct ArrowArrayStream *, struct ArrowSchema *out);
    int (*get_next)(struct ArrowArrayStream *, struct ArrowArray *out);
    const char *(*get_last_error)(struct ArrowArrayStream *);

    /* Release callback */
    void (*release)(struct ArrowArrayStream *);

    /* Opaque producer-specific data */
    void *private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

/*
 * Exports batch (its rows under schema, a TY_STRUCT of the columns) into *out_array and
 * *out_schema, both caller-allocated and overwritten. The exported array shares the column
 * buffers: each column vector is retained (vec_retain) until the array's release callback runs,
 * so the caller may free batch right away; the shared vectors must not be mutated meanwhile.
 * Booleans (bit-packed) and calendar intervals (to month_day_nano) are converted into new
 * buffers owned by the array. Either struct may be NULL to export only the other. The consumer
 * calls each release callback once (children moved out of an array or a schema may be released
 * on their own, as the specification allows).
 * Returns 0, or non-zero with err set (INTERNAL_ERROR) for a batch that does not match schema
 * or a type without an Arrow form (variant, intervals overflowing nanoseconds); nothing is
 * exported then (release is NULL).
 */
int ipc_export_batch(const ty *schema, vec_batch *batch, struct ArrowArray *out_array,
                     struct ArrowSchema *out_schema, em_error *err);

#endif
