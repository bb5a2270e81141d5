/*
 * arrow_test_stream: the hand-driven IPC writer of the tests (see the header). Field ids and
 * enum values come from Arrow's Schema.fbs / Message.fbs via src/arrow/ipc_int.h.
 */
#include "arrow_test_stream.h"

#include <string.h>

#include "arrow/ipc_int.h"
#include "common/em_mem.h"

void ts_init(ts_stream *s)
{
    em_str_init(&s->out, 0);
    s->legacy = false;
    s->pad = 8;
    s->codec = -1;
    s->version = IPC_METADATA_V5;
}

void ts_release(ts_stream *s)
{
    em_str_release(&s->out);
}

static ipc_fb_ref ts_key_values(ipc_fb_builder *b, const char *key, const char *value)
{
    ipc_fb_ref k = ipc_fb_string(b, key, strlen(key));
    ipc_fb_ref v = ipc_fb_string(b, value, strlen(value));
    ipc_fb_table_start(b);
    ipc_fb_add_ref(b, 0, k);
    ipc_fb_add_ref(b, 1, v);
    ipc_fb_ref kv = ipc_fb_table_end(b);
    return ipc_fb_vector_refs(b, &kv, 1);
}

static ipc_fb_ref ts_type(ipc_fb_builder *b, const ts_field *f)
{
    ipc_fb_ref tz = f->tz ? ipc_fb_string(b, f->tz, strlen(f->tz)) : 0;
    ipc_fb_table_start(b);
    switch (f->type_id) {
    case IPC_T_INT:
        ipc_fb_add_i32(b, 0, f->p1);
        ipc_fb_add_u8(b, 1, (uint8_t)f->p2);
        break;
    case IPC_T_DECIMAL:
        ipc_fb_add_i32(b, 0, f->p1);
        ipc_fb_add_i32(b, 1, f->p2);
        ipc_fb_add_i32(b, 2, f->p3 ? f->p3 : 128);
        break;
    case IPC_T_FLOAT:
    case IPC_T_DATE:
    case IPC_T_DURATION:
    case IPC_T_INTERVAL:
        ipc_fb_add_i16(b, 0, (int16_t)f->p1);
        break;
    case IPC_T_TIME:
        ipc_fb_add_i16(b, 0, (int16_t)f->p1);
        ipc_fb_add_i32(b, 1, f->p2);
        break;
    case IPC_T_TIMESTAMP:
        ipc_fb_add_i16(b, 0, (int16_t)f->p1);
        if (tz)
            ipc_fb_add_ref(b, 1, tz);
        break;
    case IPC_T_FIXED_SIZE_LIST:
    case IPC_T_FIXED_SIZE_BINARY:
        ipc_fb_add_i32(b, 0, f->p1);
        break;
    case IPC_T_MAP:
        ipc_fb_add_u8(b, 0, (uint8_t)f->p1);
        break;
    default:
        break;
    }
    return ipc_fb_table_end(b);
}

static ipc_fb_ref ts_field_build(ipc_fb_builder *b, const ts_field *f, bool meta)
{
    ipc_fb_ref kids[64];
    for (int idx = 0; idx < f->n_children && idx < 64; idx++)
        kids[idx] = ts_field_build(b, &f->children[idx], meta);
    ipc_fb_ref kid_vec = ipc_fb_vector_refs(b, kids, (size_t)f->n_children);
    ipc_fb_ref name = ipc_fb_string(b, f->name, strlen(f->name));
    ipc_fb_ref type = ts_type(b, f);
    ipc_fb_ref dict = 0;
    if (f->dict) {
        ipc_fb_table_start(b);
        ipc_fb_add_i32(b, 0, f->index_width);
        ipc_fb_add_u8(b, 1, f->index_signed);
        ipc_fb_ref it = ipc_fb_table_end(b);
        ipc_fb_table_start(b);
        ipc_fb_add_i64(b, IPC_DICTENC_ID, f->dict_id);
        ipc_fb_add_ref(b, IPC_DICTENC_INDEX_TYPE, it);
        ipc_fb_add_u8(b, IPC_DICTENC_IS_ORDERED, 0);
        dict = ipc_fb_table_end(b);
    }
    ipc_fb_ref md = meta ? ts_key_values(b, "ARROW:extension:metadata", "{}") : 0;
    ipc_fb_table_start(b);
    ipc_fb_add_ref(b, IPC_FIELD_NAME, name);
    ipc_fb_add_u8(b, IPC_FIELD_NULLABLE, f->nullable);
    ipc_fb_add_u8(b, IPC_FIELD_TYPE_TYPE, (uint8_t)f->type_id);
    ipc_fb_add_ref(b, IPC_FIELD_TYPE, type);
    if (dict)
        ipc_fb_add_ref(b, IPC_FIELD_DICTIONARY, dict);
    ipc_fb_add_ref(b, IPC_FIELD_CHILDREN, kid_vec);
    if (md)
        ipc_fb_add_ref(b, IPC_FIELD_CUSTOM_METADATA, md);
    return ipc_fb_table_end(b);
}

static void ts_frame(ts_stream *s, ipc_fb_builder *b, uint8_t header_type, ipc_fb_ref header,
                     int64_t body_len)
{
    ipc_fb_table_start(b);
    ipc_fb_add_i16(b, IPC_MESSAGE_VERSION, (int16_t)s->version);
    ipc_fb_add_u8(b, IPC_MESSAGE_HEADER_TYPE, header_type);
    ipc_fb_add_ref(b, IPC_MESSAGE_HEADER, header);
    ipc_fb_add_i64(b, IPC_MESSAGE_BODY_LENGTH, body_len);
    ipc_fb_ref msg = ipc_fb_table_end(b);
    const uint8_t *fb;
    size_t fb_len;
    ipc_fb_finish(b, msg, &fb, &fb_len, NULL);
    size_t prefix = s->legacy ? 4 : 8;
    size_t pad = (8 - ((s->out.len + prefix + fb_len) & 7)) & 7;
    int32_t meta_len = (int32_t)(fb_len + pad);
    if (!s->legacy) {
        uint32_t marker = 0xFFFFFFFFu;
        em_str_append(&s->out, (const char *)&marker, 4);
    }
    em_str_append(&s->out, (const char *)&meta_len, 4);
    em_str_append(&s->out, (const char *)fb, fb_len);
    em_str_repeat(&s->out, 0, pad);
}

void ts_schema(ts_stream *s, const ts_field *fields, int n, bool with_metadata)
{
    ipc_fb_builder b;
    ipc_fb_init(&b);
    ipc_fb_ref refs[64];
    for (int idx = 0; idx < n && idx < 64; idx++)
        refs[idx] = ts_field_build(&b, &fields[idx], with_metadata);
    ipc_fb_ref vec = ipc_fb_vector_refs(&b, refs, (size_t)n);
    ipc_fb_ref md =
        with_metadata ? ts_key_values(&b, "pandas", "{\"index_columns\": [], \"columns\": []}") : 0;
    ipc_fb_table_start(&b);
    ipc_fb_add_i16(&b, IPC_SCHEMA_ENDIANNESS, 0);
    ipc_fb_add_ref(&b, IPC_SCHEMA_FIELDS, vec);
    if (md)
        ipc_fb_add_ref(&b, 2, md);
    ipc_fb_ref schema = ipc_fb_table_end(&b);
    ts_frame(s, &b, IPC_HDR_SCHEMA, schema, 0);
    ipc_fb_release(&b);
}

/* The RecordBatch table; the body bytes go to *body. */
static ipc_fb_ref ts_record_batch(ts_stream *s, ipc_fb_builder *b, int64_t length,
                                  const int64_t *nodes, int n_nodes, const ts_buf *bufs, int n_bufs,
                                  em_str *body)
{
    int64_t *descr = em_calloc((size_t)(n_bufs ? n_bufs : 1), 16);
    for (int idx = 0; idx < n_bufs; idx++) {
        descr[2 * idx] = (int64_t)body->len;
        descr[2 * idx + 1] = bufs[idx].len;
        if (bufs[idx].len)
            em_str_append(body, bufs[idx].p, (size_t)bufs[idx].len);
        em_str_repeat(body, 0, (size_t)((s->pad - (int)(body->len % s->pad)) % s->pad));
    }
    ipc_fb_ref nv = ipc_fb_vector(b, nodes, (size_t)n_nodes, 16, 8);
    ipc_fb_ref bv = ipc_fb_vector(b, descr, (size_t)n_bufs, 16, 8);
    em_free(descr);
    ipc_fb_ref comp = 0;
    if (s->codec >= 0) {
        ipc_fb_table_start(b);
        ipc_fb_add_u8(b, IPC_COMPRESSION_CODEC, (uint8_t)s->codec);
        ipc_fb_add_u8(b, IPC_COMPRESSION_METHOD, 0);
        comp = ipc_fb_table_end(b);
    }
    ipc_fb_table_start(b);
    ipc_fb_add_i64(b, IPC_RB_LENGTH, length);
    ipc_fb_add_ref(b, IPC_RB_NODES, nv);
    ipc_fb_add_ref(b, IPC_RB_BUFFERS, bv);
    if (comp)
        ipc_fb_add_ref(b, IPC_RB_COMPRESSION, comp);
    return ipc_fb_table_end(b);
}

void ts_batch(ts_stream *s, int64_t length, const int64_t *nodes, int n_nodes, const ts_buf *bufs,
              int n_bufs)
{
    ipc_fb_builder b;
    ipc_fb_init(&b);
    em_str body;
    em_str_init(&body, 0);
    ipc_fb_ref rb = ts_record_batch(s, &b, length, nodes, n_nodes, bufs, n_bufs, &body);
    ts_frame(s, &b, IPC_HDR_RECORD_BATCH, rb, (int64_t)body.len);
    em_str_append(&s->out, body.data ? body.data : "", body.len);
    em_str_release(&body);
    ipc_fb_release(&b);
}

void ts_dict_batch(ts_stream *s, int64_t id, bool delta, int64_t length, const int64_t *nodes,
                   int n_nodes, const ts_buf *bufs, int n_bufs)
{
    ipc_fb_builder b;
    ipc_fb_init(&b);
    em_str body;
    em_str_init(&body, 0);
    ipc_fb_ref rb = ts_record_batch(s, &b, length, nodes, n_nodes, bufs, n_bufs, &body);
    ipc_fb_table_start(&b);
    ipc_fb_add_i64(&b, IPC_DB_ID, id);
    ipc_fb_add_ref(&b, IPC_DB_DATA, rb);
    ipc_fb_add_u8(&b, IPC_DB_IS_DELTA, delta);
    ipc_fb_ref db = ipc_fb_table_end(&b);
    ts_frame(s, &b, IPC_HDR_DICTIONARY_BATCH, db, (int64_t)body.len);
    em_str_append(&s->out, body.data ? body.data : "", body.len);
    em_str_release(&body);
    ipc_fb_release(&b);
}

void ts_eos(ts_stream *s)
{
    static const uint8_t eos[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0};
    if (s->legacy)
        em_str_append(&s->out, (const char *)eos + 4, 4);
    else
        em_str_append(&s->out, (const char *)eos, 8);
}
