/*
 * pq_schema: the Parquet schema (a preorder list of SchemaElements) -> a tree with definition and
 * repetition levels -> leaves (with their Spark types and conversions) and the Spark-facing node
 * tree the assembler walks.
 *
 * The type rules are Spark 4's ParquetToSparkSchemaConverter: annotated INT32 narrow to
 * byte/short, unsigned ints widen (uint64 -> decimal(20,0)), TIMESTAMP(MILLIS|MICROS) is
 * timestamp or, when not adjusted to UTC and inferTimestampNTZ is on, timestamp_ntz; INT96 is a
 * timestamp; UNKNOWN is the null type; STRING/ENUM/JSON are strings, BSON and unannotated byte
 * arrays binary; lists follow the backward-compatibility rules (2-level legacy lists have
 * containsNull = false), repeated fields outside LIST/MAP are required arrays of required
 * elements. Types Spark rejects raise Spark's errors when pq_options.spark_strict_types is set,
 * else map as pq.h documents.
 */
#include "io/parquet/pq_int.h"

#include "common/em_str.h"

#include <stdio.h>
#include <string.h>

typedef struct pq_pnode {
    int elem;
    int n_children;
    struct pq_pnode *children;
    int16_t max_def, max_rep;
    int leaf; /* leaves: leaf index */
} pq_pnode;

typedef struct pq_sctx {
    pq_file *f;
    em_error *err;
    int pos;
    int n_leaves;
} pq_sctx;

static const pq_schema_elem *pq_el(const pq_sctx *s, const pq_pnode *p)
{
    return &s->f->meta.schema[p->elem];
}

static bool pq_is_leaf(const pq_pnode *p, const pq_schema_elem *e)
{
    return e->type >= 0 && e->num_children <= 0;
}

/* Broken schema trees are footer corruption. */
static int pq_schema_corrupt(pq_sctx *s)
{
    return pq_raise(s->err, "CANNOT_READ_FILE_FOOTER", s->f->path);
}

static int pq_ptree(pq_sctx *s, int depth, int16_t def, int16_t rep, pq_pnode *out)
{
    const pq_meta *m = &s->f->meta;
    if (depth > PQ_MAX_DEPTH) {
        pq_fail("schema: nested deeper than %d", PQ_MAX_DEPTH);
        return pq_schema_corrupt(s);
    }
    if (s->pos >= m->n_schema) {
        pq_fail("schema: fewer elements than the tree needs");
        return pq_schema_corrupt(s);
    }
    memset(out, 0, sizeof *out);
    out->elem = s->pos++;
    const pq_schema_elem *e = &m->schema[out->elem];
    if (depth > 0) {
        if (e->repetition < 0) {
            pq_fail("schema: field '%s' has no repetition", e->name);
            return pq_schema_corrupt(s);
        }
        def += e->repetition != PQ_REQUIRED;
        rep += e->repetition == PQ_REPEATED;
    }
    out->max_def = def;
    out->max_rep = rep;
    if (depth > 0 && pq_is_leaf(out, e)) {
        out->leaf = s->n_leaves++;
        return 0;
    }
    if (e->type >= 0 && depth == 0) {
        pq_fail("schema: the root is not a group");
        return pq_schema_corrupt(s);
    }
    int32_t n = e->num_children < 0 ? 0 : e->num_children;
    if (n > m->n_schema - s->pos) {
        pq_fail("schema: '%s' claims %d children", e->name, n);
        return pq_schema_corrupt(s);
    }
    out->n_children = n;
    out->children = em_arena_calloc(&s->f->arena, (size_t)n + 1, sizeof *out->children);
    for (int32_t i = 0; i < n; i++)
        if (pq_ptree(s, depth + 1, def, rep, &out->children[i]))
            return EM_EIO;
    out->leaf = -1;
    return 0;
}

/* ---- primitive types ------------------------------------------------------------------------ */

static const char *pq_unit_name(int unit)
{
    return unit == PQ_UNIT_MILLIS ? "MILLIS" : unit == PQ_UNIT_MICROS ? "MICROS" : "NANOS";
}

/* parquet-mr's annotation text (LogicalTypeAnnotation.toString), "" when none. */
static void pq_ann_string(const pq_schema_elem *e, char *ann, size_t size)
{
    const pq_logical *lt = &e->logical;
    static const char *const names[] = {
        [PQ_LT_STRING] = "STRING",
        [PQ_LT_MAP] = "MAP",
        [PQ_LT_LIST] = "LIST",
        [PQ_LT_ENUM] = "ENUM",
        [PQ_LT_DATE] = "DATE",
        [PQ_LT_UNKNOWN] = "UNKNOWN",
        [PQ_LT_JSON] = "JSON",
        [PQ_LT_BSON] = "BSON",
        [PQ_LT_UUID] = "UUID",
        [PQ_LT_FLOAT16] = "FLOAT16",
        [PQ_LT_VARIANT] = "VARIANT",
        [PQ_LT_INTERVAL] = "INTERVAL",
        [PQ_LT_MAP_KEY_VALUE] = "MAP_KEY_VALUE",
    };
    switch (lt->kind) {
    case PQ_LT_NONE:
    case PQ_LT_OTHER:
        ann[0] = 0;
        break;
    case PQ_LT_DECIMAL:
        snprintf(ann, size, "DECIMAL(%d,%d)", lt->precision, lt->scale);
        break;
    case PQ_LT_TIME:
    case PQ_LT_TIMESTAMP:
        snprintf(ann, size, "%s(%s,%s)", lt->kind == PQ_LT_TIME ? "TIME" : "TIMESTAMP",
                 pq_unit_name(lt->unit), lt->utc ? "true" : "false");
        break;
    case PQ_LT_INTEGER:
        snprintf(ann, size, "INTEGER(%d,%s)", lt->bit_width, lt->is_signed ? "true" : "false");
        break;
    default:
        snprintf(ann, size, "%s", names[lt->kind] ? names[lt->kind] : "UNKNOWN");
        break;
    }
}

/* parquet-mr's "<primitive> (<annotation>)" as Spark's errors print it. */
static void pq_type_string(const pq_schema_elem *e, char *buf, size_t size)
{
    static const char *const phys[] = {"BOOLEAN", "INT32",  "INT64",  "INT96",
                                       "FLOAT",   "DOUBLE", "BINARY", "FIXED_LEN_BYTE_ARRAY"};
    const char *p = e->type >= 0 && e->type <= 7 ? phys[e->type] : "GROUP";
    char ann[96];
    pq_ann_string(e, ann, sizeof ann);
    if (ann[0])
        snprintf(buf, size, "%s (%s)", p, ann);
    else
        snprintf(buf, size, "%s", p);
}

static int pq_type_error(pq_sctx *s, const char *cls, const pq_schema_elem *e)
{
    char t[160];
    pq_type_string(e, t, sizeof t);
    pq_fail("column '%s': %s", e->name, t);
    return em_error_set(s->err, cls, "parquetType", t, NULL);
}

static int pq_msg_error(pq_sctx *s, const char *msg)
{
    pq_fail("%s", msg);
    return em_error_set(s->err, "_LEGACY_ERROR_TEMP_3071", "msg", msg, NULL);
}

/* Decimal.maxPrecisionForBytes: digits of the largest signed integer of n bytes. */
static int pq_max_precision_for_bytes(int32_t n)
{
    static const int table[17] = {0, 2, 4, 6, 9, 11, 14, 16, 18, 21, 23, 26, 28, 31, 33, 35, 38};
    return n >= 1 && n <= 16 ? table[n] : (n > 16 ? 1000 : 0);
}

static int pq_decimal_type(pq_sctx *s, const pq_schema_elem *e, int max_precision, const ty **out)
{
    static const char *const phys[] = {"BOOLEAN", "INT32",  "INT64",  "INT96",
                                       "FLOAT",   "DOUBLE", "BINARY", "FIXED_LEN_BYTE_ARRAY"};
    int p = e->logical.precision, sc = e->logical.scale;
    if (max_precision >= 0 && (p < 1 || p > max_precision)) {
        char msg[160];
        snprintf(msg, sizeof msg, "Invalid decimal precision: %s cannot store %d digits (max %d)",
                 phys[e->type], p, max_precision);
        return pq_msg_error(s, msg);
    }
    if (p > TY_DECIMAL_MAX_PRECISION) {
        char ps[16], mx[16];
        snprintf(ps, sizeof ps, "%d", p);
        snprintf(mx, sizeof mx, "%d", TY_DECIMAL_MAX_PRECISION);
        pq_fail("column '%s': decimal precision %d", e->name, p);
        return em_error_set(s->err, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "precision", ps,
                            "maxPrecision", mx, NULL);
    }
    if (p < 1 || sc < 0 || sc > p) {
        char msg[160];
        snprintf(msg, sizeof msg, "Invalid decimal type DECIMAL(%d,%d) of column %s", p, sc,
                 e->name);
        return pq_msg_error(s, msg);
    }
    *out = ty_decimal(s->f->type_arena, p, sc);
    return 0;
}

/* Maps one primitive column: Spark type, conversion, widths. */
static int pq_map_leaf(pq_sctx *s, const pq_schema_elem *e, pq_leaf *lf)
{
    const pq_options *o = &s->f->opt;
    const pq_logical *lt = &e->logical;
    bool strict = o->spark_strict_types;
    const ty *t = NULL;
    pq_conv conv = PQ_CONV_COPY;
    lf->logical = *lt;
    lf->phys_width = 0;
    switch (e->type) {
    case PQ_BOOLEAN:
        lf->phys_width = 1;
        break;
    case PQ_INT32:
    case PQ_FLOAT:
        lf->phys_width = 4;
        break;
    case PQ_INT64:
    case PQ_DOUBLE:
        lf->phys_width = 8;
        break;
    case PQ_INT96:
        lf->phys_width = 12;
        break;
    case PQ_FIXED_LEN_BYTE_ARRAY:
        if (e->type_length < 1) {
            pq_fail("column '%s': FIXED_LEN_BYTE_ARRAY of length %d", e->name, e->type_length);
            return pq_schema_corrupt(s);
        }
        lf->phys_width = e->type_length;
        break;
    default:
        break;
    }
    if (lt->kind == PQ_LT_UNKNOWN) {
        t = ty_null();
        conv = PQ_CONV_NULL;
        goto done;
    }
    switch (e->type) {
    case PQ_BOOLEAN:
        t = ty_boolean();
        break;
    case PQ_FLOAT:
        t = ty_float();
        break;
    case PQ_DOUBLE:
        t = ty_double();
        break;
    case PQ_INT32:
        switch (lt->kind) {
        case PQ_LT_NONE:
            t = ty_int();
            break;
        case PQ_LT_INTEGER:
            if (lt->is_signed) {
                if (lt->bit_width == 8) {
                    t = ty_byte();
                    conv = PQ_CONV_I32_I8;
                } else if (lt->bit_width == 16) {
                    t = ty_short();
                    conv = PQ_CONV_I32_I16;
                } else if (lt->bit_width == 32) {
                    t = ty_int();
                }
            } else {
                if (lt->bit_width == 8) {
                    t = ty_short();
                    conv = PQ_CONV_I32_I16;
                } else if (lt->bit_width == 16) {
                    t = ty_int();
                } else if (lt->bit_width == 32) {
                    t = ty_long();
                    conv = PQ_CONV_U32_I64;
                }
            }
            if (!t)
                return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
            break;
        case PQ_LT_DATE:
            t = ty_date();
            break;
        case PQ_LT_DECIMAL:
            if (pq_decimal_type(s, e, 9, &t))
                return EM_EUSER;
            conv = PQ_CONV_I32_DEC;
            break;
        case PQ_LT_TIMESTAMP:
            if (lt->unit == PQ_UNIT_MILLIS)
                return pq_type_error(s, "PARQUET_TYPE_NOT_SUPPORTED", e);
            return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
        case PQ_LT_TIME:
            if (strict || lt->unit != PQ_UNIT_MILLIS)
                return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
            t = ty_long();
            conv = PQ_CONV_I32_MS_US;
            break;
        default:
            return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
        }
        break;
    case PQ_INT64:
        switch (lt->kind) {
        case PQ_LT_NONE:
            t = ty_long();
            break;
        case PQ_LT_INTEGER:
            if (lt->bit_width != 64)
                return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
            if (lt->is_signed) {
                t = ty_long();
            } else {
                t = ty_decimal(s->f->type_arena, 20, 0);
                conv = PQ_CONV_U64_DEC;
            }
            break;
        case PQ_LT_DECIMAL:
            if (pq_decimal_type(s, e, 18, &t))
                return EM_EUSER;
            conv = PQ_CONV_I64_DEC;
            break;
        case PQ_LT_TIMESTAMP:
            if (lt->unit == PQ_UNIT_NANOS) {
                if (o->nanos_as_long) {
                    t = ty_long();
                    break;
                }
                if (strict)
                    return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
                conv = PQ_CONV_NANOS_US;
            } else if (lt->unit == PQ_UNIT_MILLIS) {
                conv = PQ_CONV_MILLIS_US;
            }
            t = (lt->utc || !o->infer_timestamp_ntz) ? ty_timestamp() : ty_timestamp_ntz();
            break;
        case PQ_LT_TIME:
            if (strict) {
                /* Spark 4.1 reads TIME(MICROS, false) as TimeType, which Ember lacks. */
                if (lt->unit == PQ_UNIT_MICROS && !lt->utc)
                    return pq_type_error(s, "PARQUET_TYPE_NOT_SUPPORTED", e);
                return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
            }
            t = ty_long();
            conv = lt->unit == PQ_UNIT_NANOS    ? PQ_CONV_NANOS_US
                   : lt->unit == PQ_UNIT_MILLIS ? PQ_CONV_MILLIS_US
                                                : PQ_CONV_COPY;
            break;
        default:
            return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
        }
        break;
    case PQ_INT96:
        if (!o->int96_as_timestamp)
            return pq_msg_error(s, "INT96 is not supported unless it's interpreted as timestamp. "
                                   "Please try to set spark.sql.parquet.int96AsTimestamp to true.");
        t = ty_timestamp();
        conv = PQ_CONV_INT96_US;
        break;
    case PQ_BYTE_ARRAY:
        switch (lt->kind) {
        case PQ_LT_STRING:
        case PQ_LT_ENUM:
        case PQ_LT_JSON:
            t = ty_string();
            conv = PQ_CONV_BYTES;
            break;
        case PQ_LT_NONE:
            t = o->binary_as_string ? ty_string() : ty_binary();
            conv = PQ_CONV_BYTES;
            break;
        case PQ_LT_BSON:
            t = ty_binary();
            conv = PQ_CONV_BYTES;
            break;
        case PQ_LT_DECIMAL:
            if (pq_decimal_type(s, e, -1, &t))
                return EM_EUSER;
            conv = PQ_CONV_BE_DEC;
            break;
        default:
            return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
        }
        break;
    case PQ_FIXED_LEN_BYTE_ARRAY:
        switch (lt->kind) {
        case PQ_LT_DECIMAL:
            if (pq_decimal_type(s, e, pq_max_precision_for_bytes(e->type_length), &t))
                return EM_EUSER;
            conv = PQ_CONV_BE_DEC;
            break;
        case PQ_LT_INTERVAL:
            return pq_type_error(s, "PARQUET_TYPE_NOT_SUPPORTED", e);
        case PQ_LT_NONE:
            t = ty_binary();
            conv = PQ_CONV_BYTES;
            break;
        case PQ_LT_FLOAT16:
            if (strict || e->type_length != 2)
                return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
            t = ty_float();
            conv = PQ_CONV_F16_F32;
            break;
        case PQ_LT_UUID:
            if (strict)
                return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
            t = ty_binary();
            conv = PQ_CONV_BYTES;
            break;
        default:
            return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
        }
        break;
    default:
        return pq_type_error(s, "PARQUET_TYPE_ILLEGAL", e);
    }
done:
    lf->info.type = t;
    lf->conv = conv;
    lf->out_width = conv == PQ_CONV_NULL ? 0 : ty_fixed_width(t);
    return 0;
}

/* ---- leaves ------------------------------------------------------------------------------------
 */

static int pq_collect_leaves(pq_sctx *s, const pq_pnode *p, em_str *path, int top)
{
    const pq_schema_elem *e = pq_el(s, p);
    size_t mark = path->len;
    if (path->len)
        em_str_putc(path, '.');
    em_str_puts(path, e->name);
    if (p->leaf >= 0) {
        pq_leaf *lf = &s->f->leaves[p->leaf];
        lf->elem = p->elem;
        lf->info.path = em_arena_strndup(&s->f->arena, path->data, path->len);
        lf->info.top_level = top;
        lf->info.physical = (pq_physical)e->type;
        lf->info.type_length = e->type == PQ_FIXED_LEN_BYTE_ARRAY ? e->type_length : 0;
        lf->info.max_def = p->max_def;
        lf->info.max_rep = p->max_rep;
        lf->def_bits = pq_bit_width((uint32_t)p->max_def);
        lf->rep_bits = pq_bit_width((uint32_t)p->max_rep);
        if (pq_map_leaf(s, e, lf))
            return EM_EUSER;
    }
    for (int i = 0; i < p->n_children; i++)
        if (pq_collect_leaves(s, &p->children[i], path, top))
            return EM_EUSER;
    path->len = mark;
    path->data[mark] = 0;
    return 0;
}

/* ---- Spark nodes --------------------------------------------------------------------------------
 */

static pq_node *pq_node_new(pq_sctx *s, pq_node_kind kind, int n_children)
{
    pq_node *n = em_arena_calloc(&s->f->arena, 1, sizeof *n);
    n->kind = kind;
    n->n_children = n_children;
    n->children = em_arena_calloc(&s->f->arena, (size_t)n_children + 1, sizeof *n->children);
    return n;
}

static int pq_convert(pq_sctx *s, const pq_pnode *p, int16_t anc_def, int16_t rep, bool as_element,
                      pq_node **out);

/* Spark's isElementType: the repeated child of a LIST is itself the element when it is a
 * primitive, a group of several fields, or named "array" or "<list>_tuple". */
static bool pq_is_element(const pq_sctx *s, const pq_pnode *c, const char *list_name)
{
    const pq_schema_elem *e = pq_el(s, c);
    if (c->leaf >= 0 || c->n_children > 1 || strcmp(e->name, "array") == 0)
        return true;
    size_t n = strlen(list_name);
    return strncmp(e->name, list_name, n) == 0 && strcmp(e->name + n, "_tuple") == 0;
}

static void pq_node_finish(pq_node *n)
{
    if (n->kind == PQ_NODE_LEAF) {
        n->n_leaves = 1;
        return;
    }
    n->leaf = n->n_children ? n->children[0]->leaf : -1;
    n->n_leaves = 0;
    for (int i = 0; i < n->n_children; i++)
        n->n_leaves += n->children[i]->n_leaves;
}

static int pq_invalid(pq_sctx *s, const char *what, const pq_schema_elem *e)
{
    char msg[200];
    snprintf(msg, sizeof msg, "Invalid %s type %s", what, e->name);
    return pq_msg_error(s, msg);
}

static int pq_convert_list(pq_sctx *s, const pq_pnode *p, int16_t anc_def, int16_t rep,
                           pq_node **out)
{
    const pq_schema_elem *e = pq_el(s, p);
    if (p->n_children != 1)
        return pq_invalid(s, "list", e);
    const pq_pnode *c = &p->children[0];
    if (pq_el(s, c)->repetition != PQ_REPEATED)
        return pq_invalid(s, "list", e);
    pq_node *elem;
    bool contains_null;
    if (pq_is_element(s, c, e->name)) {
        if (pq_convert(s, c, c->max_def, c->max_rep, true, &elem))
            return EM_EUSER;
        contains_null = false;
    } else {
        if (c->n_children != 1)
            return pq_invalid(s, "list", e);
        const pq_pnode *el = &c->children[0];
        if (pq_el(s, el)->repetition == PQ_REPEATED)
            return pq_invalid(s, "list", e);
        if (pq_convert(s, el, c->max_def, c->max_rep, false, &elem))
            return EM_EUSER;
        contains_null = pq_el(s, el)->repetition == PQ_OPTIONAL;
    }
    pq_node *n = pq_node_new(s, PQ_NODE_LIST, 1);
    n->children[0] = elem;
    n->def = p->max_def;
    n->rep = rep;
    n->anc_def = anc_def;
    n->elem_def = c->max_def;
    n->type = ty_array(s->f->type_arena, elem->type, contains_null);
    pq_node_finish(n);
    *out = n;
    return 0;
}

static int pq_convert_map(pq_sctx *s, const pq_pnode *p, int16_t anc_def, int16_t rep,
                          pq_node **out)
{
    const pq_schema_elem *e = pq_el(s, p);
    if (p->n_children != 1 || p->children[0].leaf >= 0)
        return pq_invalid(s, "map", e);
    const pq_pnode *kv = &p->children[0];
    if (pq_el(s, kv)->repetition != PQ_REPEATED || kv->n_children != 2)
        return pq_invalid(s, "map", e);
    const pq_pnode *k = &kv->children[0], *v = &kv->children[1];
    if (pq_el(s, k)->repetition == PQ_REPEATED || pq_el(s, v)->repetition == PQ_REPEATED)
        return pq_invalid(s, "map", e);
    pq_node *n = pq_node_new(s, PQ_NODE_MAP, 2);
    if (pq_convert(s, k, kv->max_def, kv->max_rep, false, &n->children[0]) ||
        pq_convert(s, v, kv->max_def, kv->max_rep, false, &n->children[1]))
        return EM_EUSER;
    n->def = p->max_def;
    n->rep = rep;
    n->anc_def = anc_def;
    n->elem_def = kv->max_def;
    n->type = ty_map(s->f->type_arena, n->children[0]->type, n->children[1]->type,
                     pq_el(s, v)->repetition == PQ_OPTIONAL);
    pq_node_finish(n);
    *out = n;
    return 0;
}

static int pq_convert_struct(pq_sctx *s, const pq_pnode *p, int16_t anc_def, int16_t rep,
                             pq_node **out)
{
    const pq_schema_elem *e = pq_el(s, p);
    if (p->n_children == 0) {
        pq_fail("group '%s' has no fields", e->name);
        return pq_schema_corrupt(s);
    }
    pq_node *n = pq_node_new(s, PQ_NODE_STRUCT, p->n_children);
    ty_field *fields = em_arena_calloc(&s->f->arena, (size_t)p->n_children, sizeof *fields);
    for (int i = 0; i < p->n_children; i++) {
        const pq_pnode *c = &p->children[i];
        if (pq_convert(s, c, anc_def, rep, false, &n->children[i]))
            return EM_EUSER;
        fields[i].name = pq_el(s, c)->name;
        fields[i].type = n->children[i]->type;
        fields[i].nullable = pq_el(s, c)->repetition == PQ_OPTIONAL;
    }
    n->def = p->max_def;
    n->rep = rep;
    n->anc_def = anc_def;
    n->elem_def = INT16_MAX;
    n->type = ty_struct(s->f->type_arena, p->n_children, fields);
    pq_node_finish(n);
    *out = n;
    return 0;
}

/*
 * Converts parquet node p whose slots are the entries with def >= anc_def and rep <= rep.
 * as_element: p is a repeated node standing for a list element (its repetition is consumed by
 * the list).
 */
static int pq_convert(pq_sctx *s, const pq_pnode *p, int16_t anc_def, int16_t rep, bool as_element,
                      pq_node **out)
{
    const pq_schema_elem *e = pq_el(s, p);
    if (!as_element && e->repetition == PQ_REPEATED) {
        /* A repeated field outside LIST/MAP: a required array of required elements. */
        pq_node *elem;
        if (pq_convert(s, p, p->max_def, p->max_rep, true, &elem))
            return EM_EUSER;
        pq_node *n = pq_node_new(s, PQ_NODE_LIST, 1);
        n->children[0] = elem;
        n->def = (int16_t)(p->max_def - 1);
        n->rep = rep;
        n->anc_def = anc_def;
        n->elem_def = p->max_def;
        n->type = ty_array(s->f->type_arena, elem->type, false);
        pq_node_finish(n);
        *out = n;
        return 0;
    }
    if (p->leaf >= 0) {
        pq_leaf *lf = &s->f->leaves[p->leaf];
        pq_node *n = pq_node_new(s, PQ_NODE_LEAF, 0);
        n->leaf = p->leaf;
        n->def = p->max_def;
        n->rep = rep;
        n->anc_def = anc_def;
        n->elem_def = INT16_MAX;
        n->type = lf->info.type;
        lf->anc_def = anc_def;
        pq_node_finish(n);
        *out = n;
        return 0;
    }
    switch (e->logical.kind) {
    case PQ_LT_LIST:
        return pq_convert_list(s, p, anc_def, rep, out);
    case PQ_LT_MAP:
    case PQ_LT_MAP_KEY_VALUE:
        return pq_convert_map(s, p, anc_def, rep, out);
    case PQ_LT_NONE:
    case PQ_LT_OTHER:
        return pq_convert_struct(s, p, anc_def, rep, out);
    default: {
        char field[200], ann[96];
        pq_ann_string(e, ann, sizeof ann);
        snprintf(field, sizeof field, "%s group %s (%s)",
                 e->repetition == PQ_REQUIRED   ? "required"
                 : e->repetition == PQ_REPEATED ? "repeated"
                                                : "optional",
                 e->name, ann);
        pq_fail("group '%s' with annotation %s", e->name, ann);
        return em_error_set(s->err, "PARQUET_TYPE_NOT_RECOGNIZED", "field", field, NULL);
    }
    }
}

int pq_schema_build(pq_file *f, em_error *err)
{
    pq_sctx s = {f, err, 0, 0};
    const pq_meta *m = &f->meta;
    if (m->n_schema < 1) {
        pq_fail("schema: no elements");
        return pq_schema_corrupt(&s);
    }
    pq_pnode root;
    if (pq_ptree(&s, 0, 0, 0, &root))
        return EM_EIO;
    if (s.pos != m->n_schema) {
        pq_fail("schema: %d elements, the tree uses %d", m->n_schema, s.pos);
        return pq_schema_corrupt(&s);
    }
    f->n_leaves = s.n_leaves;
    f->leaves = em_arena_calloc(&f->arena, (size_t)s.n_leaves + 1, sizeof *f->leaves);
    em_str path;
    em_str_init(&path, 1 << 20);
    for (int i = 0; i < root.n_children; i++) {
        path.len = 0;
        if (pq_collect_leaves(&s, &root.children[i], &path, i)) {
            em_str_release(&path);
            return EM_EUSER;
        }
    }
    bool overflow = path.overflow;
    em_str_release(&path);
    if (overflow) {
        pq_fail("schema: column paths too long");
        return pq_schema_corrupt(&s);
    }
    f->n_cols = root.n_children;
    f->cols = em_arena_calloc(&f->arena, (size_t)f->n_cols + 1, sizeof *f->cols);
    ty_field *fields = em_arena_calloc(&f->arena, (size_t)f->n_cols + 1, sizeof *fields);
    for (int i = 0; i < f->n_cols; i++) {
        const pq_pnode *c = &root.children[i];
        if (pq_convert(&s, c, 0, 0, false, &f->cols[i]))
            return EM_EUSER;
        fields[i].name = pq_el(&s, c)->name;
        fields[i].type = f->cols[i]->type;
        fields[i].nullable = pq_el(&s, c)->repetition == PQ_OPTIONAL;
    }
    f->schema = ty_struct(f->type_arena, f->n_cols, fields);
    /* Every row group must hold one chunk per leaf. */
    for (int32_t g = 0; g < m->n_row_groups; g++) {
        if (m->row_groups[g].n_columns != f->n_leaves) {
            pq_fail("row group %d has %d column chunks, the schema %d leaves", g,
                    m->row_groups[g].n_columns, f->n_leaves);
            return pq_schema_corrupt(&s);
        }
    }
    return 0;
}
