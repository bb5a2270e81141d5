/*
 * shell_render.c: results as the shell prints them.
 *
 * Table mode draws a box like DuckDB's shell: column names and, under them, the Spark type
 * names (centered), a rule, then the rows (numbers right-aligned, other values left-aligned),
 * and a row count line under the box ("1 row", "250 rows (40 shown)"). Widths count terminal
 * columns of UTF-8 text (wide East Asian characters and emoji 2, combining marks 0); control
 * characters print as \n, \t, \r or \xNN; a value wider than its column is cut with "…". The
 * table fits max_width by narrowing its widest columns. With max_rows, only the first and last
 * halves are kept (rows in between are counted, not formatted), with a "…" row between them.
 *
 * CSV mode prints a header and RFC 4180 rows (NULL is an empty field); JSON mode prints one
 * array of row objects, one row per line. Both stream: nothing is kept.
 */
#include <string.h>

#include "cli/shell_int.h"
#include "common/em_mem.h"

#define SHELL_MAX_COL_WIDTH 60
#define SHELL_MIN_COL_WIDTH 6

struct shell_render {
    shell_mode mode;
    FILE *out;
    const struct ArrowSchema *schema;
    int n_cols;
    int64_t max_rows;
    int max_width;
    int64_t n_rows;
    /* table: the first rows, then a ring of the last ones (cells are em_malloc'd strings) */
    char **head;
    int64_t n_head, cap_head, head_limit;
    char **tail;
    int64_t tail_limit, tail_start, n_tail;
    char **names;
    char **types;
    bool *numeric;
    em_str scratch;
};

/* ---------------------------------------------------------------------------- widths ---- */

/* Decodes one UTF-8 sequence at s (len > 0); returns its length (1 for a bad byte). */
static int shell_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || (size_t)n > len) {
        *cp = 0xFFFD;
        return 1;
    }
    uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (int idx = 1; idx < n; idx++) {
        if ((s[idx] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[idx] & 0x3Fu);
    }
    *cp = v;
    return n;
}

/* Terminal columns of one code point (printable text; controls are escaped before). */
static int shell_cp_width(uint32_t cp)
{
    if (cp == 0)
        return 0;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
        (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
        (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFE0F)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
        (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

int shell_utf8_width(const char *s, size_t len)
{
    int width = 0;
    size_t pos = 0;
    while (pos < len) {
        uint32_t cp;
        pos += (size_t)shell_utf8_decode((const unsigned char *)s + pos, len - pos, &cp);
        width += shell_cp_width(cp);
    }
    return width;
}

/* A copy of text with control characters escaped (em_malloc). */
static char *shell_render_clean(const char *text, size_t len)
{
    em_str out;
    em_str_init(&out, 0);
    for (size_t idx = 0; idx < len; idx++) {
        unsigned char c = (unsigned char)text[idx];
        if (c == '\n')
            em_str_puts(&out, "\\n");
        else if (c == '\t')
            em_str_puts(&out, "\\t");
        else if (c == '\r')
            em_str_puts(&out, "\\r");
        else if (c < 0x20 || c == 0x7F)
            em_str_printf(&out, "\\x%02X", c);
        else
            em_str_putc(&out, (char)c);
    }
    if (!out.data)
        em_str_puts(&out, "");
    return em_str_move(&out);
}

/* Prints text padded (or cut with "…") to exactly width columns. align: -1 left, 0 center,
   1 right. */
static void shell_render_pad(FILE *out, const char *text, int width, int align)
{
    size_t len = strlen(text);
    int w = shell_utf8_width(text, len);
    if (w > width) {
        /* Keep whole code points up to width - 1 columns, then the ellipsis. */
        int used = 0;
        size_t pos = 0;
        while (pos < len) {
            uint32_t cp;
            int n = shell_utf8_decode((const unsigned char *)text + pos, len - pos, &cp);
            int cw = shell_cp_width(cp);
            if (used + cw > width - 1)
                break;
            used += cw;
            pos += (size_t)n;
        }
        fwrite(text, 1, pos, out);
        fputs("…", out);
        for (int idx = used + 1; idx < width; idx++)
            fputc(' ', out);
        return;
    }
    int pad = width - w;
    int left = align < 0 ? 0 : align > 0 ? pad : pad / 2;
    for (int idx = 0; idx < left; idx++)
        fputc(' ', out);
    fputs(text, out);
    for (int idx = 0; idx < pad - left; idx++)
        fputc(' ', out);
}

/* ----------------------------------------------------------------------------- setup ---- */

static void shell_render_csv_field(FILE *out, const char *text, size_t len)
{
    bool quote = len == 0 ? false : strpbrk(text, ",\"\r\n") != NULL;
    if (!quote) {
        fwrite(text, 1, len, out);
        return;
    }
    fputc('"', out);
    for (size_t idx = 0; idx < len; idx++) {
        if (text[idx] == '"')
            fputc('"', out);
        fputc(text[idx], out);
    }
    fputc('"', out);
}

shell_render *shell_render_new(shell_mode mode, const struct ArrowSchema *schema, FILE *out,
                               int64_t max_rows, int max_width)
{
    shell_render *r = em_calloc(1, sizeof *r);
    r->mode = mode;
    r->out = out;
    r->schema = schema;
    r->n_cols = (int)schema->n_children;
    r->max_rows = max_rows;
    r->max_width = max_width;
    em_str_init(&r->scratch, 0);
    r->names = em_calloc((size_t)r->n_cols + 1, sizeof *r->names);
    r->types = em_calloc((size_t)r->n_cols + 1, sizeof *r->types);
    r->numeric = em_calloc((size_t)r->n_cols + 1, sizeof *r->numeric);
    for (int col = 0; col < r->n_cols; col++) {
        const struct ArrowSchema *cs = schema->children[col];
        const char *name = cs->name ? cs->name : "";
        r->names[col] = shell_render_clean(name, strlen(name));
        em_str t;
        em_str_init(&t, 0);
        shell_type_name(cs, &t);
        r->types[col] = em_str_move(&t);
        r->numeric[col] = shell_type_is_numeric(cs);
    }
    if (max_rows > 0) {
        r->head_limit = (max_rows + 1) / 2;
        r->tail_limit = max_rows / 2;
        if (r->tail_limit > 0)
            r->tail = em_calloc((size_t)(r->tail_limit * r->n_cols), sizeof *r->tail);
    } else {
        r->head_limit = -1;
    }
    if (mode == SHELL_MODE_CSV && r->n_cols > 0) {
        for (int col = 0; col < r->n_cols; col++) {
            if (col)
                fputc(',', out);
            const char *name = schema->children[col]->name ? schema->children[col]->name : "";
            shell_render_csv_field(out, name, strlen(name));
        }
        fputc('\n', out);
    }
    return r;
}

/* The cells of one row formatted for the table (n_cols em_malloc'd strings into cells). */
static void shell_render_format_row(shell_render *r, const struct ArrowArray *batch, int64_t row,
                                    char **cells)
{
    for (int col = 0; col < r->n_cols; col++) {
        em_str_reset(&r->scratch);
        shell_value_append(r->schema->children[col], batch->children[col], row + batch->offset,
                           SHELL_FMT_TEXT, &r->scratch);
        cells[col] = shell_render_clean(r->scratch.data ? r->scratch.data : "", r->scratch.len);
    }
}

static void shell_render_free_cells(char **cells, int n)
{
    for (int idx = 0; idx < n; idx++) {
        em_free(cells[idx]);
        cells[idx] = NULL;
    }
}

static void shell_render_table_row(shell_render *r, const struct ArrowArray *batch, int64_t row,
                                   int64_t n_batch)
{
    int n = r->n_cols;
    if (r->head_limit < 0 || r->n_head < r->head_limit) {
        if (r->n_head == r->cap_head) {
            r->cap_head = r->cap_head ? r->cap_head * 2 : 64;
            r->head = em_realloc(r->head, (size_t)(r->cap_head * n + 1) * sizeof *r->head);
        }
        shell_render_format_row(r, batch, row, r->head + r->n_head * n);
        r->n_head++;
        return;
    }
    if (r->tail_limit <= 0 || row < n_batch - r->tail_limit)
        return; /* cannot be among the last rows: only counted */
    int64_t slot;
    if (r->n_tail < r->tail_limit) {
        slot = (r->tail_start + r->n_tail) % r->tail_limit;
        r->n_tail++;
    } else {
        slot = r->tail_start;
        r->tail_start = (r->tail_start + 1) % r->tail_limit;
        shell_render_free_cells(r->tail + slot * n, n);
    }
    shell_render_format_row(r, batch, row, r->tail + slot * n);
}

void shell_render_batch(shell_render *r, const struct ArrowArray *batch)
{
    int64_t n_batch = batch->length;
    for (int64_t row = 0; row < n_batch; row++) {
        switch (r->mode) {
        case SHELL_MODE_TABLE:
            shell_render_table_row(r, batch, row, n_batch);
            break;
        case SHELL_MODE_CSV:
            for (int col = 0; col < r->n_cols; col++) {
                if (col)
                    fputc(',', r->out);
                const struct ArrowSchema *cs = r->schema->children[col];
                const struct ArrowArray *ca = batch->children[col];
                if (shell_value_is_null(cs, ca, row + batch->offset))
                    continue;
                em_str_reset(&r->scratch);
                shell_value_append(cs, ca, row + batch->offset, SHELL_FMT_TEXT, &r->scratch);
                shell_render_csv_field(r->out, r->scratch.data ? r->scratch.data : "",
                                       r->scratch.len);
            }
            fputc('\n', r->out);
            break;
        case SHELL_MODE_JSON:
            fputs(r->n_rows == 0 ? "[{" : ",\n{", r->out);
            for (int col = 0; col < r->n_cols; col++) {
                const struct ArrowSchema *cs = r->schema->children[col];
                em_str_reset(&r->scratch);
                if (col)
                    em_str_putc(&r->scratch, ',');
                const char *name = cs->name ? cs->name : "";
                em_str_json_string(&r->scratch, name, strlen(name));
                em_str_putc(&r->scratch, ':');
                shell_value_append(cs, batch->children[col], row + batch->offset, SHELL_FMT_JSON,
                                   &r->scratch);
                fwrite(r->scratch.data, 1, r->scratch.len, r->out);
            }
            fputc('}', r->out);
            break;
        }
        r->n_rows++;
    }
}

/* ----------------------------------------------------------------------------- table ---- */

static void shell_render_rule(shell_render *r, const int *widths, const char *left, const char *mid,
                              const char *right)
{
    fputs(left, r->out);
    for (int col = 0; col < r->n_cols; col++) {
        if (col)
            fputs(mid, r->out);
        for (int idx = 0; idx < widths[col] + 2; idx++)
            fputs("─", r->out);
    }
    fputs(right, r->out);
    fputc('\n', r->out);
}

static void shell_render_cells(shell_render *r, const int *widths, char *const *cells,
                               int align_override)
{
    fputs("│", r->out);
    for (int col = 0; col < r->n_cols; col++) {
        fputc(' ', r->out);
        int align = align_override != 2 ? align_override : r->numeric[col] ? 1 : -1;
        shell_render_pad(r->out, cells[col], widths[col], align);
        fputs(" │", r->out);
    }
    fputc('\n', r->out);
}

static void shell_render_table(shell_render *r)
{
    int n = r->n_cols;
    int *widths = em_calloc((size_t)n + 1, sizeof *widths);
    for (int col = 0; col < n; col++) {
        int w = shell_utf8_width(r->names[col], strlen(r->names[col]));
        int tw = shell_utf8_width(r->types[col], strlen(r->types[col]));
        widths[col] = w > tw ? w : tw;
    }
    for (int64_t row = 0; row < r->n_head + r->n_tail; row++) {
        char **cells = row < r->n_head
                           ? r->head + row * n
                           : r->tail + ((r->tail_start + row - r->n_head) % r->tail_limit) * n;
        for (int col = 0; col < n; col++) {
            int w = shell_utf8_width(cells[col], strlen(cells[col]));
            if (w > widths[col])
                widths[col] = w;
        }
    }
    int total = 1;
    for (int col = 0; col < n; col++) {
        if (widths[col] > SHELL_MAX_COL_WIDTH)
            widths[col] = SHELL_MAX_COL_WIDTH;
        if (widths[col] < 1)
            widths[col] = 1;
        total += widths[col] + 3;
    }
    /* Narrow the widest columns until the box fits the terminal. */
    while (r->max_width > 0 && total > r->max_width) {
        int widest = 0;
        for (int col = 1; col < n; col++)
            if (widths[col] > widths[widest])
                widest = col;
        if (widths[widest] <= SHELL_MIN_COL_WIDTH)
            break;
        widths[widest]--;
        total--;
    }
    shell_render_rule(r, widths, "┌", "┬", "┐");
    shell_render_cells(r, widths, r->names, 0);
    shell_render_cells(r, widths, r->types, 0);
    shell_render_rule(r, widths, "├", "┼", "┤");
    for (int64_t row = 0; row < r->n_head; row++)
        shell_render_cells(r, widths, r->head + row * n, 2);
    if (r->n_rows > r->n_head + r->n_tail) {
        char **dots = em_calloc((size_t)n + 1, sizeof *dots);
        for (int col = 0; col < n; col++)
            dots[col] = "…";
        shell_render_cells(r, widths, dots, 0);
        em_free(dots);
    }
    for (int64_t row = 0; row < r->n_tail; row++)
        shell_render_cells(r, widths, r->tail + ((r->tail_start + row) % r->tail_limit) * n, 2);
    shell_render_rule(r, widths, "└", "┴", "┘");
    int64_t shown = r->n_head + r->n_tail;
    if (shown < r->n_rows)
        fprintf(r->out, "%lld rows (%lld shown)\n", (long long)r->n_rows, (long long)shown);
    else
        fprintf(r->out, "%lld %s\n", (long long)r->n_rows, r->n_rows == 1 ? "row" : "rows");
    em_free(widths);
}

int64_t shell_render_finish(shell_render *r)
{
    int n = r->n_cols;
    if (r->mode == SHELL_MODE_TABLE && n > 0)
        shell_render_table(r);
    else if (r->mode == SHELL_MODE_JSON && n > 0)
        fputs(r->n_rows ? "]\n" : "[]\n", r->out);
    fflush(r->out);
    int64_t rows = r->n_rows;
    for (int64_t row = 0; row < r->n_head; row++)
        shell_render_free_cells(r->head + row * n, n);
    if (r->tail)
        for (int64_t slot = 0; slot < r->tail_limit; slot++)
            shell_render_free_cells(r->tail + slot * n, n);
    for (int col = 0; col < n; col++) {
        em_free(r->names[col]);
        em_free(r->types[col]);
    }
    em_free(r->head);
    em_free(r->tail);
    em_free(r->names);
    em_free(r->types);
    em_free(r->numeric);
    em_str_release(&r->scratch);
    em_free(r);
    return rows;
}
