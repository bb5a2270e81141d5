/*
 * pq_file: opening a Parquet file (read-only mmap of the whole file, or a caller's buffer),
 * locating and decoding the footer (trailing "PAR1", 4-byte footer length, Thrift FileMetaData),
 * building the schema, and the read-only accessors of pq.h: metadata, key-value pairs, leaves
 * and column-chunk statistics. Also the error plumbing shared by the module (pq_fail / pq_raise
 * and the thread-local detail text).
 *
 * The leading magic is not checked (pyarrow and DuckDB read such files too); everything the
 * footer says is validated before use, and page data is only touched by readers.
 */
#include "io/parquet/pq_int.h"

#include "common/em_log.h"
#include "common/em_mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- errors -------------------------------------------------------------------------------------
 */

static _Thread_local char pq_detail[512];

int pq_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(pq_detail, sizeof pq_detail, fmt, ap);
    va_end(ap);
    return EM_EIO;
}

const char *pq_last_error_detail(void)
{
    return pq_detail;
}

int pq_raise(em_error *err, const char *sub, const char *path)
{
    char cls[64];
    snprintf(cls, sizeof cls, "FAILED_READ_FILE.%s", sub);
    EM_LOG_DEBUG("parquet: %s: %s: %s", cls, path ? path : "", pq_detail);
    int rc = em_error_set(err, cls, "path", path ? path : "", NULL);
    return rc ? rc : EM_EIO;
}

/* ---- options ------------------------------------------------------------------------------------
 */

void pq_options_init(pq_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->spark_strict_types = false;
    opt->binary_as_string = false;
    opt->int96_as_timestamp = true;
    opt->infer_timestamp_ntz = true;
    opt->nanos_as_long = false;
    opt->verify_crc = false;
    opt->batch_rows = VEC_BATCH_ROWS;
    opt->max_page_bytes = (int64_t)256 << 20;
    opt->max_batch_values = (int64_t)1 << 24;
}

/* ---- open / close
 * -------------------------------------------------------------------------------- */

static int pq_read_footer(pq_file *f, em_error *err)
{
    static const uint8_t magic[4] = {'P', 'A', 'R', '1'};
    if (f->len < 12) {
        pq_fail("file of %zu bytes is too small to be a Parquet file", f->len);
        return pq_raise(err, "CANNOT_READ_FILE_FOOTER", f->path);
    }
    const uint8_t *tail = f->data + f->len - 8;
    if (memcmp(tail + 4, "PARE", 4) == 0) {
        pq_fail("encrypted footers are not supported");
        return pq_raise(err, "CANNOT_READ_FILE_FOOTER", f->path);
    }
    if (memcmp(tail + 4, magic, 4) != 0) {
        pq_fail("Parquet magic bytes not found in footer");
        return pq_raise(err, "CANNOT_READ_FILE_FOOTER", f->path);
    }
    uint32_t footer_len;
    memcpy(&footer_len, tail, 4);
    if ((uint64_t)footer_len + 12 > f->len || footer_len == 0) {
        pq_fail("footer length %u does not fit in a file of %zu bytes", footer_len, f->len);
        return pq_raise(err, "CANNOT_READ_FILE_FOOTER", f->path);
    }
    const uint8_t *footer = tail - footer_len;
    if (pq_meta_decode(footer, footer_len, &f->arena, &f->meta))
        return pq_raise(err, "CANNOT_READ_FILE_FOOTER", f->path);
    if (f->meta.encrypted) {
        pq_fail("encrypted files are not supported");
        return pq_raise(err, "CANNOT_READ_FILE_FOOTER", f->path);
    }
    return 0;
}

static int pq_open_common(const uint8_t *data, size_t len, bool mapped, const char *path,
                          const pq_options *opt, em_arena *type_arena, pq_file **out, em_error *err)
{
    pq_file *f = em_calloc(1, sizeof *f);
    f->data = data;
    f->len = len;
    f->mapped = mapped;
    f->path = em_strdup(path ? path : "");
    if (opt)
        f->opt = *opt;
    else
        pq_options_init(&f->opt);
    if (f->opt.batch_rows < 1 || f->opt.batch_rows > VEC_BATCH_ROWS)
        f->opt.batch_rows = f->opt.batch_rows < 1 ? 1 : VEC_BATCH_ROWS;
    if (f->opt.max_page_bytes < 1 || f->opt.max_page_bytes > INT32_MAX - 16)
        f->opt.max_page_bytes = INT32_MAX - 16;
    if (f->opt.max_batch_values < f->opt.batch_rows)
        f->opt.max_batch_values = f->opt.batch_rows;
    em_arena_init(&f->arena, 0);
    f->type_arena = type_arena ? type_arena : &f->arena;
    pq_detail[0] = 0;
    int rc = pq_read_footer(f, err);
    if (rc == 0)
        rc = pq_schema_build(f, err);
    if (rc) {
        pq_file_close(f);
        return rc;
    }
    *out = f;
    return 0;
}

int pq_file_open(const char *path, const pq_options *opt, em_arena *type_arena, pq_file **out,
                 em_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        pq_fail("open: %s", strerror(e));
        return pq_raise(err, e == ENOENT ? "FILE_NOT_EXIST" : "NO_HINT", path);
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        pq_fail("not a regular file");
        return pq_raise(err, "NO_HINT", path);
    }
    size_t len = (size_t)st.st_size;
    const uint8_t *data = NULL;
    if (len > 0) {
        void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) {
            int e = errno;
            close(fd);
            pq_fail("mmap: %s", strerror(e));
            return pq_raise(err, "NO_HINT", path);
        }
        data = m;
    }
    close(fd);
    return pq_open_common(data, len, len > 0, path, opt, type_arena, out, err);
}

int pq_file_open_buffer(const void *data, size_t len, const char *path, const pq_options *opt,
                        em_arena *type_arena, pq_file **out, em_error *err)
{
    *out = NULL;
    return pq_open_common(data, len, false, path, opt, type_arena, out, err);
}

void pq_file_close(pq_file *f)
{
    if (!f)
        return;
    if (f->mapped)
        munmap((void *)(uintptr_t)f->data, f->len);
    em_arena_release(&f->arena);
    em_free(f->path);
    em_free(f);
}

/* ---- accessors ----------------------------------------------------------------------------------
 */

const ty *pq_file_schema(const pq_file *f)
{
    return f->schema;
}

int64_t pq_file_num_rows(const pq_file *f)
{
    return f->meta.num_rows;
}

int pq_file_num_row_groups(const pq_file *f)
{
    return f->meta.n_row_groups;
}

int64_t pq_file_row_group_num_rows(const pq_file *f, int rg)
{
    return rg >= 0 && rg < f->meta.n_row_groups ? f->meta.row_groups[rg].num_rows : 0;
}

const char *pq_file_created_by(const pq_file *f)
{
    return f->meta.created_by;
}

int pq_file_kv_count(const pq_file *f)
{
    return f->meta.n_kv;
}

void pq_file_kv(const pq_file *f, int i, const char **key, const char **value, int32_t *value_len)
{
    const pq_kv *kv = &f->meta.kv[i];
    *key = kv->key;
    *value = kv->value;
    *value_len = kv->value_len;
}

const char *pq_file_kv_get(const pq_file *f, const char *key, int32_t *value_len)
{
    for (int32_t i = 0; i < f->meta.n_kv; i++) {
        if (strcmp(f->meta.kv[i].key, key) == 0) {
            if (value_len)
                *value_len = f->meta.kv[i].value_len;
            return f->meta.kv[i].value;
        }
    }
    return NULL;
}

int pq_file_num_leaves(const pq_file *f)
{
    return f->n_leaves;
}

const pq_leaf_info *pq_file_leaf(const pq_file *f, int leaf)
{
    return &f->leaves[leaf].info;
}

void pq_file_column_leaves(const pq_file *f, int col, int *first_leaf, int *n_leaves)
{
    *first_leaf = f->cols[col]->leaf;
    *n_leaves = f->cols[col]->n_leaves;
}

/* ---- statistics
 * ---------------------------------------------------------------------------------- */

/* The deprecated min/max were compared as signed values: usable only for signed numbers. */
static bool pq_legacy_stats_ok(const pq_leaf *lf)
{
    switch (lf->info.physical) {
    case PQ_BOOLEAN:
    case PQ_FLOAT:
    case PQ_DOUBLE:
        return true;
    case PQ_INT32:
    case PQ_INT64:
        return !(lf->logical.kind == PQ_LT_INTEGER && !lf->logical.is_signed);
    default:
        return false;
    }
}

int pq_file_column_stats(const pq_file *f, int rg, int leaf, pq_stats *out, em_error *err)
{
    memset(out, 0, sizeof *out);
    if (rg < 0 || rg >= f->meta.n_row_groups || leaf < 0 || leaf >= f->n_leaves)
        return em_error_internal(err, "pq_file_column_stats: row group %d / leaf %d out of range",
                                 rg, leaf);
    const pq_column_chunk *cc = &f->meta.row_groups[rg].columns[leaf];
    const pq_leaf *lf = &f->leaves[leaf];
    if (!cc->has_meta)
        return 0;
    out->num_values = cc->meta.num_values;
    if (!cc->meta.has_stats)
        return 0;
    const pq_stats_raw *st = &cc->meta.stats;
    out->has_null_count = st->has_null_count && st->null_count >= 0;
    out->null_count = st->null_count;
    if (lf->conv == PQ_CONV_NULL || lf->info.physical == PQ_INT96)
        return 0; /* no usable order */
    if (st->has_min_value && st->has_max_value) {
        out->has_min_max = true;
        out->min = st->min_value;
        out->min_len = st->min_value_len;
        out->max = st->max_value;
        out->max_len = st->max_value_len;
        out->min_exact = st->has_exact_min && st->exact_min;
        out->max_exact = st->has_exact_max && st->exact_max;
    } else if (st->has_min && st->has_max && pq_legacy_stats_ok(lf)) {
        out->has_min_max = true;
        out->legacy = true;
        out->min = st->min;
        out->min_len = st->min_len;
        out->max = st->max;
        out->max_len = st->max_len;
    }
    return 0;
}

int pq_stats_decode(const pq_file *f, int leaf, const uint8_t *raw, int32_t len, pq_value *out,
                    em_error *err)
{
    memset(out, 0, sizeof *out);
    if (leaf < 0 || leaf >= f->n_leaves)
        return em_error_internal(err, "pq_stats_decode: leaf %d out of range", leaf);
    const pq_leaf *lf = &f->leaves[leaf];
    const ty *t = lf->info.type;
    out->kind = t->kind;
    if (lf->conv == PQ_CONV_NULL || lf->info.physical == PQ_INT96)
        return em_error_internal(err, "pq_stats_decode: column %s has no ordered statistics",
                                 lf->info.path);
    if (lf->conv == PQ_CONV_BYTES) {
        out->v.bytes.ptr = (const char *)raw;
        out->v.bytes.len = len;
        return 0;
    }
    uint8_t buf[16] = {0};
    if (lf->info.physical == PQ_BYTE_ARRAY ||
        (lf->info.physical == PQ_FIXED_LEN_BYTE_ARRAY && lf->conv == PQ_CONV_BE_DEC)) {
        pq_view view = {raw, len};
        if (len < 0 || pq_convert_views(lf->conv, &view, buf, 1))
            return pq_raise(err, "NO_HINT", f->path);
    } else if (lf->info.physical == PQ_BOOLEAN) {
        if (len < 1) {
            pq_fail("column %s: statistics value of %d bytes", lf->info.path, len);
            return pq_raise(err, "NO_HINT", f->path);
        }
        buf[0] = raw[0] & 1;
    } else {
        if (len != lf->phys_width) {
            pq_fail("column %s: statistics value of %d bytes", lf->info.path, len);
            return pq_raise(err, "NO_HINT", f->path);
        }
        if (pq_convert_fixed(lf->conv, lf->phys_width, raw, buf, 1))
            return pq_raise(err, "NO_HINT", f->path);
    }
    switch (t->kind) {
    case TY_BOOLEAN:
        out->v.i64 = buf[0];
        break;
    case TY_BYTE:
        out->v.i64 = (int8_t)buf[0];
        break;
    case TY_SHORT: {
        int16_t v;
        memcpy(&v, buf, 2);
        out->v.i64 = v;
        break;
    }
    case TY_INT:
    case TY_DATE: {
        int32_t v;
        memcpy(&v, buf, 4);
        out->v.i64 = v;
        break;
    }
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
        memcpy(&out->v.i64, buf, 8);
        break;
    case TY_FLOAT: {
        float v;
        memcpy(&v, buf, 4);
        out->v.f64 = v;
        break;
    }
    case TY_DOUBLE:
        memcpy(&out->v.f64, buf, 8);
        break;
    case TY_DECIMAL:
        memcpy(&out->v.dec, buf, 16);
        break;
    default:
        return em_error_internal(err, "pq_stats_decode: unexpected type kind %d", (int)t->kind);
    }
    return 0;
}
