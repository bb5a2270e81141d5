/* em_uuid: random (v4) UUIDs and the strict textual format check Spark applies to handles. */
#ifndef EM_UUID_H
#define EM_UUID_H

#include <stdbool.h>

#define EM_UUID_STRLEN 36

/* Writes a new random v4 UUID, lower-case, into out (37 bytes incl. NUL). */
void em_uuid_v4(char out[EM_UUID_STRLEN + 1]);
/* True if s is 8-4-4-4-12 hex digits (either case), as java.util.UUID.fromString accepts. */
bool em_uuid_valid(const char *s);

#endif
