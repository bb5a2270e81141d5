/*
 * ipc: Arrow IPC *stream format* encoding and decoding of vector batches.
 *
 * Where it sits: exec/ hands finished batches to connect/, which encodes each one as a
 * complete IPC stream (Schema message, one RecordBatch, end-of-stream) for an ArrowBatch
 * response; LocalRelation data from clients (pyarrow, the JVM client, libember) comes back
 * through ipc_decode_stream. The flatbuffer headers are written and read by our own code.
 *
 * Stream layout (Arrow columnar format, "IPC streaming format"):
 *   message* EOS, where message = 0xFFFFFFFF, int32 metadata length (flatbuffer Message,
 *   padded so the body starts 8-byte aligned), body; EOS = 0xFFFFFFFF 0x00000000.
 *
 * Type mapping (Spark -> Arrow on write; see types/ty.h):
 *   null -> Null; boolean -> Bool (bit-packed); byte/short/int/long -> Int(8/16/32/64,
 *   signed); float/double -> FloatingPoint(SINGLE/DOUBLE); decimal(p,s) -> Decimal(p,s,128);
 *   string/char/varchar -> Utf8; binary -> Binary; date -> Date(DAY); timestamp ->
 *   Timestamp(MICROSECOND, tz); timestamp_ntz -> Timestamp(MICROSECOND); day-time interval ->
 *   Duration(MICROSECOND); year-month interval -> Interval(YEAR_MONTH); calendar interval ->
 *   Interval(MONTH_DAY_NANO) (microseconds * 1000); array -> List<element>; map ->
 *   Map(keysSorted=false)<entries: Struct<key (non-null), value>>; struct -> Struct.
 *   Duplicate field names inside nested structs are renamed name_0, name_1, ... as Spark does;
 *   top-level names are kept.
 *
 * Read side: the above, plus Int of any width/signedness (uint8 -> short, uint16 -> int,
 * uint32 -> long, uint64 -> decimal(20,0)), HalfFloat -> float, Decimal32/64 -> decimal,
 * LargeUtf8/LargeBinary, FixedSizeBinary -> binary, Date(MILLISECOND) -> date, Timestamp and
 * Duration of any unit (converted to microseconds, floor division), Interval(DAY_TIME) ->
 * calendar interval, LargeList/FixedSizeList -> array, dictionary-encoded columns at any depth
 * (any index width; decoded to plain vectors), zstd body compression (when libzstd is linked
 * into the program). Decimal256, Time, Union, views, run-end encoding and LZ4 raise
 * UNSUPPORTED_ARROWTYPE.
 */
#ifndef IPC_H
#define IPC_H

#include <stddef.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "common/em_str.h"
#include "types/ty.h"
#include "vector/vec.h"

typedef struct ipc_write_opts {
    /* Arrow time zone written for TY_TIMESTAMP columns, e.g. "Etc/UTC" (the session zone).
     * NULL or "" (or opts NULL) writes "UTC". Borrowed for the call. */
    const char *timezone;
} ipc_write_opts;

/*
 * Encodes one complete IPC stream: Schema message, exactly one RecordBatch holding the
 * batch's rows (zero rows allowed), EOS. Appends to out (whose current length is taken as the
 * stream's start for alignment).
 *
 * schema: a TY_STRUCT whose fields are the columns (names, types, nullability); borrowed.
 * batch: borrowed, not modified; batch->n_cols must equal the field count, every column must
 * have batch->n_rows rows and a type of the field's kind.
 * Validity bitmaps are written only for vectors that hold nulls; FieldNode null counts are
 * exact. Body buffers are 8-byte aligned and zero-padded; no compression.
 * Returns 0, or non-zero with err set (INTERNAL_ERROR for a batch that does not match the
 * schema, a type Arrow results cannot carry (variant), an interval overflowing nanoseconds,
 * or out past its maximum). On error out is restored to its length at entry.
 */
int ipc_encode_stream(const ty *schema, const vec_batch *batch, const ipc_write_opts *opts,
                      em_str *out, em_error *err);

/*
 * The same stream in pieces, for writers of several batches: the Schema message, one
 * RecordBatch message (any number may follow the schema), the EOS marker. `base` is the
 * offset in out where the stream starts (messages are padded relative to it).
 * ipc_encode_schema_message and ipc_encode_batch_message follow ipc_encode_stream's
 * contract for their part.
 */
int ipc_encode_schema_message(const ty *schema, const ipc_write_opts *opts, size_t base,
                              em_str *out, em_error *err);
int ipc_encode_batch_message(const ty *schema, const vec_batch *batch, size_t base, em_str *out,
                             em_error *err);
void ipc_encode_eos(em_str *out);

/*
 * Decodes an IPC stream holding one Schema message, then any number of DictionaryBatch and
 * RecordBatch messages, then EOS (required: a stream cut short is an error; bytes after EOS
 * are ignored). The legacy framing without the 0xFFFFFFFF marker is accepted.
 *
 * *schema_out: the Arrow schema mapped to Spark types, a TY_STRUCT owned by arena.
 * *batches_out: *n_batches_out new batches, in stream order (caller frees each with
 * vec_batch_free and the array with em_free; NULL when there are none). The vectors' types
 * live in arena, which must outlive them.
 *
 * The input is hostile: every length, offset, buffer bound, nesting depth (64), UTF-8
 * validity of strings and names, dictionary index, decimal precision and flatbuffer offset is
 * checked. Output is bounded by a budget of 64 MiB + 64 bytes per input byte (dictionaries
 * can expand data). Errors: UNSUPPORTED_ARROWTYPE for Arrow types Spark cannot hold,
 * INTERNAL_ERROR "Arrow IPC stream is malformed: ..." for anything else. On error nothing is
 * returned (outputs are set to NULL / 0); arena may hold unused allocations.
 */
int ipc_decode_stream(const uint8_t *data, size_t len, em_arena *arena, const ty **schema_out,
                      vec_batch ***batches_out, int *n_batches_out, em_error *err);

#endif
