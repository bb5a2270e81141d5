/*
 * io_write: the writer entry points (DataFrameWriter.save over the file formats): the checks
 * Spark makes before a write (format, partition columns, mode against the destination, data
 * types, options), the routing of rows to part files — one per partition folder, rolled over at
 * maxRecordsPerFile — and the commit (io_commit.c) that makes them visible at once.
 *
 * Order of the checks, as Spark makes them (DataSource.planForWritingFileFormat, then
 * InsertIntoHadoopFsRelationCommand.run, then FileFormatWriter.write): the format name; the
 * partition columns (PartitioningUtils.validatePartitionColumn: found, not duplicated, of a type
 * that can name a folder, not every column); duplicate data column names for the formats that
 * refuse them; the mode against the destination (PATH_ALREADY_EXISTS); the data types the format
 * writes (UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE); the format's options.
 *
 * Files are named as Spark's FileFormatWriter names them: part-00000-<job uuid>-c<NNN><ext>, in
 * `col=value` folders for partitioned writes (values as CAST(value AS STRING) in the session zone,
 * escaped by ExternalCatalogUtils.escapePathName; NULL and "" as __HIVE_DEFAULT_PARTITION__);
 * the partition columns are not stored in the files. An unpartitioned write creates its file at
 * open, so an empty DataFrame still leaves one (schema-only) part file, as Spark does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "io/io_write_int.h"
#include "io/source_int.h"
#include "types/ty_format.h"

#define IO_DEFAULT_PARTITION "__HIVE_DEFAULT_PARTITION__"

struct io_writer {
    io_wjob job;
    io_commit commit;
    int n_parts, cap_parts;
    io_wpart **parts;
    int *index; /* open addressing over parts by hash: part index + 1, 0 = empty */
    int index_cap;
    int64_t rows;
    em_str key; /* scratch: one row's partition path */
};

/* ---- options -------------------------------------------------------------------------------- */

const char *io_wopt(const io_wjob *job, const char *key)
{
    const char *v = NULL;
    for (int i = 0; i < job->n_options; i++)
        if (job->options[i].key && strcasecmp(job->options[i].key, key) == 0)
            v = job->options[i].value;
    return v;
}

int io_wopt_bool(const io_wjob *job, const char *key, bool dflt, bool *out, em_error *err)
{
    const char *v = io_wopt(job, key);
    *out = dflt;
    if (!v)
        return EM_OK;
    if (strcasecmp(v, "true") == 0)
        *out = true;
    else if (strcasecmp(v, "false") == 0)
        *out = false;
    else
        return em_error_set(err, "_LEGACY_ERROR_TEMP_2147", "paramName", key, NULL);
    return EM_OK;
}

int io_wopt_text_codec(const io_wjob *job, io_wcodec *out, const char **ext_suffix, em_error *err)
{
    const char *v = io_wopt(job, "compression");
    if (!v)
        v = io_wopt(job, "codec");
    *out = IO_WCODEC_NONE;
    *ext_suffix = "";
    if (!v || strcasecmp(v, "none") == 0 || strcasecmp(v, "uncompressed") == 0)
        return EM_OK;
    if (strcasecmp(v, "gzip") == 0) {
        *out = IO_WCODEC_GZIP;
        *ext_suffix = ".gz";
    } else if (strcasecmp(v, "deflate") == 0) {
        *out = IO_WCODEC_DEFLATE;
        *ext_suffix = ".deflate";
    } else if (strcmp(v, "org.apache.hadoop.io.compress.ZStandardCodec") == 0) {
        /* Not one of Spark's short names, but a Hadoop codec class Spark accepts. */
        *out = IO_WCODEC_ZSTD;
        *ext_suffix = ".zst";
    } else if (strcasecmp(v, "bzip2") == 0 || strcasecmp(v, "lz4") == 0 ||
               strcasecmp(v, "snappy") == 0) {
        char feature[160];
        snprintf(feature, sizeof feature, "writing files with the '%s' codec", v);
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature, NULL);
    } else {
        /* CompressionCodecs.getCodecClassName's error, with Spark's list of short names. */
        char lower[128];
        size_t n = strlen(v) < sizeof lower - 1 ? strlen(v) : sizeof lower - 1;
        for (size_t i = 0; i < n; i++)
            lower[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
        lower[n] = '\0';
        return em_error_set(err, "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION",
                            "codecName", lower, "availableCodecs",
                            "bzip2, deflate, uncompressed, snappy, none, lz4, gzip", NULL);
    }
    return EM_OK;
}

/* ---- partition paths ------------------------------------------------------------------------ */

static bool io_path_char_escaped(unsigned char c)
{
    return (c >= 0x01 && c <= 0x1F) || c == 0x7F || (c != 0 && strchr("\"#%'*/:=?\\{[]^", c));
}

void io_escape_path_name(const char *s, size_t len, em_str *out)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (io_path_char_escaped(c)) {
            em_str_putc(out, '%');
            em_str_putc(out, hex[c >> 4]);
            em_str_putc(out, hex[c & 15]);
        } else {
            em_str_putc(out, (char)c);
        }
    }
}

/* The relative folder of row `row`: col=value/... */
static void io_row_dir(io_writer *w, const vec_batch *b, int64_t row, em_str *out)
{
    em_str_reset(out);
    ty_format_opts fo = {.pretty = false, .decimal_plain = true, .tz = w->job.tz};
    em_str val;
    em_str_init(&val, 0);
    for (int k = 0; k < w->job.n_part; k++) {
        int col = w->job.part_cols[k];
        const char *name = w->job.schema->fields[col].name;
        if (k > 0)
            em_str_putc(out, '/');
        io_escape_path_name(name, strlen(name), out);
        em_str_putc(out, '=');
        const vec *v = b->cols[col];
        em_str_reset(&val);
        if (v->type->kind != TY_NULL && !vec_is_null(v, row))
            ty_format_cell(v, row, &fo, &val);
        if (val.len == 0 || v->type->kind == TY_NULL || vec_is_null(v, row))
            em_str_puts(out, IO_DEFAULT_PARTITION);
        else
            io_escape_path_name(val.data, val.len, out);
    }
    em_str_release(&val);
}

static uint64_t io_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void io_index_put(io_writer *w, int part_idx)
{
    int mask = w->index_cap - 1;
    for (int at = (int)(w->parts[part_idx]->hash & (uint64_t)mask);; at = (at + 1) & mask) {
        if (w->index[at] == 0) {
            w->index[at] = part_idx + 1;
            return;
        }
    }
}

/* The part of folder dir[0..len), created on first use. */
static io_wpart *io_part_get(io_writer *w, const char *dir, size_t len)
{
    uint64_t h = io_hash_bytes(dir, len);
    if (w->index_cap) {
        int mask = w->index_cap - 1;
        for (int at = (int)(h & (uint64_t)mask); w->index[at]; at = (at + 1) & mask) {
            io_wpart *p = w->parts[w->index[at] - 1];
            if (p->hash == h && strlen(p->dir) == len && memcmp(p->dir, dir, len) == 0)
                return p;
        }
    }
    if (w->n_parts == w->cap_parts) {
        w->cap_parts = w->cap_parts ? w->cap_parts * 2 : 8;
        w->parts = em_realloc(w->parts, (size_t)w->cap_parts * sizeof *w->parts);
    }
    io_wpart *p = em_calloc(1, sizeof *p);
    p->dir = em_strndup(dir, len);
    p->hash = h;
    p->file.fd = -1;
    w->parts[w->n_parts++] = p;
    if (w->n_parts * 2 > w->index_cap) {
        em_free(w->index);
        w->index_cap = w->index_cap ? w->index_cap * 2 : 32;
        while (w->n_parts * 2 > w->index_cap)
            w->index_cap *= 2;
        w->index = em_calloc((size_t)w->index_cap, sizeof *w->index);
        for (int i = 0; i < w->n_parts; i++)
            io_index_put(w, i);
    } else {
        io_index_put(w, w->n_parts - 1);
    }
    return p;
}

/* ---- part files ----------------------------------------------------------------------------- */

static int io_part_open(io_writer *w, io_wpart *p, em_error *err)
{
    if (p->dir[0] && p->file_counter == 0 && io_commit_mkdirs(&w->commit, p->dir, err))
        return EM_EIO;
    size_t n = strlen(w->commit.staging) + strlen(p->dir) + strlen(w->job.ext) + 96;
    char *path = em_malloc(n);
    snprintf(path, n, "%s/%s%spart-00000-%s-c%03d%s", w->commit.staging, p->dir,
             p->dir[0] ? "/" : "", w->job.uuid, p->file_counter, w->job.ext);
    io_wcodec codec = IO_WCODEC_NONE;
    if (strcmp(w->job.fmt->name, "parquet") != 0) {
        const char *ignored;
        io_wopt_text_codec(&w->job, &codec, &ignored, NULL);
    }
    int rc = io_wfile_open(&p->file, path, codec, err);
    em_free(path);
    if (rc)
        return rc;
    p->file_counter++;
    p->rows_in_file = 0;
    p->open = true;
    p->state = NULL;
    if (w->job.fmt->open(&w->job, &p->file, &p->state, err)) {
        io_wfile_discard(&p->file);
        p->open = false;
        return err ? err->code : EM_EUSER;
    }
    return EM_OK;
}

static int io_part_close(io_writer *w, io_wpart *p, em_error *err)
{
    if (!p->open)
        return EM_OK;
    p->open = false;
    void *st = p->state;
    p->state = NULL;
    if (w->job.fmt->finish(st, err)) {
        io_wfile_discard(&p->file);
        return err ? err->code : EM_EIO;
    }
    return io_wfile_close(&p->file, err);
}

static void io_part_discard(io_writer *w, io_wpart *p)
{
    if (p->open && p->state)
        w->job.fmt->discard(p->state);
    p->state = NULL;
    p->open = false;
    io_wfile_discard(&p->file);
}

/* Writes rows of b (data columns) to p's files, rolling over at maxRecordsPerFile. */
static int io_part_write(io_writer *w, io_wpart *p, vec_batch *b, em_error *err)
{
    int64_t done = 0;
    while (done < b->n_rows) {
        if (!p->open && io_part_open(w, p, err))
            return err ? err->code : EM_EIO;
        int64_t n = b->n_rows - done;
        if (w->job.max_records > 0 && n > w->job.max_records - p->rows_in_file)
            n = w->job.max_records - p->rows_in_file;
        int rc;
        if (done == 0 && n == b->n_rows) {
            rc = w->job.fmt->write(p->state, b, err);
        } else {
            vec_batch *s = vec_batch_new(b->n_cols, n);
            rc = EM_OK;
            for (int c = 0; c < b->n_cols && rc == EM_OK; c++) {
                s->cols[c] = vec_slice(b->cols[c], done, n, err);
                if (!s->cols[c])
                    rc = err ? err->code : EM_EINTERNAL;
            }
            if (rc == EM_OK)
                rc = w->job.fmt->write(p->state, s, err);
            vec_batch_free(s);
        }
        if (rc)
            return rc;
        p->rows_in_file += n;
        done += n;
        if (w->job.max_records > 0 && p->rows_in_file >= w->job.max_records &&
            io_part_close(w, p, err))
            return err ? err->code : EM_EIO;
    }
    return EM_OK;
}

/* ---- checks --------------------------------------------------------------------------------- */

static bool io_can_partition_on(const ty *t)
{
    switch (t->kind) {
    case TY_ARRAY:
    case TY_MAP:
    case TY_STRUCT:
    case TY_VARIANT:
    case TY_CALENDAR_INTERVAL:
    case TY_NULL:
        return false;
    case TY_STRING:
        return !t->collation || strcasecmp(t->collation, "UTF8_BINARY") == 0;
    default:
        return true;
    }
}

static int io_find_field(const ty *schema, const char *name)
{
    for (int i = 0; i < schema->n_fields; i++)
        if (strcasecmp(schema->fields[i].name, name) == 0)
            return i;
    return -1;
}

static int io_check_partitions(io_wjob *job, const io_write_spec *spec, em_error *err)
{
    const ty *schema = job->schema;
    job->n_part = spec->n_partition_by;
    job->part_cols = em_arena_calloc(&job->arena, (size_t)job->n_part + 1, sizeof(int));
    for (int k = 0; k < job->n_part; k++)
        for (int j = 0; j < k; j++)
            if (strcasecmp(spec->partition_by[k], spec->partition_by[j]) == 0) {
                char id[512];
                char lower[256];
                size_t n = strlen(spec->partition_by[k]);
                n = n < sizeof lower - 1 ? n : sizeof lower - 1;
                for (size_t i = 0; i < n; i++) {
                    char ch = spec->partition_by[k][i];
                    lower[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
                }
                lower[n] = '\0';
                io_sql_id(lower, id, sizeof id);
                return em_error_set(err, "COLUMN_ALREADY_EXISTS", "columnName", id, NULL);
            }
    for (int k = 0; k < job->n_part; k++) {
        int col = io_find_field(schema, spec->partition_by[k]);
        if (col < 0) {
            em_str cat;
            em_str_init(&cat, 0);
            ty_catalog_string(schema, &cat);
            int rc = em_error_set(err, "_LEGACY_ERROR_TEMP_1155", "col", spec->partition_by[k],
                                  "schemaCatalog", cat.data ? cat.data : "", NULL);
            em_str_release(&cat);
            return rc;
        }
        job->part_cols[k] = col;
    }
    for (int k = 0; k < job->n_part; k++) {
        const ty *t = schema->fields[job->part_cols[k]].type;
        if (!io_can_partition_on(t)) {
            char buf[512];
            io_sql_type(t, buf, sizeof buf);
            return em_error_set(err, "INVALID_PARTITION_COLUMN_DATA_TYPE", "type", buf, NULL);
        }
    }
    if (job->n_part > 0 && job->n_part == schema->n_fields)
        return em_error_set(err, "ALL_PARTITION_COLUMNS_NOT_ALLOWED", NULL);
    /* The data columns: the others, in schema order. */
    job->data_cols = em_arena_calloc(&job->arena, (size_t)schema->n_fields + 1, sizeof(int));
    ty_field *fields = em_arena_calloc(&job->arena, (size_t)schema->n_fields + 1, sizeof *fields);
    for (int i = 0; i < schema->n_fields; i++) {
        bool is_part = false;
        for (int k = 0; k < job->n_part; k++)
            is_part |= job->part_cols[k] == i;
        if (is_part)
            continue;
        fields[job->n_data] = schema->fields[i];
        fields[job->n_data].nullable = true;
        fields[job->n_data].type = io_as_nullable(&job->arena, schema->fields[i].type);
        job->data_cols[job->n_data++] = i;
    }
    job->data_schema = ty_struct(&job->arena, job->n_data, fields);
    return EM_OK;
}

/* SchemaUtils.checkColumnNameDuplication over the data columns (case-insensitive). */
static int io_check_duplicates(const io_wjob *job, em_error *err)
{
    const ty *s = job->data_schema;
    for (int i = 0; i < s->n_fields; i++)
        for (int j = 0; j < i; j++)
            if (strcasecmp(s->fields[i].name, s->fields[j].name) == 0) {
                char lower[256], id[512];
                size_t n = strlen(s->fields[i].name);
                n = n < sizeof lower - 1 ? n : sizeof lower - 1;
                for (size_t c = 0; c < n; c++) {
                    char ch = s->fields[i].name[c];
                    lower[c] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
                }
                lower[n] = '\0';
                io_sql_id(lower, id, sizeof id);
                return em_error_set(err, "COLUMN_ALREADY_EXISTS", "columnName", id, NULL);
            }
    return EM_OK;
}

static int io_check_types(const io_wjob *job, em_error *err)
{
    const ty *s = job->data_schema;
    for (int i = 0; i < s->n_fields; i++) {
        if (job->fmt->supports(s->fields[i].type))
            continue;
        char id[512], type[512];
        io_sql_id(s->fields[i].name, id, sizeof id);
        io_sql_type(s->fields[i].type, type, sizeof type);
        return em_error_set(err, "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "columnName", id,
                            "columnType", type, "format", job->fmt->display, NULL);
    }
    return EM_OK;
}

/* ---- entry points --------------------------------------------------------------------------- */

static void io_writer_free(io_writer *w)
{
    for (int i = 0; i < w->n_parts; i++) {
        io_part_discard(w, w->parts[i]);
        em_free(w->parts[i]->dir);
        em_free(w->parts[i]->sel);
        em_free(w->parts[i]);
    }
    em_free(w->parts);
    em_free(w->index);
    em_str_release(&w->key);
    io_commit_end(&w->commit);
    em_arena_release(&w->job.arena);
    em_free(w);
}

static const io_wformat *io_wformat_of(const io_format *f)
{
    if (f == &io_format_parquet)
        return &io_wformat_parquet;
    if (f == &io_format_csv)
        return &io_wformat_csv;
    if (f == &io_format_json)
        return &io_wformat_json;
    return &io_wformat_text;
}

int io_write_open(const io_write_spec *spec, io_writer **out, em_error *err)
{
    *out = NULL;
    if (!spec || !spec->path || !spec->schema || spec->schema->kind != TY_STRUCT)
        return em_error_internal(err, "io_write_open: incomplete spec");
    const io_format *rf;
    const char *fname = spec->format && spec->format[0] ? spec->format : "parquet";
    if (io_format_find(fname, true, &rf, err))
        return err ? err->code : EM_EUSER;
    io_writer *w = em_calloc(1, sizeof *w);
    io_wjob *job = &w->job;
    em_arena_init(&job->arena, 0);
    em_str_init(&w->key, 0);
    job->fmt = io_wformat_of(rf);
    job->mode = spec->mode;
    job->n_options = spec->n_options;
    job->options = em_arena_calloc(&job->arena, (size_t)spec->n_options + 1, sizeof(io_option));
    for (int i = 0; i < spec->n_options; i++) {
        job->options[i].key = em_arena_strdup(&job->arena, spec->options[i].key);
        job->options[i].value = em_arena_strdup(&job->arena, spec->options[i].value);
    }
    job->compression_default = em_arena_strdup(
        &job->arena, spec->compression_default ? spec->compression_default : "snappy");
    const char *zone = io_wopt(job, "timeZone");
    if (!zone)
        zone = spec->time_zone ? spec->time_zone : "UTC";
    job->tz_name = em_arena_strdup(&job->arena, zone);
    job->tz = ty_tz_get(zone);
    if (!job->tz)
        job->tz = ty_tz_utc();
    job->schema = ty_copy(&job->arena, spec->schema);
    em_uuid_v4(job->uuid);
    const char *mr = io_wopt(job, "maxRecordsPerFile");
    if (mr) {
        char *end;
        long long v = strtoll(mr, &end, 10);
        job->max_records = *end == '\0' && v > 0 ? v : 0;
    }
    int rc = io_check_partitions(job, spec, err);
    if (rc == EM_OK && strcmp(job->fmt->name, "csv") != 0)
        rc = io_check_duplicates(job, err);
    bool skip = false;
    if (rc == EM_OK)
        rc = io_commit_begin(&w->commit, spec->path, spec->mode, job->uuid, &skip, err);
    if (rc == EM_OK && skip) {
        io_writer_free(w);
        return EM_OK;
    }
    if (rc == EM_OK)
        rc = io_check_types(job, err);
    if (rc == EM_OK)
        rc = job->fmt->prepare(job, err);
    if (rc == EM_OK && job->n_part == 0) {
        io_wpart *p = io_part_get(w, "", 0);
        rc = io_part_open(w, p, err);
    }
    if (rc) {
        io_writer_free(w);
        return rc;
    }
    *out = w;
    return EM_OK;
}

int io_write_batch(io_writer *w, const vec_batch *batch, em_error *err)
{
    if (!w || !batch || batch->n_rows == 0)
        return EM_OK;
    if (batch->n_cols != w->job.schema->n_fields)
        return em_error_internal(err, "io_write_batch: %d columns, schema has %d", batch->n_cols,
                                 w->job.schema->n_fields);
    int rc = EM_OK;
    if (w->job.n_part == 0) {
        vec_batch *b = vec_batch_new(w->job.n_data, batch->n_rows);
        for (int c = 0; c < w->job.n_data; c++)
            b->cols[c] = vec_retain(batch->cols[w->job.data_cols[c]]);
        rc = io_part_write(w, w->parts[0], b, err);
        vec_batch_free(b);
    } else {
        for (int64_t r = 0; r < batch->n_rows; r++) {
            io_row_dir(w, batch, r, &w->key);
            io_wpart *p = io_part_get(w, w->key.data ? w->key.data : "", w->key.len);
            if (p->n_sel == p->cap_sel) {
                p->cap_sel = p->cap_sel ? p->cap_sel * 2 : 64;
                p->sel = em_realloc(p->sel, (size_t)p->cap_sel * sizeof *p->sel);
            }
            p->sel[p->n_sel++] = r;
        }
        for (int i = 0; i < w->n_parts; i++) {
            io_wpart *p = w->parts[i];
            if (p->n_sel == 0)
                continue;
            vec_batch *b = vec_batch_new(w->job.n_data, p->n_sel);
            for (int c = 0; c < w->job.n_data && rc == EM_OK; c++) {
                b->cols[c] = vec_take(batch->cols[w->job.data_cols[c]], p->sel, p->n_sel, err);
                if (!b->cols[c])
                    rc = err ? err->code : EM_EINTERNAL;
            }
            p->n_sel = 0;
            if (rc == EM_OK)
                rc = io_part_write(w, p, b, err);
            vec_batch_free(b);
            if (rc)
                break;
        }
        for (int i = 0; i < w->n_parts; i++)
            w->parts[i]->n_sel = 0;
    }
    if (rc == EM_OK)
        w->rows += batch->n_rows;
    return rc;
}

int io_write_commit(io_writer *w, em_error *err)
{
    if (!w)
        return EM_OK;
    int rc = EM_OK;
    for (int i = 0; i < w->n_parts && rc == EM_OK; i++)
        rc = io_part_close(w, w->parts[i], err);
    if (rc == EM_OK && io_commit_test_hook)
        io_commit_test_hook("closed");
    if (rc == EM_OK) {
        size_t n = strlen(w->commit.staging) + 16;
        char *path = em_malloc(n);
        snprintf(path, n, "%s/_SUCCESS", w->commit.staging);
        io_wfile f;
        rc = io_wfile_open(&f, path, IO_WCODEC_NONE, err);
        if (rc == EM_OK)
            rc = io_wfile_close(&f, err);
        em_free(path);
    }
    if (rc == EM_OK && io_commit_test_hook)
        io_commit_test_hook("success");
    if (rc == EM_OK)
        rc = io_commit_publish(&w->commit, w->job.mode, err);
    io_writer_free(w);
    return rc;
}

void io_write_abort(io_writer *w)
{
    if (w)
        io_writer_free(w);
}

int64_t io_write_rows(const io_writer *w)
{
    return w ? w->rows : 0;
}
