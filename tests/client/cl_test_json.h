/*
 * cl_test_json: a small JSON reader for the capture indexes (cases.json) the plan-identity test
 * reads. The whole document lives in one arena; nodes are borrowed from it.
 */
#ifndef CL_TEST_JSON_H
#define CL_TEST_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "common/em_arena.h"

typedef enum cl_json_kind {
    CL_JSON_NULL,
    CL_JSON_BOOL,
    CL_JSON_NUMBER,
    CL_JSON_STRING,
    CL_JSON_ARRAY,
    CL_JSON_OBJECT,
} cl_json_kind;

typedef struct cl_json_node cl_json_node;
struct cl_json_node {
    cl_json_kind kind;
    bool b;
    double num;
    const char *str;      /* STRING */
    size_t n;             /* ARRAY / OBJECT: number of items */
    cl_json_node **items; /* ARRAY values / OBJECT values */
    const char **keys;    /* OBJECT keys */
};

/* Parses text; NULL on a syntax error. */
cl_json_node *cl_json_parse(em_arena *a, const char *text);
/* Reads and parses a file; NULL when unreadable or invalid. */
cl_json_node *cl_json_parse_file(em_arena *a, const char *path);
/* The member of an object, or NULL. */
const cl_json_node *cl_json_get(const cl_json_node *obj, const char *key);

#endif
