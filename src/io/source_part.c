/*
 * source_part: hive-style partition discovery (Spark's PartitioningUtils.parsePartitions).
 *
 * Every folder that directly holds listed files is a leaf. Walking up from a leaf to a base
 * folder (a root the user gave, the parent of a root file, or the "basePath" option), each name
 * "key=value" is a partition column; the walk stops early at a name without "=" once columns
 * were found, and a "_temporary" folder drops the leaf. Then, as Spark:
 *  - leaves with columns must share one base folder (CONFLICTING_DIRECTORY_STRUCTURES) and the
 *    same column names (CONFLICTING_PARTITION_COLUMN_NAMES); files of leaves without columns
 *    are not read when the data set is partitioned;
 *  - each value's type is inferred (int, bigint, decimal(p,0), double, timestamp, date, string;
 *    "__HIVE_DEFAULT_PARTITION__" is NULL) unless the user schema names the column, then the
 *    column's type is the widest of its values (findWiderTypeForPartitionColumn);
 *  - values are cast to the column type; a value that does not cast raises
 *    INVALID_PARTITION_VALUE (spark.sql.sources.validatePartitionColumns) or becomes NULL.
 * Names and string values are unescaped (%XX, each byte one char, as unescapePathName).
 * recursiveFileLookup=true turns discovery off.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "io/source_int.h"
#include "types/ty_dec.h"

#define IO_DEFAULT_PARTITION "__HIVE_DEFAULT_PARTITION__"

typedef struct io_leaf {
    const char *dir;    /* the leaf folder */
    int n_cols;         /* partition columns found (0 = none) */
    const char **names; /* unescaped column names, outermost first */
    const char **raw;   /* raw values */
    const ty **types;   /* inferred or user types */
    const char *base;   /* where the walk stopped */
    bool dropped;       /* under _temporary */
} io_leaf;

/* ExternalCatalogUtils.unescapePathName: "%XX" with two hex digits is the char U+00XX. */
static char *io_unescape(em_arena *a, const char *s, size_t n)
{
    em_str b;
    em_str_init(&b, 1 << 20);
    for (size_t i = 0; i < n; i++) {
        int hi = -1, lo = -1;
        if (s[i] == '%' && i + 2 < n) {
            char h = s[i + 1], l = s[i + 2];
            hi = (h >= '0' && h <= '9')   ? h - '0'
                 : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                 : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                          : -1;
            lo = (l >= '0' && l <= '9')   ? l - '0'
                 : (l >= 'a' && l <= 'f') ? l - 'a' + 10
                 : (l >= 'A' && l <= 'F') ? l - 'A' + 10
                                          : -1;
        }
        if (hi >= 0 && lo >= 0) {
            unsigned c = (unsigned)(hi << 4 | lo);
            if (c < 0x80) {
                em_str_putc(&b, (char)c);
            } else { /* a Latin-1 char, stored as UTF-8 */
                em_str_putc(&b, (char)(0xC0 | (c >> 6)));
                em_str_putc(&b, (char)(0x80 | (c & 0x3F)));
            }
            i += 2;
        } else {
            em_str_putc(&b, s[i]);
        }
    }
    char *r = em_arena_strndup(a, b.data ? b.data : "", b.len);
    em_str_release(&b);
    return r;
}

/* ---- inference ------------------------------------------------------------------------------ */

static const ty *io_user_type(const io_source *s, const ty *user, const char *name,
                              const char **spelled)
{
    if (!user)
        return NULL;
    for (int i = 0; i < user->n_fields; i++)
        if (s->conf.case_sensitive ? strcmp(user->fields[i].name, name) == 0
                                   : strcasecmp(user->fields[i].name, name) == 0) {
            if (spelled)
                *spelled = user->fields[i].name;
            return user->fields[i].type;
        }
    return NULL;
}

/* inferPartitionColumnValue. */
static const ty *io_infer_value(io_source *s, const char *raw, ty_dtfmt *ts_fmt, ty_dtfmt *date_fmt)
{
    size_t n = strlen(raw);
    if (!s->conf.partition_type_inference)
        return strcmp(raw, IO_DEFAULT_PARTITION) == 0 ? ty_null() : ty_string();
    int32_t i32;
    int64_t i64;
    if (io_java_int(raw, n, &i32))
        return ty_int();
    if (io_java_long(raw, n, &i64))
        return ty_long();
    int p, sc;
    if (io_bigdec_shape(raw, n, &p, &sc) && sc <= 0) {
        /* Decimal(BigDecimal) drops a negative scale: the integer's own digits. */
        int digits = p - sc;
        if (digits <= TY_DECIMAL_MAX_PRECISION)
            return ty_decimal(s->arena, digits, 0);
    }
    double d;
    if (io_java_double(raw, n, false, &d))
        return ty_double();
    char *un = io_unescape(s->arena, raw, n);
    int64_t micros;
    char msg[128];
    if (ts_fmt) {
        bool ntz = s->conf.timestamp_ntz;
        if (ty_dtfmt_parse(ts_fmt, un, strlen(un), s->tz, ntz, &micros, msg, sizeof msg)) {
            bool castable =
                ntz ? ty_parse_timestamp_ntz(un, strlen(un), &micros)
                    : ty_parse_timestamp(un, strlen(un), s->tz, s->conf.now_micros, &micros);
            if (castable)
                return ntz ? ty_timestamp_ntz() : ty_timestamp();
        }
    }
    int32_t days;
    if (date_fmt && io_parse_pattern_date(date_fmt, raw, n, &days) && ty_parse_date(raw, n, &days))
        return ty_date();
    return strcmp(raw, IO_DEFAULT_PARTITION) == 0 ? ty_null() : ty_string();
}

/* findWiderTypeForPartitionColumn. */
static const ty *io_wider(io_source *s, const ty *a, const ty *b)
{
    if ((a->kind == TY_DOUBLE && b->kind == TY_DECIMAL) ||
        (a->kind == TY_DECIMAL && b->kind == TY_DOUBLE) ||
        (a->kind == TY_DOUBLE && b->kind == TY_LONG) ||
        (a->kind == TY_LONG && b->kind == TY_DOUBLE))
        return ty_string();
    const ty *t = io_tightest_common_type(s->arena, a, b, s->conf.case_sensitive);
    if (t)
        return t;
    /* findWiderTypeForDecimal */
    const ty *da = a->kind == TY_DECIMAL ? a : io_decimal_for_integral(s->arena, a);
    const ty *db = b->kind == TY_DECIMAL ? b : io_decimal_for_integral(s->arena, b);
    if (da && db && (a->kind == TY_DECIMAL || b->kind == TY_DECIMAL)) {
        int scale = da->scale > db->scale ? da->scale : db->scale;
        int ra = da->precision - da->scale, rb = db->precision - db->scale;
        int range = ra > rb ? ra : rb;
        int prec = range + scale;
        if (prec > TY_DECIMAL_MAX_PRECISION) {
            prec = TY_DECIMAL_MAX_PRECISION;
            if (scale > prec)
                scale = prec;
        }
        return ty_decimal(s->arena, prec, scale);
    }
    if ((a->kind == TY_DECIMAL && (b->kind == TY_DOUBLE || b->kind == TY_FLOAT)) ||
        (b->kind == TY_DECIMAL && (a->kind == TY_DOUBLE || a->kind == TY_FLOAT)))
        return ty_double();
    return ty_string();
}

/* ---- values ---------------------------------------------------------------------------------- */

/* castPartValueToDesiredType into v (one row); false when the value does not cast. */
static bool io_cast_value(io_source *s, const ty *t, const char *raw, vec *v)
{
    size_t n = strlen(raw);
    if (strcmp(raw, IO_DEFAULT_PARTITION) == 0 || t->kind == TY_NULL) {
        vec_append_null(v);
        return true;
    }
    int32_t i32;
    int64_t i64;
    double d;
    switch (t->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        const char *u = io_unescape(s->arena, raw, n);
        return vec_append_str(v, u, (int64_t)strlen(u), NULL) == EM_OK;
    }
    case TY_BINARY:
        return vec_append_str(v, raw, (int64_t)n, NULL) == EM_OK;
    case TY_BYTE:
        if (!io_java_int(raw, n, &i32))
            return false;
        io_push_i8(v, (int8_t)i32);
        return true;
    case TY_SHORT:
        if (!io_java_int(raw, n, &i32))
            return false;
        io_push_i16(v, (int16_t)i32);
        return true;
    case TY_INT:
        if (!io_java_int(raw, n, &i32))
            return false;
        io_push_i32(v, i32);
        return true;
    case TY_LONG:
        if (!io_java_long(raw, n, &i64))
            return false;
        io_push_i64(v, i64);
        return true;
    case TY_FLOAT:
        if (!io_java_double(raw, n, false, &d))
            return false;
        io_push_f32(v, (float)d);
        return true;
    case TY_DOUBLE:
        if (!io_java_double(raw, n, false, &d))
            return false;
        io_push_f64(v, d);
        return true;
    case TY_DECIMAL: {
        ty_i128 x;
        if (ty_dec_parse(raw, n, t->precision, t->scale, &x) != TY_DEC_OK)
            return false;
        io_push_dec(v, x);
        return true;
    }
    case TY_BOOLEAN: {
        bool b;
        if (!io_java_bool(raw, n, &b))
            return false;
        io_push_bool(v, b);
        return true;
    }
    case TY_DATE:
        if (!ty_parse_date(raw, n, &i32))
            return false;
        io_push_i32(v, i32);
        return true;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ: {
        const char *u = io_unescape(s->arena, raw, n);
        bool ok = t->kind == TY_TIMESTAMP
                      ? ty_parse_timestamp(u, strlen(u), s->tz, s->conf.now_micros, &i64)
                      : ty_parse_timestamp_ntz(u, strlen(u), &i64);
        if (!ok) {
            if (!ty_parse_date(raw, n, &i32))
                return false;
            i64 = t->kind == TY_TIMESTAMP ? ty_days_to_micros(i32, s->tz)
                                          : (int64_t)i32 * TY_MICROS_PER_DAY;
        }
        io_push_i64(v, i64);
        return true;
    }
    default:
        return false;
    }
}

static int io_invalid_value(io_source *s, const char *raw, const ty *t, const char *name,
                            em_error *err)
{
    em_str q;
    em_str_init(&q, 4096);
    em_str_putc(&q, '\'');
    for (const char *p = raw; *p; p++) {
        if (*p == '\'' || *p == '\\')
            em_str_putc(&q, '\\');
        em_str_putc(&q, *p);
    }
    em_str_putc(&q, '\'');
    char tn[256], id[600];
    io_sql_type(t, tn, sizeof tn);
    io_sql_id(name, id, sizeof id);
    int rc = em_error_set(err, "INVALID_PARTITION_VALUE", "value", q.data ? q.data : "''",
                          "dataType", tn, "columnName", id, NULL);
    em_str_release(&q);
    (void)s;
    return rc;
}

/* ---- discovery --------------------------------------------------------------------------------
 */

static const char *io_parent(em_arena *a, const char *dir)
{
    const char *slash = strrchr(dir, '/');
    if (!slash || (slash == dir && dir[1] == '\0'))
        return NULL; /* the root */
    if (slash == dir)
        return "/";
    return em_arena_strndup(a, dir, (size_t)(slash - dir));
}

static bool io_is_base(int n_bases, const char *const *bases, const char *dir)
{
    for (int i = 0; i < n_bases; i++)
        if (strcmp(bases[i], dir) == 0)
            return true;
    return false;
}

static int io_parse_leaf(io_source *s, io_leaf *leaf, int n_bases, const char *const *bases,
                         const ty *user, ty_dtfmt *ts_fmt, ty_dtfmt *date_fmt, em_error *err)
{
    int cap = 8, n = 0;
    const char **names = em_arena_calloc(s->arena, (size_t)cap, sizeof(char *));
    const char **raws = em_arena_calloc(s->arena, (size_t)cap, sizeof(char *));
    const ty **types = em_arena_calloc(s->arena, (size_t)cap, sizeof(ty *));
    const char *cur = leaf->dir;
    bool finished = io_parent(s->arena, cur) == NULL;
    while (!finished) {
        const char *name = strrchr(cur, '/');
        name = name ? name + 1 : cur;
        if (strcasecmp(name, "_temporary") == 0) {
            leaf->dropped = true;
            return EM_OK;
        }
        if (io_is_base(n_bases, bases, cur)) {
            finished = true;
            break;
        }
        const char *eq = strchr(name, '=');
        bool found = false;
        if (eq) {
            if (eq == name || eq[1] == '\0')
                return em_error_internal(err, "Empty partition column %s in '%s'",
                                         eq == name ? "name" : "value", name);
            if (n == cap) {
                cap *= 2;
                const char **nn = em_arena_calloc(s->arena, (size_t)cap, sizeof(char *));
                const char **nr = em_arena_calloc(s->arena, (size_t)cap, sizeof(char *));
                const ty **nt = em_arena_calloc(s->arena, (size_t)cap, sizeof(ty *));
                memcpy(nn, names, sizeof(char *) * (size_t)n);
                memcpy(nr, raws, sizeof(char *) * (size_t)n);
                memcpy(nt, types, sizeof(ty *) * (size_t)n);
                names = nn;
                raws = nr;
                types = nt;
            }
            names[n] = io_unescape(s->arena, name, (size_t)(eq - name));
            raws[n] = em_arena_strdup(s->arena, eq + 1);
            const ty *ut = io_user_type(s, user, names[n], NULL);
            types[n] = ut ? ut : io_infer_value(s, raws[n], ts_fmt, date_fmt);
            n++;
            found = true;
        }
        const char *parent = io_parent(s->arena, cur);
        finished = (!found && n > 0) || parent == NULL;
        if (!finished)
            cur = parent;
    }
    /* Columns were collected innermost first. */
    for (int i = 0; i < n / 2; i++) {
        const char *t = names[i];
        names[i] = names[n - 1 - i];
        names[n - 1 - i] = t;
        t = raws[i];
        raws[i] = raws[n - 1 - i];
        raws[n - 1 - i] = t;
        const ty *tt = types[i];
        types[i] = types[n - 1 - i];
        types[n - 1 - i] = tt;
    }
    leaf->n_cols = n;
    leaf->names = names;
    leaf->raw = raws;
    leaf->types = types;
    leaf->base = n ? cur : leaf->dir;
    return EM_OK;
}

static bool io_same_names(const io_source *s, const io_leaf *a, const io_leaf *b)
{
    if (a->n_cols != b->n_cols)
        return false;
    for (int i = 0; i < a->n_cols; i++)
        if (s->conf.case_sensitive ? strcmp(a->names[i], b->names[i]) != 0
                                   : strcasecmp(a->names[i], b->names[i]) != 0)
            return false;
    return true;
}

static int io_conflicting_names(io_source *s, io_leaf *leaves, int n_leaves, em_error *err)
{
    em_str lists, paths;
    em_str_init(&lists, 1 << 16);
    em_str_init(&paths, 1 << 16);
    int n_distinct = 0;
    for (int i = 0; i < n_leaves; i++) {
        if (!leaves[i].n_cols || leaves[i].dropped)
            continue;
        bool seen = false;
        for (int j = 0; j < i; j++)
            if (leaves[j].n_cols && !leaves[j].dropped && io_same_names(s, &leaves[i], &leaves[j]))
                seen = true;
        if (seen)
            continue;
        em_str_printf(&lists, "\n\tPartition column name list #%d: ", n_distinct++);
        for (int c = 0; c < leaves[i].n_cols; c++)
            em_str_printf(&lists, "%s%s", c ? ", " : "", leaves[i].names[c]);
    }
    em_str_puts(&lists, "\n");
    for (int i = 0; i < n_leaves; i++)
        if (leaves[i].n_cols && !leaves[i].dropped)
            em_str_printf(&paths, "\n\tfile:%s", leaves[i].dir);
    int rc = em_error_set(err, "CONFLICTING_PARTITION_COLUMN_NAMES", "distinctPartColLists",
                          lists.data ? lists.data : "", "suspiciousPaths",
                          paths.data ? paths.data : "", NULL);
    em_str_release(&lists);
    em_str_release(&paths);
    return rc;
}

static void io_vec_free_cb(void *p)
{
    vec_release(p);
}

int io_part_discover(io_source *s, int n_roots, const char *const *root_dirs, const ty *user_schema,
                     em_error *err)
{
    s->part_schema = ty_struct(s->arena, 0, NULL);
    s->n_part_rows = 0;
    bool recursive = false;
    if (io_opt_bool(s, "recursiveFileLookup", false, &recursive, err))
        return err ? err->code : EM_EUSER;
    if (recursive || s->n_all == 0)
        return EM_OK;
    /* Base folders: the "basePath" option, else the roots. */
    const char *const *bases = root_dirs;
    int n_bases = n_roots;
    const char *base_opt = io_opt(s, "basePath");
    char *base_buf = NULL;
    if (base_opt) {
        const char *b = base_opt;
        if (strncmp(b, "file://", 7) == 0)
            b += 7;
        else if (strncmp(b, "file:", 5) == 0)
            b += 5;
        base_buf = em_arena_strdup(s->arena, b);
        size_t bl = strlen(base_buf);
        while (bl > 1 && base_buf[bl - 1] == '/')
            base_buf[--bl] = '\0';
        bases = (const char *const *)&base_buf;
        n_bases = 1;
    }
    /* Leaves: distinct parent folders of the files, in listing order. */
    io_leaf *leaves = em_arena_calloc(s->arena, (size_t)s->n_all + 1, sizeof *leaves);
    int *file_leaf = em_arena_calloc(s->arena, (size_t)s->n_all + 1, sizeof(int));
    int n_leaves = 0;
    for (int i = 0; i < s->n_all; i++) {
        const char *dir = io_parent(s->arena, s->all[i].path);
        if (!dir)
            dir = "/";
        int found = -1;
        for (int j = n_leaves - 1; j >= 0; j--)
            if (strcmp(leaves[j].dir, dir) == 0) {
                found = j;
                break;
            }
        if (found < 0) {
            found = n_leaves++;
            leaves[found].dir = dir;
        }
        file_leaf[i] = found;
    }
    ty_dtfmt_error fe;
    memset(&fe, 0, sizeof fe);
    ty_dtfmt *ts_fmt = ty_dtfmt_compile("yyyy-MM-dd HH:mm:ss[.S]", 23, true, &fe);
    ty_dtfmt *date_fmt = ty_dtfmt_compile("yyyy-MM-dd", 10, true, &fe);
    int rc = EM_OK;
    for (int i = 0; i < n_leaves && rc == EM_OK; i++)
        rc = io_parse_leaf(s, &leaves[i], n_bases, bases, user_schema, ts_fmt, date_fmt, err);
    ty_dtfmt_free(ts_fmt);
    ty_dtfmt_free(date_fmt);
    if (rc)
        return rc;
    /* Partitioned at all? */
    int first = -1;
    for (int i = 0; i < n_leaves; i++)
        if (leaves[i].n_cols && !leaves[i].dropped) {
            first = i;
            break;
        }
    if (first < 0)
        return EM_OK;
    if (!s->conf.ignore_invalid_partition_paths) {
        const char *base0 = NULL;
        bool conflict = false;
        for (int i = 0; i < n_leaves; i++) {
            if (leaves[i].dropped)
                continue;
            if (!base0)
                base0 = leaves[i].base;
            else if (strcasecmp(base0, leaves[i].base) != 0)
                conflict = true;
        }
        if (conflict) {
            em_str b;
            em_str_init(&b, 1 << 16);
            em_str_puts(&b, "\n\t");
            int n_shown = 0;
            for (int i = 0; i < n_leaves; i++) {
                if (leaves[i].dropped)
                    continue;
                bool seen = false;
                for (int j = 0; j < i; j++)
                    if (!leaves[j].dropped && strcasecmp(leaves[j].base, leaves[i].base) == 0)
                        seen = true;
                if (seen)
                    continue;
                char *low = em_arena_printf(s->arena, "file:%s", leaves[i].base);
                for (char *p = low; *p; p++)
                    if (*p >= 'A' && *p <= 'Z')
                        *p = (char)(*p - 'A' + 'a');
                em_str_printf(&b, "%s%s", n_shown++ ? "\n\t" : "", low);
            }
            em_str_puts(&b, "\n");
            int r = em_error_set(err, "CONFLICTING_DIRECTORY_STRUCTURES", "discoveredBasePaths",
                                 b.data ? b.data : "", NULL);
            em_str_release(&b);
            return r;
        }
    }
    for (int i = 0; i < n_leaves; i++)
        if (leaves[i].n_cols && !leaves[i].dropped && !io_same_names(s, &leaves[first], &leaves[i]))
            return io_conflicting_names(s, leaves, n_leaves, err);
    /* Column types: the widest over every leaf; user types win. */
    int n_cols = leaves[first].n_cols;
    ty_field *f = em_arena_calloc(s->arena, (size_t)n_cols + 1, sizeof *f);
    for (int c = 0; c < n_cols; c++) {
        const ty *t = NULL;
        for (int i = 0; i < n_leaves; i++) {
            if (!leaves[i].n_cols || leaves[i].dropped)
                continue;
            t = t ? io_wider(s, t, leaves[i].types[c]) : leaves[i].types[c];
        }
        const char *spelled = leaves[first].names[c];
        const ty *ut = io_user_type(s, user_schema, spelled, &spelled);
        f[c].name = spelled;
        f[c].type = ut ? ut : t;
        f[c].nullable = true;
    }
    s->part_schema = ty_struct(s->arena, n_cols, f);
    /* Values: one row per partitioned leaf. */
    s->part_values = em_arena_calloc(s->arena, (size_t)n_cols + 1, sizeof(vec *));
    for (int c = 0; c < n_cols; c++) {
        s->part_values[c] = vec_new(s->part_schema->fields[c].type, n_leaves);
        em_arena_on_release(s->arena, io_vec_free_cb, s->part_values[c]);
    }
    int *leaf_row = em_arena_calloc(s->arena, (size_t)n_leaves + 1, sizeof(int));
    int rows = 0;
    for (int i = 0; i < n_leaves; i++) {
        leaf_row[i] = -1;
        if (!leaves[i].n_cols || leaves[i].dropped)
            continue;
        for (int c = 0; c < n_cols; c++) {
            const ty *t = s->part_schema->fields[c].type;
            if (!io_cast_value(s, t, leaves[i].raw[c], s->part_values[c])) {
                if (s->conf.validate_partition_columns)
                    return io_invalid_value(s, leaves[i].raw[c], t, leaves[i].names[c], err);
                vec_append_null(s->part_values[c]);
            }
        }
        leaf_row[i] = rows++;
    }
    s->n_part_rows = rows;
    for (int i = 0; i < s->n_all; i++)
        s->all[i].part = leaf_row[file_leaf[i]];
    return EM_OK;
}
