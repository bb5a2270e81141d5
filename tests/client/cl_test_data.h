/*
 * cl_test_data: builds Arrow data for ember_create_dataframe from short text, so a test can
 * write what a PySpark doctest writes:
 *
 *   cl_data_stream("age long, name string", "(2, 'Alice'), (5, 'Bob')", &stream)
 *
 * Schema: "name type, ..." with types long, int, short, byte, double, float, string, boolean,
 * binary, date, timestamp, timestamp_ntz, decimal(p,s), array<T>, map<K,V>,
 * struct<name:T,...>. Every field and element is nullable (PySpark's inferred schemas are).
 * Rows use Python literal syntax: tuples (...), Row(k=v, ...) (positional), dicts {"k": v}
 * (by field name), or bare values for one-column schemas; values: None, True/False, numbers,
 * 'strings' / "strings", b'bytes' / bytearray(b'..'), [arrays], {maps}, (structs) / Row(...),
 * date(Y, M, D) / datetime.date(...), datetime(Y, M, D, h, m, s[, us]) (UTC),
 * Decimal('1.5'). Rows may also be [lists] for multi-column schemas. An empty rows string
 * gives a stream without batches. A syntax error aborts the test program with a message.
 */
#ifndef CL_TEST_DATA_H
#define CL_TEST_DATA_H

#include "ember.h"

/* Fills *out with a one-batch stream (release it, or give it to ember_create_dataframe). */
void cl_data_stream(const char *schema, const char *rows, struct ArrowArrayStream *out);

#endif
