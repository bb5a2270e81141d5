/*
 * op_show: ShowString, the text Dataset.show() prints, computed server-side as Spark Connect
 * does (one row, one non-null string column `show_string`).
 *
 * Rules (Spark's Dataset.showString / getRows): take num_rows + 1 rows to know whether more
 * exist; render every cell with ToPrettyString (ty_format_value); escape \n \r \t \f \b \v \a
 * as two-character sequences; when truncate > 0 cut cells longer than truncate to
 * truncate - 3 characters plus "..." (or to truncate characters when truncate < 4) and
 * right-align, else left-align. Widths count UTF-16 code units plus one extra per full-width
 * character (Utils.stringHalfWidth), with a minimum of 3. Vertical mode prints "-RECORD i"
 * blocks; an empty vertical result prints "(0 rows)"; otherwise more rows than shown adds
 * "only showing top N row(s)". Column names are escaped but never truncated.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_format.h"

typedef struct ex_cell {
    char *s; /* UTF-8, em_malloc'd */
    size_t len;
    int64_t u16;   /* length in UTF-16 code units */
    int64_t width; /* u16 + full-width characters */
} ex_cell;

static bool ex_fullwidth(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
}

/* Decodes one code point; returns its byte length (at least 1). */
static int ex_u8_next(const char *s, size_t n, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[0];
    int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if ((size_t)len > n)
        len = (int)n;
    uint32_t v = len == 1 ? c : (c & (0xFF >> (len + 1)));
    for (int k = 1; k < len; k++)
        v = (v << 6) | ((unsigned char)s[k] & 0x3F);
    *cp = v;
    return len;
}

static void ex_cell_measure(ex_cell *c)
{
    c->u16 = 0;
    c->width = 0;
    for (size_t i = 0; i < c->len;) {
        uint32_t cp;
        i += (size_t)ex_u8_next(c->s + i, c->len - i, &cp);
        int u = cp > 0xFFFF ? 2 : 1;
        c->u16 += u;
        c->width += u + (ex_fullwidth(cp) ? 1 : 0);
    }
}

/* Byte length of the prefix holding `units` UTF-16 code units. */
static size_t ex_u16_prefix(const char *s, size_t n, int64_t units)
{
    size_t i = 0;
    int64_t u = 0;
    while (i < n) {
        uint32_t cp;
        int l = ex_u8_next(s + i, n - i, &cp);
        int w = cp > 0xFFFF ? 2 : 1;
        if (u + w > units)
            break;
        u += w;
        i += (size_t)l;
    }
    return i;
}

static void ex_escape_meta(const char *s, size_t n, em_str *out)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '\n':
            em_str_puts(out, "\\n");
            break;
        case '\r':
            em_str_puts(out, "\\r");
            break;
        case '\t':
            em_str_puts(out, "\\t");
            break;
        case '\f':
            em_str_puts(out, "\\f");
            break;
        case '\b':
            em_str_puts(out, "\\b");
            break;
        case '\v':
            em_str_puts(out, "\\v");
            break;
        case '\a':
            em_str_puts(out, "\\a");
            break;
        default:
            em_str_putc(out, s[i]);
        }
    }
}

static void ex_cell_set(ex_cell *c, const char *s, size_t n, int truncate)
{
    em_str e;
    em_str_init(&e, 0);
    ex_escape_meta(s, n, &e);
    c->s = em_str_move(&e);
    if (!c->s)
        c->s = em_strdup("");
    c->len = strlen(c->s);
    ex_cell_measure(c);
    if (truncate > 0 && c->u16 > truncate) {
        size_t keep = ex_u16_prefix(c->s, c->len, truncate < 4 ? truncate : truncate - 3);
        em_str t;
        em_str_init(&t, 0);
        em_str_append(&t, c->s, keep);
        if (truncate >= 4)
            em_str_puts(&t, "...");
        em_free(c->s);
        c->s = em_str_move(&t);
        if (!c->s)
            c->s = em_strdup("");
        c->len = strlen(c->s);
        ex_cell_measure(c);
    }
}

typedef struct ex_show_state {
    bool done;
} ex_show_state;

static int ex_show_render(ex_op *op, em_str *sb, em_error *err)
{
    const pl_node *n = op->node;
    const pl_node *child = n->children[0];
    int64_t num_rows = n->u.show.num_rows < 0 ? 0 : n->u.show.num_rows;
    if (num_rows > INT32_MAX - 16)
        num_rows = INT32_MAX - 16;
    int truncate = n->u.show.truncate;
    bool vertical = n->u.show.vertical;
    int n_cols = child->n_out;
    /* rows[0] = header */
    int64_t cap_rows = 16, n_rows = 0;
    ex_cell **rows = em_calloc((size_t)cap_rows, sizeof *rows);
    rows[n_rows] = em_calloc((size_t)(n_cols ? n_cols : 1), sizeof(ex_cell));
    for (int c = 0; c < n_cols; c++) {
        const char *name = child->out[c].name ? child->out[c].name : "";
        ex_cell_set(&rows[n_rows][c], name, strlen(name), 0);
    }
    n_rows++;
    int64_t want = num_rows + 1;
    int64_t got = 0;
    int rc = 0;
    em_str cell;
    em_str_init(&cell, 0);
    ty_format_opts fo = {.pretty = true, .decimal_plain = true, .tz = ty_session_tz(&op->q->opts)};
    while (got < want) {
        vec_batch *b;
        rc = ex_child_next(op, 0, &b, err);
        if (rc <= 0)
            break;
        for (int64_t r = 0; r < b->n_rows && got < want; r++, got++) {
            if (n_rows == cap_rows) {
                cap_rows *= 2;
                rows = em_realloc(rows, (size_t)cap_rows * sizeof *rows);
            }
            rows[n_rows] = em_calloc((size_t)(n_cols ? n_cols : 1), sizeof(ex_cell));
            for (int c = 0; c < n_cols; c++) {
                em_str_reset(&cell);
                ty_format_cell(b->cols[c], r, &fo, &cell);
                ex_cell_set(&rows[n_rows][c], cell.data ? cell.data : "", cell.len, truncate);
            }
            n_rows++;
        }
        vec_batch_free(b);
    }
    em_str_release(&cell);
    if (rc >= 0) {
        rc = 0;
        bool has_more = n_rows - 1 > num_rows;
        int64_t shown = has_more ? num_rows + 1 : n_rows; /* header + data rows */
        if (!vertical) {
            int64_t *w = em_calloc((size_t)(n_cols ? n_cols : 1), sizeof *w);
            for (int c = 0; c < n_cols; c++) {
                w[c] = 3;
                for (int64_t r = 0; r < shown; r++)
                    if (rows[r][c].width > w[c])
                        w[c] = rows[r][c].width;
            }
            em_str sep;
            em_str_init(&sep, 0);
            em_str_putc(&sep, '+');
            for (int c = 0; c < n_cols; c++) {
                em_str_repeat(&sep, '-', (size_t)w[c]);
                em_str_putc(&sep, '+');
            }
            em_str_putc(&sep, '\n');
            em_str_append(sb, sep.data, sep.len);
            for (int64_t r = 0; r < shown; r++) {
                em_str_putc(sb, '|');
                for (int c = 0; c < n_cols; c++) {
                    const ex_cell *x = &rows[r][c];
                    size_t pad = (size_t)(w[c] - x->width);
                    if (truncate > 0) {
                        em_str_repeat(sb, ' ', pad);
                        em_str_append(sb, x->s, x->len);
                    } else {
                        em_str_append(sb, x->s, x->len);
                        em_str_repeat(sb, ' ', pad);
                    }
                    em_str_putc(sb, '|');
                }
                em_str_putc(sb, '\n');
                if (r == 0)
                    em_str_append(sb, sep.data, sep.len);
            }
            em_str_append(sb, sep.data, sep.len);
            em_str_release(&sep);
            em_free(w);
        } else {
            int64_t name_w = 3, data_w = 3;
            for (int c = 0; c < n_cols; c++)
                if (rows[0][c].width > name_w)
                    name_w = rows[0][c].width;
            for (int64_t r = 1; r < shown; r++)
                for (int c = 0; c < n_cols; c++)
                    if (rows[r][c].width > data_w)
                        data_w = rows[r][c].width;
            for (int64_t r = 1; r < shown; r++) {
                em_str hdr;
                em_str_init(&hdr, 0);
                em_str_printf(&hdr, "-RECORD %lld", (long long)(r - 1));
                em_str_append(sb, hdr.data, hdr.len);
                int64_t total = name_w + data_w + 5;
                if ((int64_t)hdr.len < total)
                    em_str_repeat(sb, '-', (size_t)(total - (int64_t)hdr.len));
                em_str_release(&hdr);
                em_str_putc(sb, '\n');
                for (int c = 0; c < n_cols; c++) {
                    const ex_cell *nm = &rows[0][c], *x = &rows[r][c];
                    em_str_putc(sb, ' ');
                    em_str_append(sb, nm->s, nm->len);
                    em_str_repeat(sb, ' ', (size_t)(name_w - nm->width));
                    em_str_puts(sb, " | ");
                    em_str_append(sb, x->s, x->len);
                    em_str_repeat(sb, ' ', (size_t)(data_w - x->width));
                    em_str_puts(sb, " \n");
                }
            }
        }
        if (vertical && shown <= 1)
            em_str_puts(sb, "(0 rows)");
        else if (has_more)
            em_str_printf(sb, "only showing top %lld %s", (long long)num_rows,
                          num_rows == 1 ? "row" : "rows");
    }
    for (int64_t r = 0; r < n_rows; r++) {
        for (int c = 0; c < n_cols; c++)
            em_free(rows[r][c].s);
        em_free(rows[r]);
    }
    em_free(rows);
    return rc;
}

static int ex_show_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_show_state *st = op->state;
    if (st->done)
        return 0;
    st->done = true;
    em_str sb;
    em_str_init(&sb, (size_t)VEC_MAX_BYTES);
    if (ex_show_render(op, &sb, err)) {
        em_str_release(&sb);
        return -1;
    }
    if (sb.overflow) {
        em_str_release(&sb);
        return em_error_internal(err, "show_string result exceeds %lld bytes",
                                 (long long)VEC_MAX_BYTES)
                   ? -1
                   : -1;
    }
    const ty *t = op->node->n_out > 0 ? op->node->out[0].type : ty_string();
    vec *v = vec_new(t, 1);
    int rc = vec_append_str(v, sb.data ? sb.data : "", (int64_t)sb.len, err);
    em_str_release(&sb);
    if (rc) {
        vec_release(v);
        return -1;
    }
    vec_batch *b = vec_batch_new(1, 1);
    b->cols[0] = v;
    *out = b;
    return 1;
}

static void ex_show_release(ex_op *op)
{
    em_free(op->state);
}

static const ex_op_vtbl ex_show_vt = {ex_show_next, ex_show_release};

int ex_show_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_show_vt, 1);
    op->state = em_calloc(1, sizeof(ex_show_state));
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
