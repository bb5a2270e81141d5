/*
 * arrow_test_stream: a hand-driven Arrow IPC stream writer for tests. Unlike ipc_encode_*, it
 * writes exactly the nodes, buffers and metadata it is given, so tests can build what other
 * writers produce (pyarrow's dictionaries, deltas, custom metadata, 64-byte padding, sliced
 * offsets, legacy framing, compressed bodies) and what no honest writer produces (hostile
 * lengths, depths and offsets). It uses the flatbuffer builder of src/arrow (ipc_int.h).
 */
#ifndef ARROW_TEST_STREAM_H
#define ARROW_TEST_STREAM_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_str.h"

/* An Arrow field: type tag (ipc_type_id) and its parameters. */
typedef struct ts_field {
    const char *name;
    bool nullable;
    int type_id;
    int p1, p2, p3; /* Int(bitWidth, signed); Decimal(precision, scale, bitWidth);
                       FloatingPoint(precision); Date/Time/Timestamp/Duration/Interval(unit);
                       FixedSizeList/Binary(size); Map(keysSorted) */
    const char *tz; /* Timestamp */
    bool dict;      /* dictionary-encoded: id, index width and signedness */
    int64_t dict_id;
    int index_width;
    bool index_signed;
    int n_children;
    const struct ts_field *children;
} ts_field;

typedef struct ts_buf {
    const void *p;
    int64_t len;
} ts_buf;

typedef struct ts_stream {
    em_str out;
    bool legacy; /* framing without the 0xFFFFFFFF marker */
    int pad;     /* body buffer padding: 8 (default) or 64 */
    int codec;   /* -1 none, else BodyCompression codec written in RecordBatch headers */
    int version; /* MetadataVersion written (default V5 = 4) */
} ts_stream;

void ts_init(ts_stream *s);
void ts_release(ts_stream *s);
/* A Schema message; with_metadata adds schema and field custom_metadata as pyarrow does. */
void ts_schema(ts_stream *s, const ts_field *fields, int n, bool with_metadata);
/* A RecordBatch message: nodes are (length, null_count) pairs. */
void ts_batch(ts_stream *s, int64_t length, const int64_t *nodes, int n_nodes, const ts_buf *bufs,
              int n_bufs);
/* A DictionaryBatch message. */
void ts_dict_batch(ts_stream *s, int64_t id, bool delta, int64_t length, const int64_t *nodes,
                   int n_nodes, const ts_buf *bufs, int n_bufs);
void ts_eos(ts_stream *s);

#endif
