/*
 * cn_proto: guards in front of protobuf-c. protobuf_c_message_unpack recurses once per nesting
 * level (about 1 KiB of stack each) and has no limit, so every request is first walked at the
 * wire level, iteratively, following the message descriptors, and rejected when nested deeper
 * than Spark's limit (spark.connect.grpc.marshallerRecursionLimit, 1024).
 */
#include "connect/cn_int.h"

#include "common/em_mem.h"
#include "spark/connect/base.pb-c.h"

#include <protobuf-c/protobuf-c.h>
#include <stdio.h>
#include <string.h>

typedef struct cn_depth_frame {
    const ProtobufCMessageDescriptor *desc;
    size_t end;
} cn_depth_frame;

static int cn_varint(const uint8_t *p, size_t len, size_t *pos, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*pos >= len)
            return -1;
        uint8_t b = p[(*pos)++];
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

static const ProtobufCFieldDescriptor *cn_field(const ProtobufCMessageDescriptor *d, uint32_t id)
{
    for (unsigned i = 0; i < d->n_fields; i++)
        if (d->fields[i].id == id)
            return &d->fields[i];
    return NULL;
}

static int cn_depth_error(em_error *err, const char *what)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s", what);
    return em_error_set(err, "CONNECT_INVALID_PLAN.CANNOT_PARSE", "errorMsg", msg, NULL);
}

bool cn_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int n;
        unsigned min;
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            min = 0x80;
            c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            min = 0x800;
            c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            min = 0x10000;
            c &= 0x07;
        } else {
            return false;
        }
        if (i + (size_t)n >= len)
            return false;
        for (int k = 1; k <= n; k++) {
            if ((p[i + (size_t)k] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (p[i + (size_t)k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
        i += (size_t)n + 1;
    }
    return true;
}

int cn_check_depth_desc(const ProtobufCMessageDescriptor *root, const uint8_t *data, size_t len,
                        int max_depth, em_error *err)
{
    cn_depth_frame *stack = em_malloc(sizeof *stack * (size_t)(max_depth + 2));
    int sp = 0;
    stack[0].desc = root;
    stack[0].end = len;
    size_t pos = 0;
    int rc = EM_OK;
    while (sp >= 0) {
        if (pos >= stack[sp].end) {
            if (pos > stack[sp].end) {
                rc = cn_depth_error(err, "malformed protobuf: field overruns its message");
                break;
            }
            sp--;
            continue;
        }
        uint64_t key;
        if (cn_varint(data, stack[sp].end, &pos, &key)) {
            rc = cn_depth_error(err, "malformed protobuf: bad varint");
            break;
        }
        uint32_t field_id = (uint32_t)(key >> 3);
        int wire_type = (int)(key & 7);
        uint64_t v;
        switch (wire_type) {
        case 0:
            if (cn_varint(data, stack[sp].end, &pos, &v))
                rc = cn_depth_error(err, "malformed protobuf: bad varint");
            break;
        case 1:
            pos += 8;
            break;
        case 5:
            pos += 4;
            break;
        case 2: {
            if (cn_varint(data, stack[sp].end, &pos, &v) || v > stack[sp].end - pos) {
                rc = cn_depth_error(err, "malformed protobuf: bad length");
                break;
            }
            const ProtobufCFieldDescriptor *f =
                stack[sp].desc ? cn_field(stack[sp].desc, field_id) : NULL;
            if (f && f->type == PROTOBUF_C_TYPE_MESSAGE) {
                if (sp + 1 >= max_depth) {
                    rc = cn_depth_error(err, "Protocol message had too many levels of nesting "
                                             "(the limit is 1024)");
                    break;
                }
                sp++;
                stack[sp].desc = f->descriptor;
                stack[sp].end = pos + (size_t)v;
            } else {
                if (f && f->type == PROTOBUF_C_TYPE_STRING &&
                    !cn_utf8_valid((const char *)data + pos, (size_t)v)) {
                    rc = cn_depth_error(err, "malformed protobuf: invalid UTF-8 in a string");
                    break;
                }
                pos += (size_t)v;
            }
            break;
        }
        default:
            rc = cn_depth_error(err, "malformed protobuf: bad wire type");
        }
        if (rc)
            break;
    }
    em_free(stack);
    return rc;
}

ProtobufCMessage *cn_unpack(const ProtobufCMessageDescriptor *desc, const uint8_t *data, size_t len,
                            em_error *err)
{
    if (cn_check_depth_desc(desc, data, len, 1024, err))
        return NULL;
    ProtobufCMessage *m = protobuf_c_message_unpack(desc, NULL, len, data);
    if (!m)
        cn_depth_error(err, "malformed protobuf message");
    return m;
}

uint8_t *cn_pack(const ProtobufCMessage *msg, size_t *len)
{
    *len = protobuf_c_message_get_packed_size(msg);
    uint8_t *buf = em_malloc(*len ? *len : 1);
    protobuf_c_message_pack(msg, buf);
    return buf;
}

ProtobufCMessage *cn_call_request(cn_server *srv, wire_call *call,
                                  const ProtobufCMessageDescriptor *desc)
{
    if (!cn_auth_ok(srv, call)) {
        cn_finish_plain(call, 16, CN_UNAUTHENTICATED_MESSAGE);
        return NULL;
    }
    em_error err;
    em_error_clear(&err);
    const uint8_t *data;
    size_t len;
    wire_call_request(call, &data, &len);
    ProtobufCMessage *m = cn_unpack(desc, data, len, &err);
    if (!m)
        cn_finish_error(call, NULL, &err);
    return m;
}

cn_session *cn_call_session(cn_server *srv, wire_call *call, ProtobufCMessage *req,
                            const Spark__Connect__UserContext *user, const char *session_id,
                            const char *observed, const char *client_type, cn_session_mode mode)
{
    em_error err;
    em_error_clear(&err);
    cn_session *s = cn_session_get(srv, user ? user->user_id : "", session_id, observed,
                                   client_type, mode, &err);
    if (!s) {
        cn_finish_error(call, NULL, &err);
        protobuf_c_message_free_unpacked(req, NULL);
    }
    return s;
}
