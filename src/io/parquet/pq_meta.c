/*
 * pq_meta: the parquet.thrift structures the reader needs, decoded with pq_thrift's primitives:
 * FileMetaData (schema elements with logical/converted types, row groups, column chunks, column
 * metadata, statistics, key-value metadata) and PageHeader (data v1/v2, dictionary).
 *
 * Each structure is a switch over its field ids (as numbered in parquet.thrift); unknown fields
 * are skipped, so newer writers' additions are tolerated; required fields are checked. Arrays
 * are sized from list counts that pq_t_list already bounded by the bytes left.
 */
#include "io/parquet/pq_int.h"

#include <string.h>

/* ---- LogicalType ------------------------------------------------------------------------------
 */

/* TimeUnit union: MILLIS=1, MICROS=2, NANOS=3 (each an empty struct). */
static int pq_read_time_unit(pq_tin *t, int *unit)
{
    int16_t last = 0;
    *unit = -1;
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        if (f.type == PQ_T_STRUCT && f.id >= 1 && f.id <= 3)
            *unit = f.id - 1;
        if (pq_t_skip(t, f.type))
            return EM_EIO;
    }
    return 0;
}

/* TimeType / TimestampType: 1 isAdjustedToUTC, 2 unit. */
static int pq_read_time_like(pq_tin *t, pq_logical *lt)
{
    int16_t last = 0;
    bool has_unit = false;
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        if (f.id == 1) {
            if (pq_t_bool_field(&f, &lt->utc))
                return EM_EIO;
        } else if (f.id == 2) {
            if (pq_t_enter(t, &f) || pq_read_time_unit(t, &lt->unit))
                return EM_EIO;
            pq_t_struct_end(t);
            has_unit = lt->unit >= 0;
        } else if (pq_t_skip(t, f.type)) {
            return EM_EIO;
        }
    }
    if (!has_unit)
        lt->kind = PQ_LT_OTHER; /* an unknown unit: treat the annotation as unknown */
    return 0;
}

static int pq_read_logical(pq_tin *t, pq_logical *lt)
{
    int16_t last = 0;
    memset(lt, 0, sizeof *lt);
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        if (f.type != PQ_T_STRUCT) {
            if (pq_t_skip(t, f.type))
                return EM_EIO;
            continue;
        }
        if (pq_t_struct_begin(t))
            return EM_EIO;
        int16_t in_last = 0;
        switch (f.id) {
        case 5: /* DecimalType: 1 scale, 2 precision */
            lt->kind = PQ_LT_DECIMAL;
            lt->precision = -1;
            lt->scale = 0;
            for (;;) {
                pq_tfield g;
                if (pq_t_field(t, &in_last, &g))
                    return EM_EIO;
                if (g.type == PQ_T_STOP)
                    break;
                if (g.id == 1 || g.id == 2) {
                    int32_t v;
                    if (pq_t_int32_field(t, g.type, &v))
                        return EM_EIO;
                    if (g.id == 1)
                        lt->scale = v;
                    else
                        lt->precision = v;
                } else if (pq_t_skip(t, g.type)) {
                    return EM_EIO;
                }
            }
            break;
        case 7:
        case 8:
            lt->kind = f.id == 7 ? PQ_LT_TIME : PQ_LT_TIMESTAMP;
            if (pq_read_time_like(t, lt))
                return EM_EIO;
            break;
        case 10: /* IntType: 1 bitWidth (i8), 2 isSigned */
            lt->kind = PQ_LT_INTEGER;
            lt->bit_width = 0;
            for (;;) {
                pq_tfield g;
                if (pq_t_field(t, &in_last, &g))
                    return EM_EIO;
                if (g.type == PQ_T_STOP)
                    break;
                if (g.id == 1) {
                    int32_t v;
                    if (pq_t_int32_field(t, g.type, &v))
                        return EM_EIO;
                    lt->bit_width = v;
                } else if (g.id == 2) {
                    if (pq_t_bool_field(&g, &lt->is_signed))
                        return EM_EIO;
                } else if (pq_t_skip(t, g.type)) {
                    return EM_EIO;
                }
            }
            break;
        default: {
            static const pq_lt simple[] = {
                [1] = PQ_LT_STRING, [2] = PQ_LT_MAP,      [3] = PQ_LT_LIST,     [4] = PQ_LT_ENUM,
                [6] = PQ_LT_DATE,   [11] = PQ_LT_UNKNOWN, [12] = PQ_LT_JSON,    [13] = PQ_LT_BSON,
                [14] = PQ_LT_UUID,  [15] = PQ_LT_FLOAT16, [16] = PQ_LT_VARIANT,
            };
            lt->kind = (f.id > 0 && f.id < (int)(sizeof simple / sizeof simple[0]) &&
                        simple[f.id] != PQ_LT_NONE)
                           ? simple[f.id]
                           : PQ_LT_OTHER;
            for (;;) {
                pq_tfield g;
                if (pq_t_field(t, &in_last, &g))
                    return EM_EIO;
                if (g.type == PQ_T_STOP)
                    break;
                if (pq_t_skip(t, g.type))
                    return EM_EIO;
            }
            break;
        }
        }
        pq_t_struct_end(t);
    }
    return 0;
}

/* The annotation parquet-mr derives from a ConvertedType when no LogicalType is present. */
static void pq_logical_from_converted(pq_schema_elem *e)
{
    pq_logical *lt = &e->logical;
    memset(lt, 0, sizeof *lt);
    switch (e->converted_type) {
    case PQ_CT_UTF8:
        lt->kind = PQ_LT_STRING;
        break;
    case PQ_CT_MAP:
        lt->kind = PQ_LT_MAP;
        break;
    case PQ_CT_MAP_KEY_VALUE:
        lt->kind = PQ_LT_MAP_KEY_VALUE;
        break;
    case PQ_CT_LIST:
        lt->kind = PQ_LT_LIST;
        break;
    case PQ_CT_ENUM:
        lt->kind = PQ_LT_ENUM;
        break;
    case PQ_CT_DECIMAL:
        lt->kind = PQ_LT_DECIMAL;
        lt->precision = e->precision;
        lt->scale = e->scale < 0 ? 0 : e->scale;
        break;
    case PQ_CT_DATE:
        lt->kind = PQ_LT_DATE;
        break;
    case PQ_CT_TIME_MILLIS:
    case PQ_CT_TIME_MICROS:
        lt->kind = PQ_LT_TIME;
        lt->utc = true;
        lt->unit = e->converted_type == PQ_CT_TIME_MILLIS ? PQ_UNIT_MILLIS : PQ_UNIT_MICROS;
        break;
    case PQ_CT_TIMESTAMP_MILLIS:
    case PQ_CT_TIMESTAMP_MICROS:
        lt->kind = PQ_LT_TIMESTAMP;
        lt->utc = true;
        lt->unit = e->converted_type == PQ_CT_TIMESTAMP_MILLIS ? PQ_UNIT_MILLIS : PQ_UNIT_MICROS;
        break;
    case PQ_CT_UINT_8:
    case PQ_CT_UINT_16:
    case PQ_CT_UINT_32:
    case PQ_CT_UINT_64:
        lt->kind = PQ_LT_INTEGER;
        lt->bit_width = 8 << (e->converted_type - PQ_CT_UINT_8);
        lt->is_signed = false;
        break;
    case PQ_CT_INT_8:
    case PQ_CT_INT_16:
    case PQ_CT_INT_32:
    case PQ_CT_INT_64:
        lt->kind = PQ_LT_INTEGER;
        lt->bit_width = 8 << (e->converted_type - PQ_CT_INT_8);
        lt->is_signed = true;
        break;
    case PQ_CT_JSON:
        lt->kind = PQ_LT_JSON;
        break;
    case PQ_CT_BSON:
        lt->kind = PQ_LT_BSON;
        break;
    case PQ_CT_INTERVAL:
        lt->kind = PQ_LT_INTERVAL;
        break;
    default:
        lt->kind = PQ_LT_NONE;
        break;
    }
}

/* ---- FileMetaData ---------------------------------------------------------------------------- */

static int pq_read_schema_elem(pq_tin *t, em_arena *a, pq_schema_elem *e)
{
    int16_t last = 0;
    bool has_name = false;
    pq_logical logical = {0};
    memset(e, 0, sizeof *e);
    e->type = -1;
    e->repetition = -1;
    e->num_children = -1;
    e->converted_type = -1;
    e->scale = -1;
    e->precision = -1;
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        int32_t v;
        switch (f.id) {
        case 1:
            if (pq_t_int32_field(t, f.type, &v))
                return EM_EIO;
            if (v < 0 || v > PQ_FIXED_LEN_BYTE_ARRAY)
                return pq_fail("schema: unknown physical type %d", v);
            e->type = v;
            break;
        case 2:
            if (pq_t_int32_field(t, f.type, &e->type_length))
                return EM_EIO;
            break;
        case 3:
            if (pq_t_int32_field(t, f.type, &v))
                return EM_EIO;
            if (v < 0 || v > PQ_REPEATED)
                return pq_fail("schema: unknown repetition %d", v);
            e->repetition = v;
            break;
        case 4: {
            const uint8_t *p;
            int32_t len;
            if (pq_t_binary_field(t, f.type, &p, &len))
                return EM_EIO;
            e->name = em_arena_strndup(a, (const char *)p, (size_t)len);
            has_name = true;
            break;
        }
        case 5:
            if (pq_t_int32_field(t, f.type, &e->num_children))
                return EM_EIO;
            break;
        case 6:
            if (pq_t_int32_field(t, f.type, &e->converted_type))
                return EM_EIO;
            break;
        case 7:
            if (pq_t_int32_field(t, f.type, &e->scale))
                return EM_EIO;
            break;
        case 8:
            if (pq_t_int32_field(t, f.type, &e->precision))
                return EM_EIO;
            break;
        case 10:
            if (pq_t_enter(t, &f) || pq_read_logical(t, &logical))
                return EM_EIO;
            pq_t_struct_end(t);
            break;
        default:
            if (pq_t_skip(t, f.type))
                return EM_EIO;
            break;
        }
    }
    if (!has_name)
        return pq_fail("schema: element without a name");
    e->raw_logical = logical.kind;
    /* The LogicalType wins; an unknown one falls back to the ConvertedType, as parquet-mr. */
    if (logical.kind != PQ_LT_NONE && logical.kind != PQ_LT_OTHER)
        e->logical = logical;
    else
        pq_logical_from_converted(e);
    return 0;
}

static int pq_read_stats(pq_tin *t, pq_stats_raw *s)
{
    int16_t last = 0;
    memset(s, 0, sizeof *s);
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        switch (f.id) {
        case 1:
            if (pq_t_binary_field(t, f.type, &s->max, &s->max_len))
                return EM_EIO;
            s->has_max = true;
            break;
        case 2:
            if (pq_t_binary_field(t, f.type, &s->min, &s->min_len))
                return EM_EIO;
            s->has_min = true;
            break;
        case 3:
            if (pq_t_int(t, f.type, &s->null_count))
                return EM_EIO;
            s->has_null_count = true;
            break;
        case 5:
            if (pq_t_binary_field(t, f.type, &s->max_value, &s->max_value_len))
                return EM_EIO;
            s->has_max_value = true;
            break;
        case 6:
            if (pq_t_binary_field(t, f.type, &s->min_value, &s->min_value_len))
                return EM_EIO;
            s->has_min_value = true;
            break;
        case 7:
            if (pq_t_bool_field(&f, &s->exact_max))
                return EM_EIO;
            s->has_exact_max = true;
            break;
        case 8:
            if (pq_t_bool_field(&f, &s->exact_min))
                return EM_EIO;
            s->has_exact_min = true;
            break;
        default:
            if (pq_t_skip(t, f.type))
                return EM_EIO;
            break;
        }
    }
    return 0;
}

static int pq_read_column_meta(pq_tin *t, pq_column_meta *m)
{
    int16_t last = 0;
    unsigned seen = 0;
    memset(m, 0, sizeof *m);
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        int32_t v;
        switch (f.id) {
        case 1:
            if (pq_t_int32_field(t, f.type, &v))
                return EM_EIO;
            m->type = v;
            seen |= 1u << 1;
            break;
        case 3: {
            int et;
            if (f.type != PQ_T_LIST)
                return pq_fail("column metadata: path_in_schema is not a list");
            if (pq_t_list(t, &et, &m->n_path))
                return EM_EIO;
            for (int32_t i = 0; i < m->n_path; i++)
                if (pq_t_skip_elem(t, et))
                    return EM_EIO;
            break;
        }
        case 4:
            if (pq_t_int32_field(t, f.type, &m->codec))
                return EM_EIO;
            seen |= 1u << 4;
            break;
        case 5:
            if (pq_t_int(t, f.type, &m->num_values))
                return EM_EIO;
            seen |= 1u << 5;
            break;
        case 6:
            if (pq_t_int(t, f.type, &m->total_uncompressed_size))
                return EM_EIO;
            break;
        case 7:
            if (pq_t_int(t, f.type, &m->total_compressed_size))
                return EM_EIO;
            seen |= 1u << 7;
            break;
        case 9:
            if (pq_t_int(t, f.type, &m->data_page_offset))
                return EM_EIO;
            seen |= 1u << 9;
            break;
        case 11:
            if (pq_t_int(t, f.type, &m->dictionary_page_offset))
                return EM_EIO;
            m->has_dictionary_page_offset = true;
            break;
        case 12:
            if (pq_t_enter(t, &f) || pq_read_stats(t, &m->stats))
                return EM_EIO;
            pq_t_struct_end(t);
            m->has_stats = true;
            break;
        default:
            if (pq_t_skip(t, f.type))
                return EM_EIO;
            break;
        }
    }
    unsigned need = (1u << 1) | (1u << 4) | (1u << 5) | (1u << 7) | (1u << 9);
    if ((seen & need) != need)
        return pq_fail("column metadata: a required field is missing");
    return 0;
}

static int pq_read_column_chunk(pq_tin *t, pq_column_chunk *c)
{
    int16_t last = 0;
    memset(c, 0, sizeof *c);
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        switch (f.id) {
        case 1:
            c->has_file_path = true;
            if (pq_t_skip(t, f.type))
                return EM_EIO;
            break;
        case 3:
            if (pq_t_enter(t, &f) || pq_read_column_meta(t, &c->meta))
                return EM_EIO;
            pq_t_struct_end(t);
            c->has_meta = true;
            break;
        case 8:
        case 9:
            c->encrypted = true;
            if (pq_t_skip(t, f.type))
                return EM_EIO;
            break;
        default:
            if (pq_t_skip(t, f.type))
                return EM_EIO;
            break;
        }
    }
    return 0;
}

static int pq_read_row_group(pq_tin *t, em_arena *a, pq_row_group *rg)
{
    int16_t last = 0;
    bool has_cols = false, has_rows = false;
    memset(rg, 0, sizeof *rg);
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        if (f.id == 1 && f.type == PQ_T_LIST) {
            int et;
            if (pq_t_list(t, &et, &rg->n_columns))
                return EM_EIO;
            if (et != PQ_T_STRUCT)
                return pq_fail("row group: columns is not a list of structs");
            rg->columns = em_arena_calloc(a, (size_t)rg->n_columns + 1, sizeof *rg->columns);
            for (int32_t i = 0; i < rg->n_columns; i++) {
                if (pq_t_struct_begin(t) || pq_read_column_chunk(t, &rg->columns[i]))
                    return EM_EIO;
                pq_t_struct_end(t);
            }
            has_cols = true;
        } else if (f.id == 3) {
            if (pq_t_int(t, f.type, &rg->num_rows))
                return EM_EIO;
            has_rows = true;
        } else if (pq_t_skip(t, f.type)) {
            return EM_EIO;
        }
    }
    if (!has_cols || !has_rows)
        return pq_fail("row group: columns or num_rows missing");
    if (rg->num_rows < 0)
        return pq_fail("row group: negative num_rows");
    return 0;
}

static int pq_read_kv(pq_tin *t, em_arena *a, pq_kv *kv)
{
    int16_t last = 0;
    bool has_key = false;
    memset(kv, 0, sizeof *kv);
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        const uint8_t *p;
        int32_t len;
        if (f.id == 1 || f.id == 2) {
            if (pq_t_binary_field(t, f.type, &p, &len))
                return EM_EIO;
            if (f.id == 1) {
                kv->key = em_arena_strndup(a, (const char *)p, (size_t)len);
                has_key = true;
            } else {
                kv->value = (const char *)p;
                kv->value_len = len;
            }
        } else if (pq_t_skip(t, f.type)) {
            return EM_EIO;
        }
    }
    if (!has_key)
        return pq_fail("key-value metadata without a key");
    return 0;
}

int pq_meta_decode(const uint8_t *buf, size_t len, em_arena *a, pq_meta *m)
{
    pq_tin t = {buf, buf + len, 0};
    int16_t last = 0;
    bool has_schema = false, has_rows = false, has_rgs = false;
    memset(m, 0, sizeof *m);
    if (pq_t_struct_begin(&t))
        return EM_EIO;
    for (;;) {
        pq_tfield f;
        if (pq_t_field(&t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        int et;
        switch (f.id) {
        case 1:
            if (pq_t_int32_field(&t, f.type, &m->version))
                return EM_EIO;
            break;
        case 2:
            if (f.type != PQ_T_LIST || pq_t_list(&t, &et, &m->n_schema))
                return pq_fail("file metadata: schema is not a list");
            if (et != PQ_T_STRUCT)
                return pq_fail("file metadata: schema is not a list of structs");
            m->schema = em_arena_calloc(a, (size_t)m->n_schema + 1, sizeof *m->schema);
            for (int32_t i = 0; i < m->n_schema; i++) {
                if (pq_t_struct_begin(&t) || pq_read_schema_elem(&t, a, &m->schema[i]))
                    return EM_EIO;
                pq_t_struct_end(&t);
            }
            has_schema = true;
            break;
        case 3:
            if (pq_t_int(&t, f.type, &m->num_rows))
                return EM_EIO;
            has_rows = true;
            break;
        case 4:
            if (f.type != PQ_T_LIST || pq_t_list(&t, &et, &m->n_row_groups))
                return pq_fail("file metadata: row_groups is not a list");
            if (et != PQ_T_STRUCT)
                return pq_fail("file metadata: row_groups is not a list of structs");
            m->row_groups = em_arena_calloc(a, (size_t)m->n_row_groups + 1, sizeof *m->row_groups);
            for (int32_t i = 0; i < m->n_row_groups; i++) {
                if (pq_t_struct_begin(&t) || pq_read_row_group(&t, a, &m->row_groups[i]))
                    return EM_EIO;
                pq_t_struct_end(&t);
            }
            has_rgs = true;
            break;
        case 5:
            if (f.type != PQ_T_LIST || pq_t_list(&t, &et, &m->n_kv))
                return pq_fail("file metadata: key_value_metadata is not a list");
            if (et != PQ_T_STRUCT)
                return pq_fail("file metadata: key_value_metadata is not a list of structs");
            m->kv = em_arena_calloc(a, (size_t)m->n_kv + 1, sizeof *m->kv);
            for (int32_t i = 0; i < m->n_kv; i++) {
                if (pq_t_struct_begin(&t) || pq_read_kv(&t, a, &m->kv[i]))
                    return EM_EIO;
                pq_t_struct_end(&t);
            }
            break;
        case 6: {
            const uint8_t *p;
            int32_t n;
            if (pq_t_binary_field(&t, f.type, &p, &n))
                return EM_EIO;
            m->created_by = em_arena_strndup(a, (const char *)p, (size_t)n);
            break;
        }
        case 8:
            m->encrypted = true;
            if (pq_t_skip(&t, f.type))
                return EM_EIO;
            break;
        default:
            if (pq_t_skip(&t, f.type))
                return EM_EIO;
            break;
        }
    }
    if (!has_schema || !has_rows || !has_rgs)
        return pq_fail("file metadata: schema, num_rows or row_groups missing");
    if (m->num_rows < 0)
        return pq_fail("file metadata: negative num_rows");
    return 0;
}

/* ---- PageHeader -------------------------------------------------------------------------------
 */

static int pq_read_data_header(pq_tin *t, pq_page_header *h)
{
    int16_t last = 0;
    unsigned seen = 0;
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        int32_t v;
        if (f.id >= 1 && f.id <= 4) {
            if (pq_t_int32_field(t, f.type, &v))
                return EM_EIO;
            seen |= 1u << f.id;
            if (f.id == 1)
                h->num_values = v;
            else if (f.id == 2)
                h->encoding = v;
            else if (f.id == 3)
                h->def_encoding = v;
            else
                h->rep_encoding = v;
        } else if (pq_t_skip(t, f.type)) {
            return EM_EIO;
        }
    }
    if ((seen & 0x1e) != 0x1e)
        return pq_fail("data page header: a required field is missing");
    return 0;
}

static int pq_read_data_header_v2(pq_tin *t, pq_page_header *h)
{
    int16_t last = 0;
    unsigned seen = 0;
    h->is_compressed = true;
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        int32_t v;
        if (f.id >= 1 && f.id <= 6) {
            if (pq_t_int32_field(t, f.type, &v))
                return EM_EIO;
            seen |= 1u << f.id;
            switch (f.id) {
            case 1:
                h->num_values = v;
                break;
            case 2:
                h->num_nulls = v;
                break;
            case 3:
                h->num_rows = v;
                break;
            case 4:
                h->encoding = v;
                break;
            case 5:
                h->def_len = v;
                break;
            default:
                h->rep_len = v;
                break;
            }
        } else if (f.id == 7) {
            if (pq_t_bool_field(&f, &h->is_compressed))
                return EM_EIO;
        } else if (pq_t_skip(t, f.type)) {
            return EM_EIO;
        }
    }
    if ((seen & 0x7e) != 0x7e)
        return pq_fail("data page v2 header: a required field is missing");
    return 0;
}

static int pq_read_dict_header(pq_tin *t, pq_page_header *h)
{
    int16_t last = 0;
    unsigned seen = 0;
    for (;;) {
        pq_tfield f;
        if (pq_t_field(t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        if (f.id == 1 || f.id == 2) {
            int32_t v;
            if (pq_t_int32_field(t, f.type, &v))
                return EM_EIO;
            seen |= 1u << f.id;
            if (f.id == 1)
                h->dict_num_values = v;
            else
                h->dict_encoding = v;
        } else if (pq_t_skip(t, f.type)) {
            return EM_EIO;
        }
    }
    if ((seen & 0x6) != 0x6)
        return pq_fail("dictionary page header: a required field is missing");
    return 0;
}

int pq_page_header_decode(const uint8_t *buf, size_t avail, pq_page_header *h, size_t *header_len)
{
    pq_tin t = {buf, buf + avail, 0};
    int16_t last = 0;
    unsigned seen = 0;
    memset(h, 0, sizeof *h);
    if (pq_t_struct_begin(&t))
        return EM_EIO;
    for (;;) {
        pq_tfield f;
        if (pq_t_field(&t, &last, &f))
            return EM_EIO;
        if (f.type == PQ_T_STOP)
            break;
        int32_t v;
        switch (f.id) {
        case 1:
        case 2:
        case 3:
        case 4:
            if (pq_t_int32_field(&t, f.type, &v))
                return EM_EIO;
            seen |= 1u << f.id;
            if (f.id == 1)
                h->type = v;
            else if (f.id == 2)
                h->uncompressed_size = v;
            else if (f.id == 3)
                h->compressed_size = v;
            else {
                h->has_crc = true;
                h->crc = (uint32_t)v;
            }
            break;
        case 5:
            if (pq_t_enter(&t, &f) || pq_read_data_header(&t, h))
                return EM_EIO;
            pq_t_struct_end(&t);
            h->has_data = true;
            break;
        case 7:
            if (pq_t_enter(&t, &f) || pq_read_dict_header(&t, h))
                return EM_EIO;
            pq_t_struct_end(&t);
            h->has_dict = true;
            break;
        case 8:
            if (pq_t_enter(&t, &f) || pq_read_data_header_v2(&t, h))
                return EM_EIO;
            pq_t_struct_end(&t);
            h->has_v2 = true;
            break;
        default:
            if (pq_t_skip(&t, f.type))
                return EM_EIO;
            break;
        }
    }
    if ((seen & 0xe) != 0xe)
        return pq_fail("page header: type or sizes missing");
    if (h->uncompressed_size < 0 || h->compressed_size < 0)
        return pq_fail("page header: negative page size");
    *header_len = (size_t)(t.p - buf);
    return 0;
}
