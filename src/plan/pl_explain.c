/*
 * pl_explain: the explain modes beyond simple and extended (pl_print.c prints those): cost,
 * codegen and formatted, laid out as Spark's QueryExecution prints them.
 *
 *  - cost: "== Optimized Logical Plan ==", the tree with each node's Statistics appended
 *    (", Statistics(sizeInBytes=48.0 B, rowCount=2)"), then "== Physical Plan ==". The
 *    statistics follow Spark's SizeInBytesOnlyStatsPlanVisitor (no CBO): leaves compute their
 *    own (LocalRelation rows x row size, Range 8 bytes a row with its row count, file scans
 *    unknown = spark.sql.defaultSizeInBytes, Long.MaxValue), unary nodes scale the child's
 *    size by the ratio of row sizes, a global aggregate is one row, limits cap the row count,
 *    unions add and other nodes multiply their children's sizes. Row sizes are 8 bytes of
 *    overhead plus each column type's defaultSize.
 *  - codegen: Ember compiles no Java, so "Found 0 WholeStageCodegen subtrees." (what Spark
 *    prints for a plan without codegen stages).
 *  - formatted: "== Physical Plan ==", the tree with operator ids ("Project (2)", children
 *    numbered first), then one block per operator: "(id) Name", "Output [n]: [...]",
 *    "Input [n]: [...]" for operators with one child, and "Arguments: ..." with the rest of
 *    the operator's line.
 *
 * Printing allocates only the formatted mode's id table (em_calloc, freed before returning).
 * Sizes are unsigned 128-bit integers saturating at 2^126, printed by Utils.bytesToString
 * ("%.1f" in the largest binary unit at most half the size, EiB past Long.MaxValue, and
 * scientific notation past 2048 EiB).
 */
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "plan/pl_print.h"

typedef unsigned __int128 pl_big;

#define PL_BIG_MAX (((pl_big)1) << 126)

typedef struct pl_stats {
    pl_big size;
    bool has_rows;
    pl_big rows;
} pl_stats;

/* DataType.defaultSize. */
static int64_t pl_default_size(const ty *t)
{
    switch (t->kind) {
    case TY_NULL:
    case TY_BOOLEAN:
    case TY_BYTE:
        return 1;
    case TY_SHORT:
        return 2;
    case TY_INT:
    case TY_FLOAT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return 4;
    case TY_LONG:
    case TY_DOUBLE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        return 8;
    case TY_DECIMAL:
        return t->precision <= 18 ? 8 : 16;
    case TY_STRING:
        return 20;
    case TY_CHAR:
    case TY_VARCHAR:
        return t->length;
    case TY_BINARY:
        return 100;
    case TY_CALENDAR_INTERVAL:
        return 16;
    case TY_ARRAY:
        return pl_default_size(t->elem);
    case TY_MAP:
        return pl_default_size(t->key) + pl_default_size(t->value);
    case TY_STRUCT: {
        int64_t sum = 0;
        for (int idx = 0; idx < t->n_fields; idx++)
            sum += pl_default_size(t->fields[idx].type);
        return sum;
    }
    case TY_VARIANT:
        return 2048;
    default:
        return 8;
    }
}

/* EstimationUtils.getSizePerRow without column statistics. */
static pl_big pl_row_size(const pl_node *n)
{
    pl_big sum = 8;
    for (int idx = 0; idx < n->n_out; idx++)
        sum += (pl_big)pl_default_size(n->out[idx].type);
    return sum;
}

static pl_big pl_big_mul(pl_big a, pl_big b)
{
    if (a && b > PL_BIG_MAX / a)
        return PL_BIG_MAX;
    return a * b;
}

static pl_big pl_big_add(pl_big a, pl_big b)
{
    return a + b > PL_BIG_MAX ? PL_BIG_MAX : a + b;
}

static pl_stats pl_stats_of(const pl_node *n, int depth);

/* visitUnaryNode: the child's size scaled by the ratio of row sizes, at least 1. */
static pl_stats pl_stats_unary(const pl_node *n, const pl_stats *child)
{
    const pl_node *c = n->children[0];
    pl_big size = pl_big_mul(child->size, pl_row_size(n)) / pl_row_size(c);
    return (pl_stats){size ? size : 1, false, 0};
}

static pl_stats pl_stats_of(const pl_node *n, int depth)
{
    pl_stats kids[2] = {{0}};
    int n_kids = 0;
    pl_big product = 1, sum = 0;
    bool any = false;
    for (int idx = 0; idx < n->n_children && depth < 2000; idx++) {
        if (!n->children[idx])
            continue;
        pl_stats s = pl_stats_of(n->children[idx], depth + 1);
        if (n_kids < 2)
            kids[n_kids] = s;
        n_kids++;
        if (s.size > 0) {
            product = pl_big_mul(product, s.size);
            any = true;
        }
        sum = pl_big_add(sum, s.size);
    }
    switch (n->kind) {
    case PL_LOCAL: {
        int64_t rows = 0;
        for (int idx = 0; idx < n->u.local.n_batches; idx++)
            rows += n->u.local.batches[idx]->n_rows;
        return (pl_stats){pl_big_mul(pl_row_size(n), (pl_big)rows), false, 0};
    }
    case PL_RANGE: {
        int64_t start = n->u.range.start, end = n->u.range.end, step = n->u.range.step;
        pl_big count = 0;
        if (step > 0 && end > start)
            count = (pl_big)(((__int128)end - start + step - 1) / step);
        else if (step < 0 && end < start)
            count = (pl_big)(((__int128)start - end - step - 1) / -step);
        return (pl_stats){pl_big_mul(8, count), true, count};
    }
    case PL_ONE_ROW:
        return (pl_stats){1, true, 1};
    case PL_AGGREGATE:
        if (n->n_groups == 0 && n->n_children && n->resolved)
            return (pl_stats){pl_row_size(n), true, 1};
        break;
    case PL_LIMIT:
    case PL_TAIL:
        if (n_kids == 1) {
            pl_big lim = n->u.limit.n > 0 ? (pl_big)n->u.limit.n : 0;
            pl_big rows = kids[0].has_rows && kids[0].rows < lim ? kids[0].rows : lim;
            pl_big size = rows ? pl_big_mul(rows, pl_row_size(n)) : 1;
            return (pl_stats){size, true, rows};
        }
        break;
    case PL_SET_OP:
        if (n->u.set_op.type == PL_SETOP_UNION)
            return (pl_stats){sum, false, 0};
        if (n->u.set_op.type == PL_SETOP_EXCEPT && n_kids)
            return kids[0];
        break;
    default:
        break;
    }
    if (n->n_children == 0) /* a file scan or a catalog table: size unknown */
        return (pl_stats){(pl_big)INT64_MAX, false, 0};
    if (n_kids == 1 && n->resolved && n->n_out > 0 && n->children[0]->n_out >= 0 &&
        n->kind != PL_JOIN)
        return pl_stats_unary(n, &kids[0]);
    return (pl_stats){any ? product : 0, false, 0};
}

/* Three significant digits, as BigDecimal(x, MathContext(3, HALF_UP)).toString(). */
static void pl_big_sci(pl_big v, em_str *out)
{
    char digits[64];
    int nd = 0;
    if (v == 0)
        digits[nd++] = '0';
    while (v && nd < 60) {
        digits[nd++] = (char)('0' + (int)(v % 10));
        v /= 10;
    }
    /* digits holds the number reversed; keep 3 significant digits, rounding half up. */
    int exp10 = nd - 1;
    int d0 = digits[nd - 1] - '0', d1 = nd > 1 ? digits[nd - 2] - '0' : 0,
        d2 = nd > 2 ? digits[nd - 3] - '0' : 0, d3 = nd > 3 ? digits[nd - 4] - '0' : 0;
    int mant = d0 * 100 + d1 * 10 + d2 + (d3 >= 5 ? 1 : 0);
    if (mant >= 1000) {
        mant /= 10;
        exp10++;
    }
    if (exp10 < 3) {
        em_str_printf(out, "%d", mant / (exp10 == 0 ? 100 : exp10 == 1 ? 10 : 1));
        return;
    }
    em_str_printf(out, "%d.%02dE+%d", mant / 100, mant % 100, exp10);
}

/* Utils.bytesToString. */
static void pl_bytes_string(pl_big size, em_str *out)
{
    static const char *const units[] = {"EiB", "PiB", "TiB", "GiB", "MiB", "KiB", "B"};
    if (size <= (pl_big)INT64_MAX) {
        int64_t s = (int64_t)size;
        int idx = 0;
        while (idx < 6 && s < 2 * (((int64_t)1) << (10 * (6 - idx))))
            idx++;
        em_str_printf(out, "%.1f %s", (double)s / (double)(((int64_t)1) << (10 * (6 - idx))),
                      units[idx]);
        return;
    }
    if (size < (((pl_big)2) << 10) * (((pl_big)1) << 60)) {
        em_str_printf(out, "%.1f EiB", (double)size / (double)(((pl_big)1) << 60));
        return;
    }
    pl_big_sci(size, out);
    em_str_puts(out, " B");
}

static void pl_stats_string(const pl_stats *s, em_str *out)
{
    em_str_puts(out, "Statistics(sizeInBytes=");
    pl_bytes_string(s->size, out);
    if (s->has_rows) {
        em_str_puts(out, ", rowCount=");
        pl_big_sci(s->rows, out);
    }
    em_str_putc(out, ')');
}

/* ---- trees with a per-node suffix ---------------------------------------------------------- */

typedef void (*pl_suffix_fn)(const pl_node *n, void *arg, em_str *out);

static void pl_tree_suffix_rec(const pl_node *n, em_str *prefix, bool is_last, bool root,
                               pl_suffix_fn fn, void *arg, em_str *out, int depth)
{
    em_str_append(out, prefix->data ? prefix->data : "", prefix->len);
    if (!root)
        em_str_puts(out, is_last ? "+- " : ":- ");
    if (depth > 2000) {
        em_str_puts(out, "...\n");
        return;
    }
    fn(n, arg, out);
    em_str_putc(out, '\n');
    size_t saved = prefix->len;
    if (!root)
        em_str_puts(prefix, is_last ? "   " : ":  ");
    for (int idx = 0; idx < n->n_children; idx++)
        if (n->children[idx])
            pl_tree_suffix_rec(n->children[idx], prefix, idx == n->n_children - 1, false, fn, arg,
                               out, depth + 1);
    prefix->len = saved;
    if (prefix->data)
        prefix->data[saved] = '\0';
}

static void pl_tree_suffix(const pl_node *n, pl_suffix_fn fn, void *arg, em_str *out)
{
    if (!n) {
        em_str_puts(out, "<none>\n");
        return;
    }
    em_str prefix;
    em_str_init(&prefix, 0);
    pl_tree_suffix_rec(n, &prefix, true, true, fn, arg, out, 0);
    em_str_release(&prefix);
}

static void pl_cost_line(const pl_node *n, void *arg, em_str *out)
{
    (void)arg;
    pl_node_string(n, out);
    pl_stats s = pl_stats_of(n, 0);
    em_str_puts(out, ", ");
    pl_stats_string(&s, out);
}

/* ---- formatted ----------------------------------------------------------------------------- */

typedef struct pl_fmt {
    const pl_node **nodes; /* nodes[id - 1], children numbered before their parent */
    int n, cap;
} pl_fmt;

static void pl_fmt_number(pl_fmt *f, const pl_node *n, int depth)
{
    if (!n || depth > 2000)
        return;
    for (int idx = 0; idx < n->n_children; idx++)
        pl_fmt_number(f, n->children[idx], depth + 1);
    if (f->n < f->cap)
        f->nodes[f->n++] = n;
}

static int pl_fmt_id(const pl_fmt *f, const pl_node *n)
{
    for (int idx = 0; idx < f->n; idx++)
        if (f->nodes[idx] == n)
            return idx + 1;
    return 0;
}

/* The operator's name: its line up to the first space. */
static void pl_fmt_name(const pl_node *n, em_str *out)
{
    em_str line;
    em_str_init(&line, 0);
    pl_node_string(n, &line);
    const char *s = line.data ? line.data : "";
    const char *sp = strchr(s, ' ');
    em_str_append(out, s, sp ? (size_t)(sp - s) : strlen(s));
    em_str_release(&line);
}

static void pl_fmt_line(const pl_node *n, void *arg, em_str *out)
{
    pl_fmt_name(n, out);
    em_str_printf(out, " (%d)", pl_fmt_id(arg, n));
}

static void pl_fmt_attrs(const char *label, const pl_node *n, em_str *out)
{
    em_str_printf(out, "%s [%d]: [", label, n->n_out);
    for (int idx = 0; idx < n->n_out; idx++) {
        const pl_attr *a = &n->out[idx];
        em_str_printf(out, "%s%s#%lld%s", idx ? ", " : "", a->name ? a->name : "", (long long)a->id,
                      a->type && a->type->kind == TY_LONG ? "L" : "");
    }
    em_str_puts(out, "]\n");
}

static void pl_fmt_details(const pl_fmt *f, em_str *out)
{
    for (int idx = 0; idx < f->n; idx++) {
        const pl_node *n = f->nodes[idx];
        em_str_printf(out, "(%d) ", idx + 1);
        pl_fmt_name(n, out);
        em_str_putc(out, '\n');
        if (n->resolved)
            pl_fmt_attrs("Output", n, out);
        if (n->n_children == 1 && n->children[0] && n->children[0]->resolved)
            pl_fmt_attrs("Input", n->children[0], out);
        em_str line;
        em_str_init(&line, 0);
        pl_node_string(n, &line);
        const char *s = line.data ? line.data : "";
        const char *sp = strchr(s, ' ');
        if (sp && sp[1])
            em_str_printf(out, "Arguments: %s\n", sp + 1);
        em_str_release(&line);
        em_str_putc(out, '\n');
    }
}

static int pl_count_nodes(const pl_node *n, int depth)
{
    if (!n || depth > 2000)
        return 0;
    int c = 1;
    for (int idx = 0; idx < n->n_children; idx++)
        c += pl_count_nodes(n->children[idx], depth + 1);
    return c;
}

void pl_explain_mode(const pl_node *resolved, const pl_node *optimized, int mode, em_str *out)
{
    if (!optimized)
        optimized = resolved;
    switch (mode) {
    case PL_EXPLAIN_CODEGEN:
        em_str_puts(out, "Found 0 WholeStageCodegen subtrees.\n");
        return;
    case PL_EXPLAIN_COST:
        em_str_puts(out, "== Optimized Logical Plan ==\n");
        pl_tree_suffix(optimized, pl_cost_line, NULL, out);
        em_str_puts(out, "\n== Physical Plan ==\n");
        pl_tree(optimized, out);
        em_str_putc(out, '\n');
        return;
    case PL_EXPLAIN_FORMATTED: {
        em_str_puts(out, "== Physical Plan ==\n");
        if (!optimized) {
            em_str_puts(out, "<none>\n\n");
            return;
        }
        pl_fmt f = {0};
        f.cap = pl_count_nodes(optimized, 0);
        f.nodes = em_calloc((size_t)(f.cap ? f.cap : 1), sizeof *f.nodes);
        pl_fmt_number(&f, optimized, 0);
        pl_tree_suffix(optimized, pl_fmt_line, &f, out);
        em_str_puts(out, "\n\n");
        pl_fmt_details(&f, out);
        em_free(f.nodes);
        return;
    }
    default:
        return;
    }
}
