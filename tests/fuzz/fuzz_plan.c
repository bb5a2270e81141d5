/*
 * fuzz_plan: the plan decoder surface — bytes from the wire → depth/UTF-8 guard → protobuf-c
 * unpack → translation into the plan IR. Any input must end in a result or a clean error.
 */
#include "common/em_arena.h"
#include "connect/cn_int.h"
#include "connect/cx.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    em_error err;
    em_error_clear(&err);
    Spark__Connect__Plan *plan =
        (Spark__Connect__Plan *)cn_unpack(&spark__connect__plan__descriptor, data, size, &err);
    if (!plan)
        return 0;
    em_arena arena;
    em_arena_init(&arena, 0);
    pl_session_opts opts = {.ansi = true, .time_zone = "Etc/UTC", .batch_rows = 2048};
    cx_ctx ctx;
    cx_ctx_init(&ctx, &arena, &opts);
    pl_node *node = NULL;
    if (plan->op_type_case == SPARK__CONNECT__PLAN__OP_TYPE_ROOT)
        cx_relation(plan->root, &ctx, &node, &err);
    em_arena_release(&arena);
    protobuf_c_message_free_unpacked(&plan->base, NULL);
    return 0;
}
