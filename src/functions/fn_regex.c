/*
 * fn_regex: the regular expression functions, on PCRE2 with Java's syntax translated:
 * rlike / regexp / regexp_like, regexp_replace, regexp_extract, regexp_extract_all,
 * regexp_count, regexp_substr, regexp_instr and split.
 *
 * Spark compiles patterns with java.util.regex. PCRE2 (UTF mode, invalid UTF-8 tolerated,
 * newlines CR / LF / CRLF) agrees on the constructs people write; fn_regex_translate maps the
 * Java-only spellings: \p{Alpha} & co (Java's POSIX classes, ASCII) to [[:alpha:]], \uhhhh and
 * \0ooo to \x{...}, and drops the flags PCRE2 lacks or reads differently (d, u, U: PCRE2's U
 * means ungreedy). Class intersections and nested classes ([a-z&&[^e]], [a[b]]) are refused
 * with UNSUPPORTED_FEATURE.NOT_IMPLEMENTED rather than silently matched differently.
 *
 * Matching follows java.util.regex.Matcher.find: after an empty match the next search starts
 * one character later; replacement strings use Java's syntax ($n, ${name}, \x escapes).
 * An invalid pattern raises INVALID_PARAMETER_VALUE.PATTERN naming the function. Compiled
 * patterns are cached per kernel call (the last pattern seen, as Spark does per row).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"

/* ---- Java -> PCRE2 ------------------------------------------------------------------------------
 */

static const struct {
    const char *java;
    const char *posix;
} fn_regex_posix[] = {
    {"Lower", "lower"}, {"Upper", "upper"},      {"ASCII", "ascii"},      {"Alpha", "alpha"},
    {"Digit", "digit"}, {"Alnum", "alnum"},      {"Punct", "punct"},      {"Graph", "graph"},
    {"Print", "print"}, {"Blank", "blank"},      {"Cntrl", "cntrl"},      {"XDigit", "xdigit"},
    {"Space", "space"}, {"javaLowerCase", NULL}, {"javaUpperCase", NULL},
};

/* Appends the translation of one \p{Name} / \P{Name}. Returns false if unsupported. */
static bool fn_regex_prop(const char *name, size_t len, bool neg, bool in_class, em_str *out)
{
    for (size_t k = 0; k < sizeof fn_regex_posix / sizeof fn_regex_posix[0]; k++) {
        if (strlen(fn_regex_posix[k].java) != len || strncmp(fn_regex_posix[k].java, name, len))
            continue;
        if (!fn_regex_posix[k].posix) {
            bool lower = name[4] == 'L';
            em_str_printf(out, "\\%c{%s}", neg ? 'P' : 'p', lower ? "Ll" : "Lu");
            return true;
        }
        em_str_printf(out, "%s[:%s%s:]%s", in_class ? "" : "[", neg ? "^" : "",
                      fn_regex_posix[k].posix, in_class ? "" : "]");
        return true;
    }
    /* Unicode categories and scripts: \p{L}, \p{IsL}, \p{IsLatin}, \p{general_category=Lu} */
    const char *p = name;
    size_t n = len;
    if (n > 2 && p[0] == 'I' && p[1] == 's')
        p += 2, n -= 2;
    else if (n > 2 && p[0] == 'I' && p[1] == 'n')
        return false; /* Unicode blocks: PCRE2 has none */
    for (size_t k = 0; k < n; k++)
        if (p[k] == '=' || p[k] == ':')
            return false;
    em_str_printf(out, "\\%c{%.*s}", neg ? 'P' : 'p', (int)n, p);
    return true;
}

static bool fn_is_octal(char c)
{
    return c >= '0' && c <= '7';
}

static bool fn_is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/*
 * Java pattern text -> PCRE2 pattern text. Returns 0, or 1 for a construct PCRE2 cannot
 * express the Java way (the caller raises NOT_IMPLEMENTED); syntax errors are left for PCRE2
 * to report.
 */
static int fn_regex_translate(const char *p, int32_t n, em_str *out)
{
    int depth = 0; /* character class nesting */
    for (int32_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '\\' && i + 1 < n) {
            char d = p[i + 1];
            if (d == 'Q') { /* \Q...\E quotes: copied as is (PCRE2 supports them) */
                int32_t e = i + 2;
                while (e + 1 < n && !(p[e] == '\\' && p[e + 1] == 'E'))
                    e++;
                int32_t stop = e + 1 < n ? e + 2 : n;
                em_str_append(out, p + i, (size_t)(stop - i));
                i = stop - 1;
                continue;
            }
            if ((d == 'p' || d == 'P') && i + 2 < n) {
                const char *name = p + i + 2;
                size_t len = 1;
                int32_t adv = 2;
                if (*name == '{') {
                    const char *close = memchr(name, '}', (size_t)(n - i - 2));
                    if (!close)
                        return 1;
                    name++;
                    len = (size_t)(close - name);
                    adv = 2 + (int32_t)len + 2;
                } else {
                    adv = 3;
                }
                if (!fn_regex_prop(name, len, d == 'P', depth > 0, out))
                    return 1;
                i += adv - 1;
                continue;
            }
            if (d == 'u' && i + 5 < n && fn_is_hex(p[i + 2]) && fn_is_hex(p[i + 3]) &&
                fn_is_hex(p[i + 4]) && fn_is_hex(p[i + 5])) {
                em_str_printf(out, "\\x{%.4s}", p + i + 2);
                i += 5;
                continue;
            }
            if (d == '0') {
                int32_t k = i + 2, v = 0, nd = 0;
                while (k < n && nd < 3 && fn_is_octal(p[k]) && (v * 8 + (p[k] - '0')) <= 0377) {
                    v = v * 8 + (p[k] - '0');
                    k++, nd++;
                }
                em_str_printf(out, "\\x{%x}", (unsigned)v);
                i = k - 1;
                continue;
            }
            em_str_putc(out, c);
            em_str_putc(out, d);
            i++;
            continue;
        }
        if (depth > 0) {
            if (c == '[') {
                if (i + 1 < n && p[i + 1] == ':') { /* a POSIX bracket: copied */
                    em_str_putc(out, c);
                    continue;
                }
                return 1; /* nested class (union): Java only */
            }
            if (c == '&' && i + 1 < n && p[i + 1] == '&')
                return 1; /* intersection: Java only */
            if (c == ']') {
                depth--;
                em_str_putc(out, c);
                continue;
            }
            em_str_putc(out, c);
            continue;
        }
        if (c == '[') {
            depth++;
            em_str_putc(out, c);
            if (i + 1 < n && p[i + 1] == '^') {
                em_str_putc(out, '^');
                i++;
            }
            continue;
        }
        if (c == '(' && i + 2 < n && p[i + 1] == '?' &&
            (p[i + 2] == '-' || (p[i + 2] >= 'a' && p[i + 2] <= 'z') ||
             (p[i + 2] >= 'A' && p[i + 2] <= 'Z'))) {
            /* inline flags (?idmsuxU-idmsuxU) or (?flags:...) */
            int32_t k = i + 2;
            em_str_puts(out, "(?");
            while (k < n && p[k] != ')' && p[k] != ':') {
                char f = p[k];
                if (f != 'd' && f != 'u' && f != 'U')
                    em_str_putc(out, f);
                k++;
            }
            if (out->len >= 2 && out->data[out->len - 1] == '?' && out->data[out->len - 2] == '(' &&
                k < n && p[k] == ')') {
                /* only dropped flags: an empty group "(?)" would be an error */
                out->len -= 2;
                out->data[out->len] = '\0';
                i = k;
                continue;
            }
            if (out->len >= 1 && out->data[out->len - 1] == '-' && k < n)
                out->len--, out->data[out->len] = '\0';
            i = k - 1;
            continue;
        }
        em_str_putc(out, c);
    }
    return 0;
}

/* ---- compiled patterns
 * ------------------------------------------------------------------------------ */

typedef struct fn_re {
    pcre2_code *code;
    pcre2_match_data *md;
    uint32_t n_groups;
    char *src; /* the Java pattern compiled last (NUL-terminated copy) */
    int32_t src_len;
} fn_re;

static void fn_re_release(fn_re *re)
{
    if (re->md)
        pcre2_match_data_free(re->md);
    if (re->code)
        pcre2_code_free(re->code);
    em_free(re->src);
    memset(re, 0, sizeof *re);
}

static int fn_re_err_pattern(const char *fname, const char *p, int32_t n, em_error *err)
{
    em_str q;
    em_str_init(&q, 4096);
    ty_sql_quote_string(p, (size_t)n, &q);
    char id[128];
    snprintf(id, sizeof id, "`%s`", fname);
    int rc = em_error_set(err, "INVALID_PARAMETER_VALUE.PATTERN", "parameter", "`regexp`",
                          "functionName", id, "value", q.data ? q.data : "''", NULL);
    em_str_release(&q);
    return rc;
}

/* Compiles the Java pattern p unless it is the one compiled last. */
static int fn_re_compile(fn_re *re, const char *fname, const char *p, int32_t n, em_error *err)
{
    if (re->code && re->src_len == n && memcmp(re->src, p, (size_t)n) == 0)
        return EM_OK;
    fn_re_release(re);
    em_str t;
    em_str_init(&t, 1 << 20);
    if (fn_regex_translate(p, n, &t)) {
        em_str_release(&t);
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "Java regular expression class unions and intersections", NULL);
    }
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
    int ec = 0;
    PCRE2_SIZE eo = 0;
    re->code = pcre2_compile((PCRE2_SPTR)(t.data ? t.data : ""), t.len,
                             PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ec, &eo, cc);
    pcre2_compile_context_free(cc);
    em_str_release(&t);
    if (!re->code)
        return fn_re_err_pattern(fname, p, n, err);
    re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
    pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->n_groups);
    re->src = em_strndup(p, (size_t)n);
    re->src_len = n;
    return EM_OK;
}

/*
 * Matcher.find from byte `from` of s[0..len) (the region start is `base`: ^ and lookbehind see
 * nothing before it). Returns true with the ovector in re->md.
 */
static bool fn_re_find(fn_re *re, const char *s, int32_t len, int32_t base, int32_t from)
{
    if (from > len)
        return false;
    int rc = pcre2_match(re->code, (PCRE2_SPTR)(s + base), (PCRE2_SIZE)(len - base),
                         (PCRE2_SIZE)(from - base), 0, re->md, NULL);
    return rc >= 0;
}

/* Group g of the last match as byte offsets into s (region base added); false if the group
   did not participate. */
static bool fn_re_group(const fn_re *re, int32_t base, uint32_t g, int32_t *b0, int32_t *b1)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    if (ov[2 * g] == PCRE2_UNSET)
        return false;
    *b0 = base + (int32_t)ov[2 * g];
    *b1 = base + (int32_t)ov[2 * g + 1];
    return true;
}

/* Where Matcher.find continues after a match [b0, b1): one character later if it was empty. */
static int32_t fn_re_next(const char *s, int32_t len, int32_t b0, int32_t b1)
{
    if (b1 > b0)
        return b1;
    return b1 < len ? b1 + fn_uc_len((unsigned char)s[b1]) : len + 1;
}

/* ---- binding
 * -------------------------------------------------------------------------------------------- */

typedef enum fn_regex_op {
    FN_RE_LIKE,
    FN_RE_REPLACE,
    FN_RE_EXTRACT,
    FN_RE_EXTRACT_ALL,
    FN_RE_COUNT,
    FN_RE_SUBSTR,
    FN_RE_INSTR,
    FN_RE_SPLIT,
} fn_regex_op;

static fn_regex_op fn_regex_op_of(const char *name)
{
    if (strcasecmp(name, "regexp_replace") == 0)
        return FN_RE_REPLACE;
    if (strcasecmp(name, "regexp_extract") == 0)
        return FN_RE_EXTRACT;
    if (strcasecmp(name, "regexp_extract_all") == 0)
        return FN_RE_EXTRACT_ALL;
    if (strcasecmp(name, "regexp_count") == 0)
        return FN_RE_COUNT;
    if (strcasecmp(name, "regexp_substr") == 0)
        return FN_RE_SUBSTR;
    if (strcasecmp(name, "regexp_instr") == 0)
        return FN_RE_INSTR;
    if (strcasecmp(name, "split") == 0)
        return FN_RE_SPLIT;
    return FN_RE_LIKE;
}

/* The name Spark reports in errors (prettyName: rlike for its aliases). */
static const char *fn_regex_fname(const pl_expr *call)
{
    switch (fn_regex_op_of(call->fn->name)) {
    case FN_RE_LIKE:
        return "rlike";
    default:
        return call->fn->name;
    }
}

static int fn_bind_regex(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    fn_regex_op op = fn_regex_op_of(def->name);
    bool ansi = opts && opts->ansi;
    switch (op) {
    case FN_RE_LIKE:
    case FN_RE_COUNT:
    case FN_RE_SUBSTR:
        if (fn_check_arity(call, 2, 2, "2", err))
            return err->code;
        break;
    case FN_RE_REPLACE:
        if (fn_check_arity(call, 3, 4, "[3, 4]", err))
            return err->code;
        if (call->n_args == 3)
            fn_misc_add_arg(a, call, pl_lit_int(a, 1));
        break;
    case FN_RE_EXTRACT:
    case FN_RE_EXTRACT_ALL:
    case FN_RE_INSTR:
        if (fn_check_arity(call, 2, 3, "[2, 3]", err))
            return err->code;
        if (call->n_args == 2)
            fn_misc_add_arg(a, call, pl_lit_int(a, op == FN_RE_INSTR ? 0 : 1));
        break;
    case FN_RE_SPLIT:
        if (fn_check_arity(call, 2, 3, "[2, 3]", err))
            return err->code;
        if (call->n_args == 2)
            fn_misc_add_arg(a, call, pl_lit_int(a, -1));
        break;
    }
    for (int i = 0; i < call->n_args; i++) {
        bool is_int =
            (op == FN_RE_REPLACE && i == 3) || ((op == FN_RE_EXTRACT || op == FN_RE_EXTRACT_ALL ||
                                                 op == FN_RE_INSTR || op == FN_RE_SPLIT) &&
                                                i == 2);
        if (fn_misc_expect(a, call, i, is_int ? FN_W_INT : FN_W_STRING, ansi, err))
            return err->code;
    }
    if (op == FN_RE_REPLACE) {
        /* the position must be a foldable value in (0, 2147483647] */
        if (!fn_misc_foldable(call->args[3]))
            return fn_misc_err_non_foldable(call, 3, "position", err);
        vec *v = NULL;
        if (fn_misc_fold(call->args[3], opts, &v, err) < 0)
            return err->code;
        bool bad = !fn_is_null(v, 0) && VEC_VALUES(v, int32_t)[0] <= 0;
        char cur[32];
        if (bad)
            snprintf(cur, sizeof cur, "%d", VEC_VALUES(v, int32_t)[0]);
        vec_release(v);
        if (bad) {
            em_str sql;
            em_str_init(&sql, 4096);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr",
                                  sql.data ? sql.data : "", "exprName", "position", "valueRange",
                                  "(0, 2147483647]", "currentValue", cur, NULL);
            em_str_release(&sql);
            return rc;
        }
    }
    bool nullable = fn_any_nullable(call);
    switch (op) {
    case FN_RE_LIKE:
        call->type = ty_boolean();
        break;
    case FN_RE_COUNT:
    case FN_RE_INSTR:
        call->type = ty_int();
        break;
    case FN_RE_EXTRACT_ALL:
    case FN_RE_SPLIT:
        call->type = ty_array(a, ty_string(), false);
        break;
    case FN_RE_SUBSTR:
        call->type = ty_string();
        nullable = true;
        break;
    default:
        call->type = ty_string();
        break;
    }
    call->nullable = nullable;
    return EM_OK;
}

/* ---- kernels
 * ------------------------------------------------------------------------------------------------
 */

static int fn_re_err_group(const pl_expr *call, uint32_t n_groups, int32_t idx, em_error *err)
{
    char id[128], gc[16], gi[16];
    snprintf(id, sizeof id, "`%s`", fn_regex_fname(call));
    snprintf(gc, sizeof gc, "%u", n_groups);
    snprintf(gi, sizeof gi, "%d", idx);
    return em_error_set(err, "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", "parameter", "`idx`",
                        "functionName", id, "groupCount", gc, "groupIndex", gi, NULL);
}

/*
 * Matcher.appendReplacement for the last match: Java's replacement syntax. Returns false for an
 * invalid replacement (a missing escape, an illegal or unknown group reference).
 */
static bool fn_re_append_replacement(const fn_re *re, const char *s, int32_t base, const char *rep,
                                     int32_t rl, em_str *out)
{
    for (int32_t i = 0; i < rl; i++) {
        char c = rep[i];
        if (c == '\\') {
            if (++i >= rl)
                return false;
            em_str_putc(out, rep[i]);
            continue;
        }
        if (c != '$') {
            em_str_putc(out, c);
            continue;
        }
        if (++i >= rl)
            return false;
        uint32_t g;
        if (rep[i] == '{') {
            int32_t e = i + 1;
            while (e < rl && rep[e] != '}')
                e++;
            if (e >= rl || e == i + 1)
                return false;
            char name[128];
            int32_t nl = e - i - 1;
            if (nl >= (int32_t)sizeof name)
                return false;
            memcpy(name, rep + i + 1, (size_t)nl);
            name[nl] = '\0';
            int num = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
            if (num < 0)
                return false;
            g = (uint32_t)num;
            i = e;
        } else {
            if (rep[i] < '0' || rep[i] > '9')
                return false;
            g = (uint32_t)(rep[i] - '0');
            while (i + 1 < rl && rep[i + 1] >= '0' && rep[i + 1] <= '9') {
                uint32_t ng = g * 10 + (uint32_t)(rep[i + 1] - '0');
                if (ng > re->n_groups)
                    break;
                g = ng;
                i++;
            }
            if (g > re->n_groups)
                return false;
        }
        int32_t b0 = 0, b1 = 0;
        if (fn_re_group(re, base, g, &b0, &b1))
            em_str_append(out, s + b0, (size_t)(b1 - b0));
    }
    return true;
}

static int fn_re_err_replace(const char *s, int32_t sl, const char *p, int32_t pl, const char *r,
                             int32_t rl, int32_t pos, em_error *err)
{
    char *ss = em_strndup(s, (size_t)sl), *ps = em_strndup(p, (size_t)pl);
    char *rs = em_strndup(r, (size_t)rl);
    char pos_s[16];
    snprintf(pos_s, sizeof pos_s, "%d", pos);
    int rc = em_error_set(err, "INVALID_REGEXP_REPLACE", "source", ss, "pattern", ps, "replacement",
                          rs, "position", pos_s, NULL);
    em_free(ss);
    em_free(ps);
    em_free(rs);
    return rc;
}

/* Appends the rows of an array<string> result: the parts are (b0, b1) byte ranges of s. */
static int fn_re_append_parts(vec *o, const char *s, const int32_t *parts, int64_t n_parts,
                              em_error *err)
{
    vec *el = o->children[0];
    for (int64_t k = 0; k < n_parts; k++)
        if (vec_append_str(el, s + parts[2 * k], parts[2 * k + 1] - parts[2 * k], err))
            return err->code;
    vec_reserve(o, o->len + 1);
    o->offsets[o->len + 1] = (int32_t)el->len;
    vec_set_valid(o, o->len);
    o->len++;
    return EM_OK;
}

typedef struct fn_re_parts {
    int32_t *v;
    int64_t n, cap;
} fn_re_parts;

static void fn_re_parts_add(fn_re_parts *p, int32_t b0, int32_t b1)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 16;
        p->v = em_realloc(p->v, (size_t)p->cap * 2 * sizeof *p->v);
    }
    p->v[2 * p->n] = b0;
    p->v[2 * p->n + 1] = b1;
    p->n++;
}

/*
 * String.split(regex, limit) as UTF8String.split uses it: limit > 0 caps the number of parts;
 * otherwise every match splits and trailing empty parts are kept (UTF8String turns 0 into -1). A
 * zero-width match at the start gives no leading empty part; an empty pattern splits into
 * characters.
 */
static void fn_re_split(fn_re *re, const char *s, int32_t sl, const char *p, int32_t pl,
                        int32_t limit, fn_re_parts *out)
{
    if (sl > 0 && pl == 0) {
        int64_t nc = fn_uc_count(s, sl);
        int64_t parts = limit > nc || limit <= 0 ? nc : limit;
        int32_t b = 0;
        for (int64_t k = 0; k < parts - 1; k++) {
            int32_t adv = fn_uc_len((unsigned char)s[b]);
            fn_re_parts_add(out, b, b + adv);
            b += adv;
        }
        fn_re_parts_add(out, b, sl);
        return;
    }
    int32_t start = 0, from = 0;
    while ((limit <= 0 || out->n < limit - 1) && fn_re_find(re, s, sl, 0, from)) {
        int32_t b0 = 0, b1 = 0;
        fn_re_group(re, 0, 0, &b0, &b1);
        from = fn_re_next(s, sl, b0, b1);
        if (b1 == 0 && b0 == 0)
            continue; /* zero-width match at the beginning: no empty leading part */
        fn_re_parts_add(out, start, b0);
        start = b1;
    }
    if (out->n == 0) {
        fn_re_parts_add(out, 0, sl);
        return;
    }
    fn_re_parts_add(out, start, sl);
}

static int fn_eval_regex(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    fn_regex_op op = fn_regex_op_of(call->fn->name);
    vec *o = call->type->kind == TY_BOOLEAN || call->type->kind == TY_INT
                 ? fn_vec_fixed(call->type, n)
                 : vec_new(call->type, n);
    bool fixed = call->type->kind == TY_BOOLEAN || call->type->kind == TY_INT;
    fn_re re = {0};
    em_str buf;
    em_str_init(&buf, 0);
    fn_re_parts parts = {0};
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_misc_any_null(args, call->n_args, r)) {
            if (fixed)
                vec_set_null(o, r);
            else
                vec_append_null(o);
            continue;
        }
        int32_t sl, pl;
        const char *s = vec_str(args[0], r, &sl), *p = vec_str(args[1], r, &pl);
        if ((rc = fn_re_compile(&re, fn_regex_fname(call), p, pl, err)) != EM_OK)
            break;
        int32_t b0 = 0, b1 = 0;
        switch (op) {
        case FN_RE_LIKE:
            VEC_VALUES(o, uint8_t)[r] = fn_re_find(&re, s, sl, 0, 0);
            break;
        case FN_RE_REPLACE: {
            int32_t rl;
            const char *rep = vec_str(args[2], r, &rl);
            int32_t pos = VEC_VALUES(args[3], int32_t)[r] - 1;
            /* the region starts at code point `pos` (Matcher.region) */
            int32_t base = fn_uc_offset(s, sl, pos);
            if (pos != 0 && fn_uc_count(s, sl) <= pos) {
                rc = vec_append_str(o, s, sl, err);
                break;
            }
            em_str_reset(&buf);
            int32_t from = base, copied = 0;
            while (fn_re_find(&re, s, sl, base, from)) {
                fn_re_group(&re, base, 0, &b0, &b1);
                em_str_append(&buf, s + copied, (size_t)(b0 - copied));
                if (!fn_re_append_replacement(&re, s, base, rep, rl, &buf)) {
                    rc = fn_re_err_replace(s, sl, p, pl, rep, rl, pos + 1, err);
                    break;
                }
                copied = b1;
                from = fn_re_next(s, sl, b0, b1);
            }
            if (rc == EM_OK) {
                em_str_append(&buf, s + copied, (size_t)(sl - copied));
                rc = vec_append_str(o, buf.data ? buf.data : "", (int64_t)buf.len, err);
            }
            break;
        }
        case FN_RE_EXTRACT:
        case FN_RE_SUBSTR: {
            int32_t idx = op == FN_RE_SUBSTR ? 0 : VEC_VALUES(args[2], int32_t)[r];
            if (!fn_re_find(&re, s, sl, 0, 0)) {
                if (op == FN_RE_SUBSTR)
                    vec_append_null(o);
                else
                    rc = vec_append_str(o, "", 0, err);
                break;
            }
            if (idx < 0 || (uint32_t)idx > re.n_groups) {
                rc = fn_re_err_group(call, re.n_groups, idx, err);
                break;
            }
            if (!fn_re_group(&re, 0, (uint32_t)idx, &b0, &b1))
                b0 = b1 = 0;
            if (op == FN_RE_SUBSTR && b1 == b0)
                vec_append_null(o);
            else
                rc = vec_append_str(o, s + b0, b1 - b0, err);
            break;
        }
        case FN_RE_EXTRACT_ALL:
        case FN_RE_COUNT: {
            int32_t idx = op == FN_RE_COUNT ? 0 : VEC_VALUES(args[2], int32_t)[r];
            parts.n = 0;
            int32_t from = 0;
            while (fn_re_find(&re, s, sl, 0, from)) {
                if (idx < 0 || (uint32_t)idx > re.n_groups) {
                    rc = fn_re_err_group(call, re.n_groups, idx, err);
                    break;
                }
                int32_t m0 = 0, m1 = 0;
                fn_re_group(&re, 0, 0, &m0, &m1);
                if (!fn_re_group(&re, 0, (uint32_t)idx, &b0, &b1))
                    b0 = b1 = 0;
                fn_re_parts_add(&parts, b0, b1);
                from = fn_re_next(s, sl, m0, m1);
            }
            if (rc != EM_OK)
                break;
            if (op == FN_RE_COUNT)
                VEC_VALUES(o, int32_t)[r] = (int32_t)parts.n;
            else
                rc = fn_re_append_parts(o, s, parts.v, parts.n, err);
            break;
        }
        case FN_RE_INSTR: {
            int32_t idx = VEC_VALUES(args[2], int32_t)[r];
            if (!fn_re_find(&re, s, sl, 0, 0)) {
                VEC_VALUES(o, int32_t)[r] = 0;
                break;
            }
            if (idx < 0 || (uint32_t)idx > re.n_groups) {
                rc = fn_re_err_group(call, re.n_groups, idx, err);
                break;
            }
            VEC_VALUES(o, int32_t)
            [r] = fn_re_group(&re, 0, (uint32_t)idx, &b0, &b1) ? fn_uc_count(s, b0) + 1 : 0;
            break;
        }
        case FN_RE_SPLIT:
            parts.n = 0;
            fn_re_split(&re, s, sl, p, pl, VEC_VALUES(args[2], int32_t)[r], &parts);
            rc = fn_re_append_parts(o, s, parts.v, parts.n, err);
            break;
        }
    }
    fn_re_release(&re);
    em_str_release(&buf);
    em_free(parts.v);
    if (rc != EM_OK) {
        vec_release(o);
        return rc;
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_RE(nm, mn, mx)                                                                          \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = fn_bind_regex,      \
        .eval = fn_eval_regex, .deterministic = true                                               \
    }

const fn_def fn_regex_defs[] = {
    FN_RE("rlike", 2, 2),          FN_RE("regexp", 2, 2),         FN_RE("regexp_like", 2, 2),
    FN_RE("regexp_replace", 3, 4), FN_RE("regexp_extract", 2, 3), FN_RE("regexp_extract_all", 2, 3),
    FN_RE("regexp_count", 2, 2),   FN_RE("regexp_substr", 2, 2),  FN_RE("regexp_instr", 2, 3),
    FN_RE("split", 2, 3),
};
const int fn_regex_n_defs = (int)(sizeof fn_regex_defs / sizeof fn_regex_defs[0]);
