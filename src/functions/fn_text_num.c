/*
 * fn_text_num: to_number / try_to_number (Spark's ToNumberParser): a string parsed against a
 * number format of 0 / 9 digits, . or D, , or G, $, S, MI and PR into DECIMAL(precision,
 * scale) where precision counts the format's digits and scale those after the point.
 *
 * The format is folded and validated at bind time with Spark's checks and error classes
 * (INVALID_FORMAT.EMPTY, WRONG_NUM_DIGIT, CUR_MUST_BEFORE_DIGIT, CUR_MUST_BEFORE_DEC,
 * CONT_THOUSANDS_SEPS, THOUSANDS_SEPS_MUST_BEFORE_DEC, WRONG_NUM_TOKEN, UNEXPECTED_TOKEN);
 * an input that does not match raises INVALID_FORMAT.MISMATCH_INPUT (to_number) or is NULL
 * (try_to_number). A NULL format gives DECIMAL(10,0) NULLs.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"

typedef enum fn_nt_kind {
    FN_NT_GROUP,   /* digit group: digits and commas */
    FN_NT_POINT,   /* . or D */
    FN_NT_DOLLAR,  /* $ */
    FN_NT_S,       /* S */
    FN_NT_MI,      /* MI */
    FN_NT_OPEN,    /* PR: < */
    FN_NT_CLOSE,   /* PR: > */
    FN_NT_INVALID, /* any other character */
} fn_nt_kind;

#define FN_NT_MAX 64

/* One digit run of a group: n digits, exact (a 0-run before the point) or at most. */
typedef struct fn_nt_digits {
    int n;
    bool exact;
} fn_nt_digits;

typedef struct fn_nt_tok {
    fn_nt_kind kind;
    char invalid;
    /* FN_NT_GROUP: sub-tokens in format order (digits index >= 0, or -1 for a comma) */
    int n_sub;
    int sub[FN_NT_MAX];
    int n_digits;
    fn_nt_digits digits[FN_NT_MAX];
} fn_nt_tok;

typedef struct fn_nt_format {
    char text[256]; /* upper-cased format */
    int n;
    fn_nt_tok toks[FN_NT_MAX];
    int precision, scale;
    bool try_;
    bool null_format;
} fn_nt_format;

/* Tokenizes the upper-cased format; false if it has too many tokens. */
static bool fn_nt_tokenize(fn_nt_format *f)
{
    const char *p = f->text;
    int len = (int)strlen(p);
    fn_nt_tok raw[FN_NT_MAX * 2];
    int n_raw = 0;
    bool after_point = false, has_pr = false;
    for (int i = 0; i < len;) {
        if (n_raw >= FN_NT_MAX * 2 - 2)
            return false;
        fn_nt_tok t;
        memset(&t, 0, sizeof t);
        char c = p[i];
        if (c == '0' || c == '9') {
            int start = i;
            do
                i++;
            while (i < len && (p[i] == '0' || p[i] == '9'));
            t.kind = FN_NT_GROUP;
            t.n_digits = 1;
            t.digits[0].n = i - start;
            t.digits[0].exact = c == '0' && !after_point;
            t.n_sub = 1;
            t.sub[0] = 0;
        } else if (c == '.' || c == 'D') {
            t.kind = FN_NT_POINT;
            after_point = true;
            i++;
        } else if (c == ',' || c == 'G') {
            t.kind = FN_NT_GROUP;
            t.n_sub = 1;
            t.sub[0] = -1;
            i++;
        } else if (c == '$') {
            t.kind = FN_NT_DOLLAR;
            i++;
        } else if (c == 'S') {
            t.kind = FN_NT_S;
            i++;
        } else if (c == 'M' && i + 1 < len && p[i + 1] == 'I') {
            t.kind = FN_NT_MI;
            i += 2;
        } else if (c == 'P' && i + 1 < len && p[i + 1] == 'R') {
            has_pr = true;
            i += 2;
            continue;
        } else {
            t.kind = FN_NT_INVALID;
            t.invalid = c;
            i++;
        }
        raw[n_raw++] = t;
    }
    /* PR wraps everything: an opening bracket first, a closing one last */
    f->n = 0;
    if (has_pr)
        f->toks[f->n++] = (fn_nt_tok){.kind = FN_NT_OPEN};
    for (int k = 0; k < n_raw; k++) {
        fn_nt_tok *t = &raw[k];
        if (t->kind == FN_NT_GROUP && f->n > 0 && f->toks[f->n - 1].kind == FN_NT_GROUP) {
            fn_nt_tok *g = &f->toks[f->n - 1];
            if (g->n_sub >= FN_NT_MAX || g->n_digits >= FN_NT_MAX)
                return false;
            if (t->sub[0] < 0) {
                g->sub[g->n_sub++] = -1;
            } else {
                g->digits[g->n_digits] = t->digits[0];
                g->sub[g->n_sub++] = g->n_digits++;
            }
            continue;
        }
        if (f->n >= FN_NT_MAX - 1)
            return false;
        f->toks[f->n++] = *t;
    }
    if (has_pr)
        f->toks[f->n++] = (fn_nt_tok){.kind = FN_NT_CLOSE};
    /* precision and scale */
    int point = -1;
    for (int k = 0; k < f->n; k++)
        if (f->toks[k].kind == FN_NT_POINT) {
            point = k;
            break;
        }
    f->precision = f->scale = 0;
    for (int k = 0; k < f->n; k++)
        if (f->toks[k].kind == FN_NT_GROUP)
            for (int d = 0; d < f->toks[k].n_digits; d++) {
                f->precision += f->toks[k].digits[d].n;
                if (point >= 0 && k > point)
                    f->scale += f->toks[k].digits[d].n;
            }
    return true;
}

static const char *fn_nt_name(const fn_nt_tok *t, char *buf, size_t cap)
{
    switch (t->kind) {
    case FN_NT_GROUP:
        return "digit sequence";
    case FN_NT_POINT:
        return ". or D";
    case FN_NT_DOLLAR:
        return "$";
    case FN_NT_S:
        return "S";
    case FN_NT_MI:
        return "MI";
    case FN_NT_OPEN:
    case FN_NT_CLOSE:
        return "PR";
    default:
        snprintf(buf, cap, "character '%c''", t->invalid);
        return buf;
    }
}

/* ToNumberParser.checkInputDataTypes. */
static int fn_nt_check(const fn_nt_format *f, em_error *err)
{
    em_str q;
    em_str_init(&q, 1024);
    ty_sql_quote_string(f->text, strlen(f->text), &q);
    const char *fmt = q.data ? q.data : "''";
    const char *sub = NULL;
    char tokbuf[32];
    const char *token = NULL;
    int first_dollar = -1, first_digit = -1, first_point = -1;
    int counts[FN_NT_INVALID + 1] = {0};
    for (int k = 0; k < f->n; k++) {
        fn_nt_kind kk = f->toks[k].kind;
        counts[kk]++;
        if (kk == FN_NT_DOLLAR && first_dollar < 0)
            first_dollar = k;
        if (kk == FN_NT_GROUP && first_digit < 0)
            first_digit = k;
        if (kk == FN_NT_POINT && first_point < 0)
            first_point = k;
    }
    bool has_digits = false;
    for (int k = 0; k < f->n; k++)
        if (f->toks[k].kind == FN_NT_GROUP && f->toks[k].n_digits > 0)
            has_digits = true;
    if (f->text[0] == '\0') {
        sub = "INVALID_FORMAT.EMPTY";
    } else if (!has_digits) {
        sub = "INVALID_FORMAT.WRONG_NUM_DIGIT";
    } else if (first_digit < first_dollar) {
        sub = "INVALID_FORMAT.CUR_MUST_BEFORE_DIGIT";
    } else if (first_point != -1 && first_point < first_dollar) {
        sub = "INVALID_FORMAT.CUR_MUST_BEFORE_DEC";
    }
    for (int k = 0; !sub && k < f->n; k++) {
        const fn_nt_tok *t = &f->toks[k];
        if (t->kind != FN_NT_GROUP)
            continue;
        bool before = first_point == -1 || k < first_point;
        for (int s = 0; s < t->n_sub; s++) {
            if (t->sub[s] >= 0)
                continue;
            if (before && (s == 0 || s == t->n_sub - 1 || t->sub[s - 1] < 0 || t->sub[s + 1] < 0))
                sub = "INVALID_FORMAT.CONT_THOUSANDS_SEPS";
            else if (!before)
                sub = "INVALID_FORMAT.THOUSANDS_SEPS_MUST_BEFORE_DEC";
        }
    }
    static const fn_nt_kind once[] = {FN_NT_POINT, FN_NT_S, FN_NT_MI, FN_NT_DOLLAR, FN_NT_CLOSE};
    for (size_t k = 0; !sub && k < sizeof once / sizeof once[0]; k++)
        if (counts[once[k]] > 1) {
            sub = "INVALID_FORMAT.WRONG_NUM_TOKEN";
            fn_nt_tok t = {.kind = once[k]};
            token = fn_nt_name(&t, tokbuf, sizeof tokbuf);
        }
    if (!sub) {
        /* [<] [MI|S] [$] [digits] [.] [digits] [$] [MI|S|>] */
        static const int allowed[8] = {
            1 << FN_NT_OPEN,   1 << FN_NT_MI | 1 << FN_NT_S,
            1 << FN_NT_DOLLAR, 1 << FN_NT_GROUP,
            1 << FN_NT_POINT,  1 << FN_NT_GROUP,
            1 << FN_NT_DOLLAR, 1 << FN_NT_MI | 1 << FN_NT_S | 1 << FN_NT_CLOSE};
        int idx = 0;
        for (int k = 0; k < 8; k++)
            if (idx < f->n && (allowed[k] & (1 << f->toks[idx].kind)))
                idx++;
        if (idx < f->n) {
            sub = "INVALID_FORMAT.UNEXPECTED_TOKEN";
            token = fn_nt_name(&f->toks[idx], tokbuf, sizeof tokbuf);
        }
    }
    int rc = EM_OK;
    if (sub && token)
        rc = em_error_set(err, sub, "token", token, "format", fmt, NULL);
    else if (sub)
        rc = em_error_set(err, sub, "format", fmt, NULL);
    em_str_release(&q);
    return rc;
}

static bool fn_nt_space(unsigned char c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
}

/* ToNumberParser.parse: false when the input does not match. */
static bool fn_nt_parse(const fn_nt_format *f, const char *s, int32_t n, em_str *digits_before,
                        em_str *digits_after, bool *negate)
{
    bool point = false, opened = false, closed = false;
    int32_t i = 0;
    *negate = false;
    for (int k = 0; k < f->n; k++) {
        const fn_nt_tok *t = &f->toks[k];
        bool have = i < n;
        char c = have ? s[i] : 0;
        switch (t->kind) {
        case FN_NT_GROUP: {
            int sizes[256], n_sizes = 0, cur = 0;
            while (i < n) {
                unsigned char ch = (unsigned char)s[i];
                if (fn_nt_space(ch)) {
                    i++;
                } else if (ch >= '0' && ch <= '9') {
                    cur++;
                    em_str_putc(point ? digits_after : digits_before, (char)ch);
                    i++;
                } else if (ch == ',') {
                    if (n_sizes < 256)
                        sizes[n_sizes++] = cur;
                    cur = 0;
                    i++;
                } else {
                    break;
                }
            }
            if (n_sizes < 256)
                sizes[n_sizes++] = cur;
            /* compare from the right: the last parsed group with the last format digits */
            if (n_sizes > t->n_digits)
                return false;
            for (int d = 0; d < t->n_digits; d++) {
                const fn_nt_digits *want = &t->digits[t->n_digits - 1 - d];
                int got = d < n_sizes ? sizes[n_sizes - 1 - d] : 0;
                if (want->exact ? got != want->n : got > want->n)
                    return false;
            }
            break;
        }
        case FN_NT_POINT:
            if (have && c == '.') {
                point = true;
                i++;
            }
            break;
        case FN_NT_DOLLAR:
            if (have) {
                if (c != '$')
                    return false;
                i++;
            }
            break;
        case FN_NT_S:
            if (have && (c == '+' || c == '-')) {
                if (c == '-')
                    *negate = !*negate;
                i++;
            }
            break;
        case FN_NT_MI:
            if (have && c == '-') {
                *negate = !*negate;
                i++;
            }
            break;
        case FN_NT_OPEN:
            if (have && c == '<') {
                if (opened)
                    return false;
                opened = true;
                i++;
            }
            break;
        case FN_NT_CLOSE:
            if (have && c == '>') {
                if (!opened)
                    return false;
                closed = true;
                *negate = !*negate;
                i++;
            }
            break;
        default:
            break;
        }
    }
    return i >= n && opened == closed;
}

static int fn_bind_to_number(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING};
    if (fn_check_arity(call, 2, 2, "2", err) ||
        fn_misc_expect_all(a, call, wants, opts && opts->ansi, err))
        return err->code;
    if (!fn_misc_foldable(call->args[1]))
        return fn_misc_err_non_foldable(call, 1, call->args[1]->name ? call->args[1]->name : "fmt",
                                        err);
    fn_nt_format *f = em_arena_calloc(a, 1, sizeof *f);
    f->try_ = strcasecmp(def->name, "try_to_number") == 0;
    vec *v = NULL;
    if (fn_misc_fold(call->args[1], opts, &v, err) < 0)
        return err->code;
    if (fn_is_null(v, 0)) {
        f->null_format = true;
        vec_release(v);
        call->fn_state = f;
        call->type = ty_decimal(a, 10, 0);
        call->nullable = true;
        return EM_OK;
    }
    int32_t len;
    const char *s = vec_str(v, 0, &len);
    if (len >= (int32_t)sizeof f->text) {
        vec_release(v);
        return em_error_internal(err, "number format longer than %zu bytes", sizeof f->text);
    }
    for (int32_t k = 0; k < len; k++)
        f->text[k] = (char)toupper((unsigned char)s[k]);
    f->text[len] = '\0';
    vec_release(v);
    if (!fn_nt_tokenize(f))
        return em_error_internal(err, "number format has too many tokens");
    if (fn_nt_check(f, err))
        return err->code;
    int p = f->precision > 38 ? 38 : f->precision;
    call->fn_state = f;
    call->type = ty_decimal(a, p, f->scale > p ? p : f->scale);
    call->nullable = f->try_ || fn_any_nullable(call);
    return EM_OK;
}

static int fn_eval_to_number(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    const fn_nt_format *f = call->fn_state;
    vec *o = fn_vec_fixed(call->type, n);
    em_str before, after, num;
    em_str_init(&before, 0);
    em_str_init(&after, 0);
    em_str_init(&num, 0);
    int rc = EM_OK;
    for (int64_t r = 0; r < n; r++) {
        if (f->null_format || fn_misc_any_null(args, 2, r)) {
            vec_set_null(o, r);
            continue;
        }
        int32_t len;
        const char *s = vec_str(args[0], r, &len);
        em_str_reset(&before);
        em_str_reset(&after);
        bool neg = false;
        ty_i128 x = 0;
        bool ok = fn_nt_parse(f, s, len, &before, &after, &neg);
        if (ok) {
            em_str_reset(&num);
            if (neg)
                em_str_putc(&num, '-');
            em_str_append(&num, before.data ? before.data : "", before.len);
            if (after.len || f->scale) {
                em_str_putc(&num, '.');
                em_str_append(&num, after.data ? after.data : "", after.len);
                for (int k = (int)after.len; k < f->scale; k++)
                    em_str_putc(&num, '0');
            }
            ok = ty_dec_parse(num.data ? num.data : "", num.len, call->type->precision,
                              call->type->scale, &x) == TY_DEC_OK;
        }
        if (!ok) {
            if (f->try_) {
                vec_set_null(o, r);
                continue;
            }
            char *in = em_strndup(s, (size_t)len);
            rc = em_error_set(err, "INVALID_FORMAT.MISMATCH_INPUT", "inputType", "\"STRING\"",
                              "input", in, "format", f->text, NULL);
            em_free(in);
            break;
        }
        VEC_VALUES(o, ty_i128)[r] = x;
    }
    em_str_release(&before);
    em_str_release(&after);
    em_str_release(&num);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- to_char / to_varchar of numbers (ToCharacter: ToNumberParser.format) ---------------- */

/* StringBuilder helpers of ToNumberParser.format over a bounded char buffer. */
typedef struct fn_nt_out {
    char buf[1024];
    int len;
} fn_nt_out;

static void fn_nt_put(fn_nt_out *o, char c)
{
    if (o->len < (int)sizeof o->buf - 1)
        o->buf[o->len++] = c;
}

/* addCharacterCheckingTrailingSpaces: append c, then move it left past trailing spaces. */
static void fn_nt_put_sign(fn_nt_out *o, char c)
{
    fn_nt_put(o, c);
    for (int i = o->len - 1; i >= 1 && o->buf[i - 1] == ' ' && o->buf[i] == c; i--) {
        o->buf[i] = ' ';
        o->buf[i - 1] = c;
    }
}

/* addSpaceCheckingTrailingCharacters: append a space, then move it left past signs and <. */
static void fn_nt_put_space(fn_nt_out *o)
{
    fn_nt_put(o, ' ');
    for (int i = o->len - 1; i >= 1 && o->buf[i] == ' ' &&
                             (o->buf[i - 1] == '+' || o->buf[i - 1] == '-' || o->buf[i - 1] == '<');
         i--) {
        o->buf[i] = o->buf[i - 1];
        o->buf[i - 1] = ' ';
    }
}

/* stripTrailingLoneDecimalPoint: the first '.' becomes a space when nothing (or a space)
   follows it. */
static void fn_nt_strip_point(fn_nt_out *o)
{
    for (int i = 0; i < o->len; i++)
        if (o->buf[i] == '.') {
            if (i == o->len - 1 || o->buf[i + 1] == ' ')
                o->buf[i] = ' ';
            return;
        }
}

/*
 * ToNumberParser.format: the decimal (unscaled v, scale) printed through the format's tokens.
 * Digits beyond the format print as '#' (Spark's overflow rendering). Appends to out.
 */
static void fn_nt_format_value(const fn_nt_format *f, ty_i128 v, int scale, em_str *out)
{
    char plain[64];
    int plen = ty_dec_to_chars(v, scale, true, plain);
    const char *point = memchr(plain, '.', (size_t)plen);
    const char *bs = plain, *be = point ? point : plain + plen;
    const char *as = point ? point + 1 : plain + plen, *ae = plain + plen;
    while (bs < be && (*bs == '-' || *bs == '0'))
        bs++;
    while (ae > as && ae[-1] == '0')
        ae--;
    int nb = 0, na = 0;
    bool reached = false;
    for (int k = 0; k < f->n; k++) {
        const fn_nt_tok *t = &f->toks[k];
        if (t->kind == FN_NT_POINT)
            reached = true;
        if (t->kind == FN_NT_GROUP)
            for (int d = 0; d < t->n_digits; d++)
                *(reached ? &na : &nb) += t->digits[d].n;
    }
    /* the digits laid out to the format's widths: leading spaces, trailing zeros */
    char before[300], after[300];
    int lb = (int)(be - bs), la = (int)(ae - as);
    if (nb > 290 || na > 290)
        nb = na = 0; /* cannot happen: formats are shorter than 256 bytes */
    if (nb < lb || na < la) {
        memset(before, '#', (size_t)nb);
        memset(after, '#', (size_t)na);
    } else {
        memset(before, ' ', (size_t)(nb - lb));
        memcpy(before + nb - lb, bs, (size_t)lb);
        memcpy(after, as, (size_t)la);
        memset(after + la, '0', (size_t)(na - la));
    }
    bool neg = v < 0;
    fn_nt_out o = {.len = 0};
    int bi = 0, ai = 0;
    reached = false;
    for (int k = 0; k < f->n; k++) {
        const fn_nt_tok *t = &f->toks[k];
        switch (t->kind) {
        case FN_NT_GROUP:
            for (int s = 0; s < t->n_sub; s++) {
                if (t->sub[s] < 0) {
                    if (o.len > 0 && o.buf[o.len - 1] >= '0' && o.buf[o.len - 1] <= '9')
                        fn_nt_put(&o, ',');
                    else
                        fn_nt_put_space(&o);
                    continue;
                }
                const fn_nt_digits *dg = &t->digits[t->sub[s]];
                for (int d = 0; d < dg->n; d++) {
                    if (reached) {
                        fn_nt_put(&o, ai < na ? after[ai] : '0');
                        ai++;
                        continue;
                    }
                    char c = bi < nb ? before[bi] : ' ';
                    if (c == ' ' && dg->exact)
                        fn_nt_put(&o, '0');
                    else if (c == ' ')
                        fn_nt_put_space(&o);
                    else
                        fn_nt_put(&o, c);
                    bi++;
                }
            }
            break;
        case FN_NT_POINT:
            if (o.len > 0 && o.buf[o.len - 1] == ' ')
                o.buf[o.len - 1] = '0';
            fn_nt_put(&o, '.');
            reached = true;
            break;
        case FN_NT_DOLLAR:
            fn_nt_put(&o, '$');
            break;
        case FN_NT_S:
            fn_nt_strip_point(&o);
            fn_nt_put_sign(&o, neg ? '-' : '+');
            break;
        case FN_NT_MI:
            if (neg) {
                fn_nt_strip_point(&o);
                fn_nt_put_sign(&o, '-');
            } else {
                fn_nt_put(&o, ' ');
            }
            break;
        case FN_NT_OPEN:
            if (neg)
                fn_nt_put(&o, '<');
            break;
        case FN_NT_CLOSE:
            fn_nt_strip_point(&o);
            if (neg) {
                fn_nt_put_sign(&o, '>');
            } else {
                fn_nt_put(&o, ' ');
                fn_nt_put(&o, ' ');
            }
            break;
        default:
            break;
        }
    }
    fn_nt_strip_point(&o);
    if (o.len == 0 || (o.len == 1 && (o.buf[0] == '+' || o.buf[0] == '-')))
        em_str_putc(out, '0');
    else
        em_str_append(out, o.buf, (size_t)o.len);
}

static int fn_eval_to_char_num(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                               vec **out, em_error *err)
{
    const fn_nt_format *f = call->fn_state;
    vec *o = vec_new(call->type, n);
    em_str buf;
    em_str_init(&buf, 0);
    int rc = EM_OK;
    int scale = call->args[0]->type->kind == TY_DECIMAL ? call->args[0]->type->scale : 0;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (f->null_format || fn_misc_any_null(args, 2, r)) {
            vec_append_null(o);
            continue;
        }
        em_str_reset(&buf);
        fn_nt_format_value(f, VEC_VALUES(args[0], ty_i128)[r], scale, &buf);
        rc = vec_append_str(o, buf.data ? buf.data : "", (int64_t)buf.len, err);
    }
    em_str_release(&buf);
    (void)ctx;
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

static int fn_bind_to_char_num(const fn_def *def, em_arena *a, pl_expr *call,
                               const pl_session_opts *opts, em_error *err)
{
    (void)def;
    return fn_text_num_to_char_bind(a, call, opts, err);
}

/* Not in the registry: ToCharacter, bound by fn_text_num_to_char_bind. */
static const fn_def fn_to_char_num_def = {
    .name = "to_char",
    .kind = FN_SCALAR,
    .min_args = 2,
    .max_args = 2,
    .bind = fn_bind_to_char_num,
    .eval = fn_eval_to_char_num,
    .deterministic = true,
};

/* Rewrites call into name(args[0][, args[1]]) bound through the registry (Base64, Hex and
   Decode of ToCharacterBuilder). */
static int fn_nt_rebind(em_arena *a, pl_expr *call, const char *name, int n_args,
                        const pl_session_opts *opts, em_error *err)
{
    const fn_def *d = fn_lookup(name);
    if (!d)
        return em_error_internal(err, "function %s is missing", name);
    call->fn = d;
    call->name = d->name;
    call->n_args = n_args;
    call->fn_state = NULL;
    return d->bind(d, a, call, opts, err);
}

int fn_text_num_to_char_bind(em_arena *a, pl_expr *call, const pl_session_opts *opts, em_error *err)
{
    bool ansi = opts && opts->ansi;
    char id[64];
    if (call->args[0]->type->kind == TY_BINARY) {
        pl_expr *fmt = call->args[1];
        if (!ty_is_string(fmt->type) || !fn_misc_foldable(fmt)) {
            em_str t;
            em_str_init(&t, 64);
            ty_sql_type_quoted(fmt->type, &t);
            int rc = em_error_set(err, "NON_FOLDABLE_ARGUMENT", "funcName",
                                  fn_misc_fn_id(call, id, sizeof id), "paramName", "`format`",
                                  "paramType", t.data ? t.data : "", NULL);
            em_str_release(&t);
            return rc;
        }
        vec *v = NULL;
        if (fn_misc_fold(fmt, opts, &v, err) < 0)
            return err->code;
        if (fn_is_null(v, 0)) {
            vec_release(v);
            return em_error_set(err, "INVALID_PARAMETER_VALUE.NULL", "parameter", "`format`",
                                "functionName", fn_misc_fn_id(call, id, sizeof id), NULL);
        }
        int32_t len;
        const char *s = vec_str(v, 0, &len);
        while (len > 0 && (unsigned char)*s <= ' ')
            s++, len--;
        while (len > 0 && (unsigned char)s[len - 1] <= ' ')
            len--;
        char low[16] = "";
        bool fits = len < (int32_t)sizeof low;
        for (int32_t k = 0; fits && k < len; k++)
            low[k] = (char)tolower((unsigned char)s[k]);
        int rc;
        if (fits && strcmp(low, "base64") == 0) {
            rc = fn_nt_rebind(a, call, "base64", 1, opts, err);
        } else if (fits && strcmp(low, "hex") == 0) {
            rc = fn_nt_rebind(a, call, "hex", 1, opts, err);
        } else if (fits && strcmp(low, "utf-8") == 0) {
            rc = fn_nt_rebind(a, call, "decode", 2, opts, err);
        } else {
            em_str q;
            em_str_init(&q, 64);
            ty_sql_quote_string(s, (size_t)len, &q);
            char *lowered = em_arena_strndup(a, q.data ? q.data : "''", q.len);
            for (char *c = lowered; *c; c++)
                *c = (char)tolower((unsigned char)*c);
            em_str_release(&q);
            rc = em_error_set(err, "INVALID_PARAMETER_VALUE.BINARY_FORMAT", "parameter", "`format`",
                              "functionName", fn_misc_fn_id(call, id, sizeof id), "invalidFormat",
                              lowered, NULL);
        }
        vec_release(v);
        return rc;
    }
    /* ToCharacter: ImplicitCastInputTypes (DecimalType, StringType), a foldable format */
    if (fn_misc_expect(a, call, 0, FN_W_DECIMAL, ansi, err) ||
        fn_misc_expect(a, call, 1, FN_W_STRING, ansi, err))
        return err->code;
    if (!fn_misc_foldable(call->args[1]))
        return fn_misc_err_non_foldable(call, 1, call->args[1]->name ? call->args[1]->name : "fmt",
                                        err);
    fn_nt_format *f = em_arena_calloc(a, 1, sizeof *f);
    vec *v = NULL;
    if (fn_misc_fold(call->args[1], opts, &v, err) < 0)
        return err->code;
    if (fn_is_null(v, 0)) {
        f->null_format = true;
    } else {
        int32_t len;
        const char *s = vec_str(v, 0, &len);
        if (len >= (int32_t)sizeof f->text) {
            vec_release(v);
            return em_error_internal(err, "number format longer than %zu bytes", sizeof f->text);
        }
        for (int32_t k = 0; k < len; k++)
            f->text[k] = (char)toupper((unsigned char)s[k]);
        f->text[len] = '\0';
    }
    vec_release(v);
    if (!f->null_format) {
        if (!fn_nt_tokenize(f))
            return em_error_internal(err, "number format has too many tokens");
        if (fn_nt_check(f, err))
            return err->code;
    }
    call->fn = &fn_to_char_num_def;
    call->name = "to_char"; /* ToCharacter.prettyName, for to_varchar too */
    call->fn_state = f;
    call->type = ty_string();
    call->nullable = f->null_format || fn_any_nullable(call);
    return EM_OK;
}

#define FN_NUM(nm)                                                                                 \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 2, .max_args = 2, .bind = fn_bind_to_number,    \
        .eval = fn_eval_to_number, .deterministic = true                                           \
    }

const fn_def fn_text_num_defs[] = {FN_NUM("to_number"), FN_NUM("try_to_number")};
const int fn_text_num_n_defs = (int)(sizeof fn_text_num_defs / sizeof fn_text_num_defs[0]);
