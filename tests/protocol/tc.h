/*
 * tc: a small Spark Connect test client for protocol tests — builds requests with protobuf-c,
 * sends them with wire/, and decodes statuses (google.rpc.Status + ErrorInfo) the way PySpark
 * reads them.
 */
#ifndef TC_H
#define TC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spark/connect/base.pb-c.h"
#include "wire/wire.h"

#define TC_SVC "/spark.connect.SparkConnectService/"

typedef struct tc_status {
    int code; /* gRPC status */
    char message[4096];
    char error_class[128];
    char sqlstate[16];
    char error_id[64];
    char reason[256]; /* ErrorInfo.reason: the JVM exception class */
} tc_status;

typedef struct tc_exec {
    tc_status st;
    int n;
    Spark__Connect__ExecutePlanResponse **resp;
    bool result_complete;
    int64_t rows; /* sum of arrow_batch.row_count */
} tc_exec;

/* Decodes a wire status into st. */
void tc_status_from_wire(const wire_status *ws, tc_status *st);
/* Unary call with a protobuf request; on OK, *resp is the unpacked response (caller frees). */
int tc_unary(wire_channel *ch, const char *method, const ProtobufCMessage *req,
             const ProtobufCMessageDescriptor *resp_desc, ProtobufCMessage **resp, tc_status *st);
/* ExecutePlan to completion. max_responses > 0 cancels the stream after that many. */
void tc_execute(wire_channel *ch, Spark__Connect__ExecutePlanRequest *req, int max_responses,
                tc_exec *out);
void tc_reattach(wire_channel *ch, Spark__Connect__ReattachExecuteRequest *req, tc_exec *out);
void tc_exec_free(tc_exec *e);

/* Plan builders (heap objects freed by tc_free_all at exit of each test). */
Spark__Connect__Relation *tc_range(int64_t start, int64_t end, int64_t step);
Spark__Connect__Relation *tc_sql(const char *query);
Spark__Connect__Relation *tc_project(Spark__Connect__Relation *in, int n,
                                     Spark__Connect__Expression **exprs);
Spark__Connect__Relation *tc_filter_str(Spark__Connect__Relation *in, const char *cond);
Spark__Connect__Relation *tc_limit(Spark__Connect__Relation *in, int32_t n);
Spark__Connect__Expression *tc_col(const char *name);
Spark__Connect__Expression *tc_lit_int(int32_t v);
Spark__Connect__Expression *tc_lit_str(const char *s);
Spark__Connect__Expression *tc_fn(const char *name, int n, Spark__Connect__Expression **args);
Spark__Connect__Expression *tc_cast_str(Spark__Connect__Expression *e, const char *type);
Spark__Connect__Plan *tc_plan_root(Spark__Connect__Relation *rel);
Spark__Connect__ExecutePlanRequest *tc_exec_req(const char *session_id, Spark__Connect__Plan *p,
                                                const char *op_id, bool reattachable);
void tc_free_all(void);
char *tc_strdup(const char *s);

#endif
