/*
 * pi_compare: compares two ExecutePlanRequest plans the way the plan-identity test defines
 * "the same plan":
 *   - every field is compared through protobuf-c's descriptors, including the presence of
 *     proto3 `optional` fields;
 *   - plan ids (any int64 field named plan_id) are compared through a bijection: equal ids
 *     on one side must map to equal ids on the other, so only the relative structure counts;
 *   - `origin` fields and the Expression.common block (which only holds the origin) are
 *     ignored, as are the envelope fields (session, operation ids, client_type...): only
 *     `plan` is compared;
 *   - LocalRelation.data is compared by decoded Arrow content (schema and values), not bytes;
 *   - map fields are compared as key-sorted entry lists.
 */
#ifndef PI_COMPARE_H
#define PI_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns true when the plans of the two packed ExecutePlanRequests match; otherwise why
 * receives the first difference (its field path). */
bool pi_compare_requests(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len, char *why,
                         size_t why_size);

#endif
