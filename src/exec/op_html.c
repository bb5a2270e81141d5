/*
 * op_html: HtmlString, the text Dataset.htmlString builds for a notebook's _repr_html_ (PySpark
 * sends it when spark.sql.repl.eagerEval.enabled is on). One row, one non-null string column
 * `html_string`.
 *
 * Rules (Spark's Dataset.htmlString over getRows): take num_rows + 1 rows to know whether more
 * exist; the header is the column names, the cells are ToPrettyString values; both have their
 * meta characters escaped as two-character sequences (\n \r \t \f \b \v \a, as showString);
 * when truncate > 0 a cell longer than truncate UTF-16 code units keeps truncate - 3 of them
 * plus "..." (truncate of them when truncate < 4). Every header and cell is then escaped with
 * commons-text's StringEscapeUtils.escapeHtml4 (the HTML 4.0 named entities: &quot; &amp; &lt;
 * &gt;, Latin-1 and the HTML 4.0 extended set; the apostrophe is not escaped) and laid out as
 * "<table border='1'>\n", one "<tr><th>..</th></tr>\n" row, one "<tr><td>..</td></tr>\n" per
 * data row, "</table>\n", then "only showing top N row(s)\n" when rows were left out.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_format.h"

typedef struct ex_html_entity {
    uint32_t cp;
    const char *name;
} ex_html_entity;

/* escapeHtml4's table: BASIC_ESCAPE, ISO8859_1_ESCAPE and HTML40_EXTENDED_ESCAPE (sorted). */
static const ex_html_entity ex_html_entities[] = {
    {0x22, "quot"},     {0x26, "amp"},       {0x3C, "lt"},       {0x3E, "gt"},
    {0xA0, "nbsp"},     {0xA1, "iexcl"},     {0xA2, "cent"},     {0xA3, "pound"},
    {0xA4, "curren"},   {0xA5, "yen"},       {0xA6, "brvbar"},   {0xA7, "sect"},
    {0xA8, "uml"},      {0xA9, "copy"},      {0xAA, "ordf"},     {0xAB, "laquo"},
    {0xAC, "not"},      {0xAD, "shy"},       {0xAE, "reg"},      {0xAF, "macr"},
    {0xB0, "deg"},      {0xB1, "plusmn"},    {0xB2, "sup2"},     {0xB3, "sup3"},
    {0xB4, "acute"},    {0xB5, "micro"},     {0xB6, "para"},     {0xB7, "middot"},
    {0xB8, "cedil"},    {0xB9, "sup1"},      {0xBA, "ordm"},     {0xBB, "raquo"},
    {0xBC, "frac14"},   {0xBD, "frac12"},    {0xBE, "frac34"},   {0xBF, "iquest"},
    {0xC0, "Agrave"},   {0xC1, "Aacute"},    {0xC2, "Acirc"},    {0xC3, "Atilde"},
    {0xC4, "Auml"},     {0xC5, "Aring"},     {0xC6, "AElig"},    {0xC7, "Ccedil"},
    {0xC8, "Egrave"},   {0xC9, "Eacute"},    {0xCA, "Ecirc"},    {0xCB, "Euml"},
    {0xCC, "Igrave"},   {0xCD, "Iacute"},    {0xCE, "Icirc"},    {0xCF, "Iuml"},
    {0xD0, "ETH"},      {0xD1, "Ntilde"},    {0xD2, "Ograve"},   {0xD3, "Oacute"},
    {0xD4, "Ocirc"},    {0xD5, "Otilde"},    {0xD6, "Ouml"},     {0xD7, "times"},
    {0xD8, "Oslash"},   {0xD9, "Ugrave"},    {0xDA, "Uacute"},   {0xDB, "Ucirc"},
    {0xDC, "Uuml"},     {0xDD, "Yacute"},    {0xDE, "THORN"},    {0xDF, "szlig"},
    {0xE0, "agrave"},   {0xE1, "aacute"},    {0xE2, "acirc"},    {0xE3, "atilde"},
    {0xE4, "auml"},     {0xE5, "aring"},     {0xE6, "aelig"},    {0xE7, "ccedil"},
    {0xE8, "egrave"},   {0xE9, "eacute"},    {0xEA, "ecirc"},    {0xEB, "euml"},
    {0xEC, "igrave"},   {0xED, "iacute"},    {0xEE, "icirc"},    {0xEF, "iuml"},
    {0xF0, "eth"},      {0xF1, "ntilde"},    {0xF2, "ograve"},   {0xF3, "oacute"},
    {0xF4, "ocirc"},    {0xF5, "otilde"},    {0xF6, "ouml"},     {0xF7, "divide"},
    {0xF8, "oslash"},   {0xF9, "ugrave"},    {0xFA, "uacute"},   {0xFB, "ucirc"},
    {0xFC, "uuml"},     {0xFD, "yacute"},    {0xFE, "thorn"},    {0xFF, "yuml"},
    {0x152, "OElig"},   {0x153, "oelig"},    {0x160, "Scaron"},  {0x161, "scaron"},
    {0x178, "Yuml"},    {0x192, "fnof"},     {0x2C6, "circ"},    {0x2DC, "tilde"},
    {0x391, "Alpha"},   {0x392, "Beta"},     {0x393, "Gamma"},   {0x394, "Delta"},
    {0x395, "Epsilon"}, {0x396, "Zeta"},     {0x397, "Eta"},     {0x398, "Theta"},
    {0x399, "Iota"},    {0x39A, "Kappa"},    {0x39B, "Lambda"},  {0x39C, "Mu"},
    {0x39D, "Nu"},      {0x39E, "Xi"},       {0x39F, "Omicron"}, {0x3A0, "Pi"},
    {0x3A1, "Rho"},     {0x3A3, "Sigma"},    {0x3A4, "Tau"},     {0x3A5, "Upsilon"},
    {0x3A6, "Phi"},     {0x3A7, "Chi"},      {0x3A8, "Psi"},     {0x3A9, "Omega"},
    {0x3B1, "alpha"},   {0x3B2, "beta"},     {0x3B3, "gamma"},   {0x3B4, "delta"},
    {0x3B5, "epsilon"}, {0x3B6, "zeta"},     {0x3B7, "eta"},     {0x3B8, "theta"},
    {0x3B9, "iota"},    {0x3BA, "kappa"},    {0x3BB, "lambda"},  {0x3BC, "mu"},
    {0x3BD, "nu"},      {0x3BE, "xi"},       {0x3BF, "omicron"}, {0x3C0, "pi"},
    {0x3C1, "rho"},     {0x3C2, "sigmaf"},   {0x3C3, "sigma"},   {0x3C4, "tau"},
    {0x3C5, "upsilon"}, {0x3C6, "phi"},      {0x3C7, "chi"},     {0x3C8, "psi"},
    {0x3C9, "omega"},   {0x3D1, "thetasym"}, {0x3D2, "upsih"},   {0x3D6, "piv"},
    {0x2002, "ensp"},   {0x2003, "emsp"},    {0x2009, "thinsp"}, {0x200C, "zwnj"},
    {0x200D, "zwj"},    {0x200E, "lrm"},     {0x200F, "rlm"},    {0x2013, "ndash"},
    {0x2014, "mdash"},  {0x2018, "lsquo"},   {0x2019, "rsquo"},  {0x201A, "sbquo"},
    {0x201C, "ldquo"},  {0x201D, "rdquo"},   {0x201E, "bdquo"},  {0x2020, "dagger"},
    {0x2021, "Dagger"}, {0x2022, "bull"},    {0x2026, "hellip"}, {0x2030, "permil"},
    {0x2032, "prime"},  {0x2033, "Prime"},   {0x2039, "lsaquo"}, {0x203A, "rsaquo"},
    {0x203E, "oline"},  {0x2044, "frasl"},   {0x20AC, "euro"},   {0x2111, "image"},
    {0x2118, "weierp"}, {0x211C, "real"},    {0x2122, "trade"},  {0x2135, "alefsym"},
    {0x2190, "larr"},   {0x2191, "uarr"},    {0x2192, "rarr"},   {0x2193, "darr"},
    {0x2194, "harr"},   {0x21B5, "crarr"},   {0x21D0, "lArr"},   {0x21D1, "uArr"},
    {0x21D2, "rArr"},   {0x21D3, "dArr"},    {0x21D4, "hArr"},   {0x2200, "forall"},
    {0x2202, "part"},   {0x2203, "exist"},   {0x2205, "empty"},  {0x2207, "nabla"},
    {0x2208, "isin"},   {0x2209, "notin"},   {0x220B, "ni"},     {0x220F, "prod"},
    {0x2211, "sum"},    {0x2212, "minus"},   {0x2217, "lowast"}, {0x221A, "radic"},
    {0x221D, "prop"},   {0x221E, "infin"},   {0x2220, "ang"},    {0x2227, "and"},
    {0x2228, "or"},     {0x2229, "cap"},     {0x222A, "cup"},    {0x222B, "int"},
    {0x2234, "there4"}, {0x223C, "sim"},     {0x2245, "cong"},   {0x2248, "asymp"},
    {0x2260, "ne"},     {0x2261, "equiv"},   {0x2264, "le"},     {0x2265, "ge"},
    {0x2282, "sub"},    {0x2283, "sup"},     {0x2284, "nsub"},   {0x2286, "sube"},
    {0x2287, "supe"},   {0x2295, "oplus"},   {0x2297, "otimes"}, {0x22A5, "perp"},
    {0x22C5, "sdot"},   {0x2308, "lceil"},   {0x2309, "rceil"},  {0x230A, "lfloor"},
    {0x230B, "rfloor"}, {0x2329, "lang"},    {0x232A, "rang"},   {0x25CA, "loz"},
    {0x2660, "spades"}, {0x2663, "clubs"},   {0x2665, "hearts"}, {0x2666, "diams"},
};

static const char *ex_html_entity_of(uint32_t cp)
{
    int lo = 0, hi = (int)(sizeof ex_html_entities / sizeof ex_html_entities[0]) - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (ex_html_entities[mid].cp == cp)
            return ex_html_entities[mid].name;
        if (ex_html_entities[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return NULL;
}

/* Decodes one UTF-8 code point; returns its byte length (at least 1). */
static int ex_html_u8(const char *s, size_t n, uint32_t *cp)
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

/* SchemaUtils.escapeMetaCharacters, then the getRows truncation, into out. */
static void ex_html_cell_text(const char *s, size_t n, int truncate, em_str *out)
{
    em_str e;
    em_str_init(&e, 0);
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '\n':
            em_str_puts(&e, "\\n");
            break;
        case '\r':
            em_str_puts(&e, "\\r");
            break;
        case '\t':
            em_str_puts(&e, "\\t");
            break;
        case '\f':
            em_str_puts(&e, "\\f");
            break;
        case '\b':
            em_str_puts(&e, "\\b");
            break;
        case '\v':
            em_str_puts(&e, "\\v");
            break;
        case '\a':
            em_str_puts(&e, "\\a");
            break;
        default:
            em_str_putc(&e, s[i]);
        }
    }
    const char *t = e.data ? e.data : "";
    size_t tl = e.len;
    int64_t units = 0;
    for (size_t i = 0; i < tl;) {
        uint32_t cp;
        i += (size_t)ex_html_u8(t + i, tl - i, &cp);
        units += cp > 0xFFFF ? 2 : 1;
    }
    if (truncate > 0 && units > truncate) {
        int64_t keep = truncate < 4 ? truncate : truncate - 3;
        size_t i = 0;
        int64_t u = 0;
        while (i < tl) {
            uint32_t cp;
            int l = ex_html_u8(t + i, tl - i, &cp);
            int w = cp > 0xFFFF ? 2 : 1;
            if (u + w > keep)
                break;
            u += w;
            i += (size_t)l;
        }
        em_str_append(out, t, i);
        if (truncate >= 4)
            em_str_puts(out, "...");
    } else {
        em_str_append(out, t, tl);
    }
    em_str_release(&e);
}

/* StringEscapeUtils.escapeHtml4 of s into out. */
static void ex_html_escape(const char *s, size_t n, em_str *out)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int l = ex_html_u8(s + i, n - i, &cp);
        const char *name = cp == '\'' ? NULL : ex_html_entity_of(cp);
        if (name) {
            em_str_putc(out, '&');
            em_str_puts(out, name);
            em_str_putc(out, ';');
        } else {
            em_str_append(out, s + i, (size_t)l);
        }
        i += (size_t)l;
    }
}

static void ex_html_put(const char *s, size_t n, int truncate, em_str *sb)
{
    em_str cell;
    em_str_init(&cell, 0);
    ex_html_cell_text(s, n, truncate, &cell);
    ex_html_escape(cell.data ? cell.data : "", cell.len, sb);
    em_str_release(&cell);
}

static int ex_html_render(ex_op *op, em_str *sb, em_error *err)
{
    const pl_node *n = op->node;
    const pl_node *child = n->children[0];
    int64_t num_rows = n->u.show.num_rows < 0 ? 0 : n->u.show.num_rows;
    if (num_rows > INT32_MAX - 16)
        num_rows = INT32_MAX - 16;
    int truncate = n->u.show.truncate;
    int n_cols = child->n_out;
    em_str_puts(sb, "<table border='1'>\n<tr>");
    for (int c = 0; c < n_cols; c++) {
        const char *name = child->out[c].name ? child->out[c].name : "";
        em_str_puts(sb, "<th>");
        ex_html_put(name, strlen(name), 0, sb);
        em_str_puts(sb, "</th>");
    }
    em_str_puts(sb, "</tr>\n");
    int64_t got = 0;
    int rc = 0;
    em_str cell;
    em_str_init(&cell, 0);
    ty_format_opts fo = {.pretty = true, .decimal_plain = true, .tz = ty_session_tz(&op->q->opts)};
    while (got < num_rows + 1) {
        vec_batch *b;
        rc = ex_child_next(op, 0, &b, err);
        if (rc <= 0)
            break;
        for (int64_t r = 0; r < b->n_rows && got < num_rows + 1; r++, got++) {
            if (got == num_rows)
                continue; /* the extra row only tells that more exist */
            em_str_puts(sb, "<tr>");
            for (int c = 0; c < n_cols; c++) {
                em_str_reset(&cell);
                ty_format_cell(b->cols[c], r, &fo, &cell);
                em_str_puts(sb, "<td>");
                ex_html_put(cell.data ? cell.data : "", cell.len, truncate, sb);
                em_str_puts(sb, "</td>");
            }
            em_str_puts(sb, "</tr>\n");
        }
        vec_batch_free(b);
    }
    em_str_release(&cell);
    if (rc < 0)
        return -1;
    em_str_puts(sb, "</table>\n");
    if (got > num_rows)
        em_str_printf(sb, "only showing top %lld %s\n", (long long)num_rows,
                      num_rows == 1 ? "row" : "rows");
    return 0;
}

typedef struct ex_html_state {
    bool done;
} ex_html_state;

static int ex_html_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_html_state *st = op->state;
    if (st->done)
        return 0;
    st->done = true;
    em_str sb;
    em_str_init(&sb, (size_t)VEC_MAX_BYTES);
    if (ex_html_render(op, &sb, err)) {
        em_str_release(&sb);
        return -1;
    }
    if (sb.overflow) {
        em_str_release(&sb);
        em_error_internal(err, "html_string result exceeds %lld bytes", (long long)VEC_MAX_BYTES);
        return -1;
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

static void ex_html_release(ex_op *op)
{
    em_free(op->state);
}

static const ex_op_vtbl ex_html_vt = {ex_html_next, ex_html_release};

int ex_html_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, n, &ex_html_vt, 1);
    op->state = em_calloc(1, sizeof(ex_html_state));
    if (ex_build(q, n->children[0], &op->children[0], err)) {
        ex_op_free(op);
        return err->code;
    }
    *out = op;
    return EM_OK;
}
