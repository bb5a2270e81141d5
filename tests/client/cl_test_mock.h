/*
 * cl_test_mock: an in-process mock Spark Connect server for libember's tests (on the wire
 * module's server). It records every request (method, bytes, the current tag) and answers the
 * way the mock that recorded the PySpark doctest captures answered
 * (../shared/conformance/pyspark-doctests/README.md, "How it was captured"):
 *   Config          set/unset store in a per-mock dict; get of an unknown key fails with
 *                   SQL_CONF_NOT_FOUND; get_with_default/get_option never fail;
 *   ExecutePlan     sql_command -> sql_command_result{relation = input} + result_complete;
 *                   other commands -> result_complete; a root relation -> UNIMPLEMENTED;
 *   AnalyzePlan     spark_version -> "4.2.0"; ddl_parse of "name type, ..." with simple types;
 *                   anything else -> UNIMPLEMENTED;
 *   ReleaseExecute, ReleaseSession, Interrupt -> empty valid answers.
 * Responses carry the request's session_id and a fixed server_side_session_id.
 * A test can take over any method with a hook.
 */
#ifndef CL_TEST_MOCK_H
#define CL_TEST_MOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/wire.h"

typedef struct cl_mock cl_mock;

#define CL_MOCK_SSID "5d7b1c0e-0000-4000-8000-00000000beef"

/* Returns true when it handled (finished) the call. method is e.g. "ExecutePlan". */
typedef bool (*cl_mock_hook)(cl_mock *m, wire_call *call, const char *method, const uint8_t *req,
                             size_t len, void *ctx);

cl_mock *cl_mock_start(void);
void cl_mock_stop(cl_mock *m);
int cl_mock_port(cl_mock *m);
/* "sc://127.0.0.1:<port>" plus extra (may be NULL, e.g. ";user_id=u"); static buffer per mock. */
const char *cl_mock_url(cl_mock *m, const char *extra);
void cl_mock_set_hook(cl_mock *m, cl_mock_hook hook, void *ctx);
/* Tag stored with requests recorded from now on. */
void cl_mock_set_tag(cl_mock *m, int tag);
/* Forgets all recorded requests. */
void cl_mock_clear(cl_mock *m);

typedef struct cl_mock_req {
    char method[32];
    uint8_t *data;
    size_t len;
    int tag;
    char authorization[128]; /* the "authorization" metadata, "" if absent */
    char extra_md[128];      /* value of metadata "x-test", "" if absent */
} cl_mock_req;

/* Number of recorded requests, and a copy of one (data owned by the mock until clear/stop). */
int cl_mock_count(cl_mock *m);
int cl_mock_count_method(cl_mock *m, const char *method);
cl_mock_req cl_mock_get(cl_mock *m, int idx);
/* Waits up to ms for at least n requests of method to be recorded; returns the count. */
int cl_mock_wait_method(cl_mock *m, const char *method, int n, int ms);

/* --- helpers for hooks ----------------------------------------------------------------- */

/* Answers a unary/stream call with a packed message (response session ids must be set). */
void cl_mock_reply(wire_call *call, const void *msg /* ProtobufCMessage */);
void cl_mock_send(wire_call *call, const void *msg);
/* Fails the call with a Spark-style error: INTERNAL + google.rpc.Status{ErrorInfo} trailer. */
void cl_mock_fail_spark(wire_call *call, const char *error_class, const char *sqlstate,
                        const char *message, const char *error_id, const char *params_json);
/* Fails with a plain status (no details). */
void cl_mock_fail(wire_call *call, int code, const char *message);

#endif
