/*
 * fn_string: the string basics: upper/lower (ucase/lcase), length (char_length,
 * character_length, len), concat, substring/substr, trim/ltrim/rtrim (with an optional trim
 * string, PySpark's argument order trimStr, str), startswith/endswith/contains and like / ilike
 * (with an optional escape character; ilike lower-cases both sides first, as Spark's ILike). rlike
 * / regexp / regexp_like live in fn_regex.c (PCRE2).
 *
 * Strings are UTF-8; positions and lengths count code points as Spark's UTF8String does.
 * Case mapping uses the C.UTF-8 locale's towupper/towlower (one code point to one; Java's
 * few one-to-many mappings such as 'ß' -> "SS" are not reproduced).
 */
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "common/em_mem.h"
#include "functions/fn_int.h"
#include "types/ty_cast.h"

/* ---- UTF-8 helpers ------------------------------------------------------------------------- */

static int fn_u8_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1; /* continuation byte on its own: one "char", as UTF8String.numBytesForFirstByte */
}

static int32_t fn_u8_count(const char *s, int32_t n)
{
    int32_t chars = 0;
    for (int32_t i = 0; i < n; i += fn_u8_len((unsigned char)s[i]))
        chars++;
    return chars;
}

/* Byte offset of code point index ci (clamped to n). */
static int32_t fn_u8_offset(const char *s, int32_t n, int64_t ci)
{
    int32_t i = 0;
    for (int64_t c = 0; c < ci && i < n; c++)
        i += fn_u8_len((unsigned char)s[i]);
    return i > n ? n : i;
}

static uint32_t fn_u8_decode(const char *s, int32_t n, int32_t *adv)
{
    unsigned char c = (unsigned char)s[0];
    int len = fn_u8_len(c);
    if (len > n)
        len = n;
    *adv = len;
    if (len == 1)
        return c;
    uint32_t cp = c & (0xFF >> (len + 1));
    for (int k = 1; k < len; k++)
        cp = (cp << 6) | ((unsigned char)s[k] & 0x3F);
    return cp;
}

static int fn_u8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static locale_t fn_utf8_locale;
static pthread_once_t fn_utf8_once = PTHREAD_ONCE_INIT;

static void fn_utf8_init(void)
{
    fn_utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* ---- binding helpers --------------------------------------------------------------------------
 */

/* Implicit cast of a non-string atomic argument to STRING (ANSI and legacy both allow it). */
static int fn_arg_to_string(em_arena *a, pl_expr *call, int i, bool allow_binary, em_error *err)
{
    const ty *t = call->args[i]->type;
    if (ty_is_string(t) || (allow_binary && t->kind == TY_BINARY))
        return EM_OK;
    if (t->kind == TY_NULL || (!ty_is_nested(t) && t->kind != TY_BINARY)) {
        fn_cast_arg(a, call, i, ty_string());
        return EM_OK;
    }
    return fn_err_unexpected_input(call, i,
                                   allow_binary ? "(\"STRING\" or \"BINARY\")" : "\"STRING\"", err);
}

static int fn_arg_to_int(em_arena *a, pl_expr *call, int i, em_error *err)
{
    const ty *t = call->args[i]->type;
    if (t->kind == TY_INT)
        return EM_OK;
    /* Spark: Substring & co. take IntegerType; any numeric input is implicitly cast
       (TypeCoercion.implicitCast; in ANSI mode Cast.canANSIStoreAssign numeric -> int). */
    if (ty_is_numeric(t) || t->kind == TY_NULL || ty_is_string(t)) {
        fn_cast_arg(a, call, i, ty_int());
        return EM_OK;
    }
    return fn_err_unexpected_input(call, i, "\"INT\"", err);
}

/* ---- upper / lower ------------------------------------------------------------------------ */

static int fn_bind_case(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err) || fn_arg_to_string(a, call, 0, false, err))
        return err->code;
    call->type = ty_string();
    call->nullable = call->args[0]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

/* Upper- or lower-cases n rows of the string vector v into a new vector (*out). */
static int fn_case_map(const vec *v, int64_t n, bool upper, vec **out, em_error *err)
{
    pthread_once(&fn_utf8_once, fn_utf8_init);
    vec *o = vec_new(ty_string(), n);
    char *buf = NULL;
    size_t cap = 0;
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(v, r)) {
            vec_append_null(o);
            continue;
        }
        int32_t len;
        const char *s = vec_str(v, r, &len);
        if ((size_t)len * 2 + 8 > cap) {
            cap = (size_t)len * 2 + 8;
            buf = em_realloc(buf, cap);
        }
        size_t pos = 0;
        for (int32_t i = 0; i < len;) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80) {
                buf[pos++] = (char)(upper ? (c >= 'a' && c <= 'z' ? c - 32 : c)
                                          : (c >= 'A' && c <= 'Z' ? c + 32 : c));
                i++;
                continue;
            }
            int32_t adv;
            uint32_t cp = fn_u8_decode(s + i, len - i, &adv);
            uint32_t m = cp;
            if (fn_utf8_locale)
                m = (uint32_t)(upper ? towupper_l((wint_t)cp, fn_utf8_locale)
                                     : towlower_l((wint_t)cp, fn_utf8_locale));
            char enc[4];
            int el = fn_u8_encode(m, enc);
            if (pos + (size_t)el + 8 > cap) {
                cap = cap * 2 + (size_t)el + 8;
                buf = em_realloc(buf, cap);
            }
            memcpy(buf + pos, enc, (size_t)el);
            pos += (size_t)el;
            i += adv;
        }
        if (vec_append_str(o, buf ? buf : "", (int64_t)pos, err)) {
            em_free(buf);
            vec_release(o);
            return err->code;
        }
    }
    em_free(buf);
    *out = o;
    return EM_OK;
}

static int fn_eval_case(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    bool upper =
        strcasecmp(call->fn->name, "upper") == 0 || strcasecmp(call->fn->name, "ucase") == 0;
    (void)ctx;
    return fn_case_map(args[0], n, upper, out, err);
}

/* ---- length ------------------------------------------------------------------------------- */

static int fn_bind_length(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err) || fn_arg_to_string(a, call, 0, true, err))
        return err->code;
    call->type = ty_int();
    call->nullable = call->args[0]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_length(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    const vec *v = args[0];
    vec *o = fn_vec_fixed(ty_int(), n);
    fn_propagate_nulls(o, args, 1, n);
    bool binary = v->type->kind == TY_BINARY;
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int32_t len;
        const char *s = vec_str(v, r, &len);
        VEC_VALUES(o, int32_t)[r] = binary ? len : fn_u8_count(s, len);
    }
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- concat ------------------------------------------------------------------------------- */

static int fn_bind_concat(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    int arc = fn_array_concat_bind(a, call, opts, err); /* arrays: fn_array.c */
    if (arc >= 0)
        return arc;
    bool all_binary = call->n_args > 0;
    for (int i = 0; i < call->n_args; i++)
        if (call->args[i]->type->kind != TY_BINARY)
            all_binary = false;
    if (!all_binary)
        for (int i = 0; i < call->n_args; i++)
            if (fn_arg_to_string(a, call, i, false, err))
                return err->code;
    call->type = all_binary ? ty_binary() : ty_string();
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_concat(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    if (call->type->kind == TY_ARRAY)
        return fn_array_concat_eval(call, args, n, ctx, out, err);
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        bool null = false;
        int64_t total = 0;
        for (int i = 0; i < call->n_args; i++) {
            if (fn_is_null(args[i], r)) {
                null = true;
                break;
            }
            total += args[i]->offsets[r + 1] - args[i]->offsets[r];
        }
        if (null) {
            vec_append_null(o);
            continue;
        }
        if (vec_reserve_bytes(o, total, err)) {
            vec_release(o);
            return err->code;
        }
        vec_reserve(o, o->len + 1);
        for (int i = 0; i < call->n_args; i++) {
            int32_t len;
            const char *s = vec_str(args[i], r, &len);
            if (len)
                memcpy(o->bytes + o->bytes_len, s, (size_t)len);
            o->bytes_len += len;
        }
        o->offsets[o->len + 1] = (int32_t)o->bytes_len;
        vec_set_valid(o, o->len);
        o->len++;
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- substring ------------------------------------------------------------------------------ */

static int fn_bind_substring(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 3, "[2, 3]", err) || fn_arg_to_string(a, call, 0, true, err) ||
        fn_arg_to_int(a, call, 1, err) || (call->n_args == 3 && fn_arg_to_int(a, call, 2, err)))
        return err->code;
    if (call->n_args == 2) {
        /* Substring(str, pos) is Substring(str, pos, Integer.MAX_VALUE): the generated name
           shows the default (string-functions.sql.out: substr(Spark SQL, 5, 2147483647)) */
        pl_expr **args = em_arena_calloc(a, 3, sizeof *args);
        args[0] = call->args[0];
        args[1] = call->args[1];
        args[2] = pl_lit_int(a, INT32_MAX);
        call->args = args;
        call->n_args = 3;
    }
    call->type = call->args[0]->type->kind == TY_BINARY ? ty_binary() : ty_string();
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_substring(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    const vec *v = args[0];
    bool binary = v->type->kind == TY_BINARY;
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        bool null = false;
        for (int i = 0; i < call->n_args; i++)
            if (fn_is_null(args[i], r))
                null = true;
        if (null) {
            vec_append_null(o);
            continue;
        }
        int32_t len;
        const char *s = vec_str(v, r, &len);
        int64_t pos = VEC_VALUES(args[1], int32_t)[r];
        int64_t length = call->n_args == 3 ? VEC_VALUES(args[2], int32_t)[r] : INT32_MAX;
        int64_t nchars = binary ? len : fn_u8_count(s, len);
        int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? nchars + pos : 0);
        int64_t end = start + length;
        if (end > INT32_MAX)
            end = INT32_MAX;
        if (end < INT32_MIN)
            end = INT32_MIN;
        if (start < 0)
            start = 0;
        int rc;
        if (start >= end || start >= nchars) {
            rc = vec_append_str(o, "", 0, err);
        } else {
            if (end > nchars)
                end = nchars;
            int32_t b0 = binary ? (int32_t)start : fn_u8_offset(s, len, start);
            int32_t b1 = binary ? (int32_t)end : fn_u8_offset(s, len, end);
            rc = vec_append_str(o, s + b0, b1 - b0, err);
        }
        if (rc) {
            vec_release(o);
            return rc;
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- trim ----------------------------------------------------------------------------------- */

static int fn_bind_trim(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    for (int i = 0; i < call->n_args; i++)
        if (fn_arg_to_string(a, call, i, false, err))
            return err->code;
    call->type = ty_string();
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static bool fn_trim_has(const char *set, int32_t set_len, uint32_t cp)
{
    for (int32_t i = 0; i < set_len;) {
        int32_t adv;
        uint32_t c = fn_u8_decode(set + i, set_len - i, &adv);
        if (c == cp)
            return true;
        i += adv;
    }
    return false;
}

static int fn_eval_trim(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    const char *name = call->fn->name;
    bool left = strcasecmp(name, "rtrim") != 0, right = strcasecmp(name, "ltrim") != 0;
    /* PySpark / SQL function form: trim(trimStr, str) */
    const vec *src = call->n_args == 2 ? args[1] : args[0];
    const vec *set = call->n_args == 2 ? args[0] : NULL;
    vec *o = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(src, r) || (set && fn_is_null(set, r))) {
            vec_append_null(o);
            continue;
        }
        int32_t len, set_len = 1;
        const char *s = vec_str(src, r, &len);
        const char *cs = " ";
        if (set)
            cs = vec_str(set, r, &set_len);
        int32_t b = 0, e = len;
        if (left) {
            while (b < e) {
                int32_t adv;
                uint32_t cp = fn_u8_decode(s + b, e - b, &adv);
                if (!fn_trim_has(cs, set_len, cp))
                    break;
                b += adv;
            }
        }
        if (right) {
            while (e > b) {
                int32_t k = e - 1;
                while (k > b && ((unsigned char)s[k] & 0xC0) == 0x80)
                    k--;
                int32_t adv;
                uint32_t cp = fn_u8_decode(s + k, e - k, &adv);
                if (!fn_trim_has(cs, set_len, cp))
                    break;
                e = k;
            }
        }
        if (vec_append_str(o, s + b, e - b, err)) {
            vec_release(o);
            return err->code;
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- startswith / endswith / contains ------------------------------------------------------ */

static int fn_bind_str_pred(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool both_binary =
        call->args[0]->type->kind == TY_BINARY && call->args[1]->type->kind == TY_BINARY;
    /* Spark's StringBinaryPredicateExpressionBuilderBase: two BINARY arguments compare bytes;
       otherwise the string predicate casts its inputs, a BINARY one included
       (string-functions.sql: contains(x'537061726b2053514c', null) is NULL). */
    if (!both_binary)
        for (int i = 0; i < 2; i++) {
            if (call->args[i]->type->kind == TY_BINARY)
                fn_cast_arg(a, call, i, ty_string());
            else if (fn_arg_to_string(a, call, i, false, err))
                return err->code;
        }
    call->type = ty_boolean();
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_str_pred(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                            vec **out, em_error *err)
{
    const char *name = call->fn->name;
    int kind = strcasecmp(name, "startswith") == 0 ? 0 : strcasecmp(name, "endswith") == 0 ? 1 : 2;
    vec *o = fn_vec_fixed(ty_boolean(), n);
    fn_propagate_nulls(o, args, 2, n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int32_t la, lb;
        const char *a = vec_str(args[0], r, &la), *b = vec_str(args[1], r, &lb);
        bool res = false;
        if (lb <= la) {
            if (kind == 0)
                res = memcmp(a, b, (size_t)lb) == 0;
            else if (kind == 1)
                res = memcmp(a + la - lb, b, (size_t)lb) == 0;
            else
                res = lb == 0 || memmem(a, (size_t)la, b, (size_t)lb) != NULL;
        }
        VEC_VALUES(o, uint8_t)[r] = res;
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- like ------------------------------------------------------------------------------------ */

static int fn_bind_like(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    bool is_like = strcasecmp(def->name, "like") == 0 || strcasecmp(def->name, "ilike") == 0;
    if (fn_check_arity(call, 2, is_like ? 3 : 2, is_like ? "[2, 3]" : "2", err))
        return err->code;
    for (int i = 0; i < 2; i++)
        if (fn_arg_to_string(a, call, i, false, err))
            return err->code;
    if (call->n_args == 3 && !ty_is_string(call->args[2]->type))
        return fn_err_unexpected_input(call, 2, "\"STRING\"", err);
    call->type = ty_boolean();
    call->nullable = call->args[0]->nullable || call->args[1]->nullable;
    (void)opts;
    return EM_OK;
}

/*
 * LIKE match on code points: '%' any sequence, '_' one code point, escape + ('%' | '_' |
 * escape) a literal. Returns 1 / 0, or -1 when the pattern ends with the escape character and
 * -2 when the escape precedes another character (*bad receives it): Spark rejects both
 * (StringUtils.escapeLikeRegex).
 */
static int fn_like_check(const char *p, int32_t pl, uint32_t esc, uint32_t *bad)
{
    for (int32_t i = 0; i < pl;) {
        int32_t adv;
        uint32_t c = fn_u8_decode(p + i, pl - i, &adv);
        i += adv;
        if (c != esc)
            continue;
        if (i >= pl)
            return -1;
        uint32_t n = fn_u8_decode(p + i, pl - i, &adv);
        if (n != '%' && n != '_' && n != esc) {
            *bad = n;
            return -2;
        }
        i += adv;
    }
    return 0;
}

static int fn_like_match(const char *s, int32_t sl, const char *p, int32_t pl, uint32_t esc)
{
    int32_t si = 0, pi = 0, star_p = -1, star_s = 0;
    while (si < sl) {
        if (pi < pl) {
            int32_t padv;
            uint32_t pc = fn_u8_decode(p + pi, pl - pi, &padv);
            if (pc == '%') {
                star_p = pi + padv;
                star_s = si;
                pi += padv;
                continue;
            }
            int32_t sadv;
            uint32_t sc = fn_u8_decode(s + si, sl - si, &sadv);
            bool literal = false;
            uint32_t want = pc;
            int32_t consumed = padv;
            if (pc == esc && pi + padv < pl) {
                int32_t nadv;
                want = fn_u8_decode(p + pi + padv, pl - pi - padv, &nadv);
                literal = true;
                consumed = padv + nadv;
            }
            if ((!literal && pc == '_') || sc == want) {
                si += sadv;
                pi += consumed;
                continue;
            }
        }
        if (star_p < 0)
            return 0;
        int32_t sadv;
        fn_u8_decode(s + star_s, sl - star_s, &sadv);
        star_s += sadv;
        si = star_s;
        pi = star_p;
    }
    while (pi < pl) {
        int32_t padv;
        uint32_t pc = fn_u8_decode(p + pi, pl - pi, &padv);
        if (pc != '%')
            return 0;
        pi += padv;
    }
    return 1;
}

static int fn_like_error(const char *pattern, int32_t len, int kind, uint32_t bad, em_error *err)
{
    em_str f, c;
    em_str_init(&f, 4096);
    em_str_init(&c, 64);
    ty_sql_quote_string(pattern, (size_t)len, &f);
    int rc;
    if (kind == -1) {
        rc = em_error_set(err, "INVALID_FORMAT.ESC_AT_THE_END", "format", f.data ? f.data : "",
                          NULL);
    } else {
        char enc[4];
        int el = fn_u8_encode(bad, enc);
        ty_sql_quote_string(enc, (size_t)el, &c);
        rc = em_error_set(err, "INVALID_FORMAT.ESC_IN_THE_MIDDLE", "format", f.data ? f.data : "",
                          "char", c.data ? c.data : "", NULL);
    }
    em_str_release(&f);
    em_str_release(&c);
    return rc;
}

static int fn_eval_like_cased(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err);

/* ILike: RuntimeReplaceable by Like(Lower(str), Lower(pattern), escape). */
static int fn_eval_like(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    if (strcasecmp(call->fn->name, "ilike") != 0)
        return fn_eval_like_cased(call, args, n, ctx, out, err);
    vec *low[3] = {NULL, NULL, call->n_args == 3 ? args[2] : NULL};
    int rc = EM_OK;
    for (int k = 0; k < 2 && rc == EM_OK; k++)
        rc = args[k]->type->kind == TY_NULL ? (low[k] = vec_retain(args[k]), EM_OK)
                                            : fn_case_map(args[k], n, false, &low[k], err);
    if (rc == EM_OK)
        rc = fn_eval_like_cased(call, low, n, ctx, out, err);
    vec_release(low[0]);
    vec_release(low[1]);
    return rc;
}

static int fn_eval_like_cased(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    uint32_t esc = '\\';
    if (call->n_args == 3 && !fn_is_null(args[2], 0)) {
        int32_t el;
        const char *e = vec_str(args[2], 0, &el);
        if (el > 0) {
            int32_t adv;
            esc = fn_u8_decode(e, el, &adv);
        }
    }
    vec *o = fn_vec_fixed(ty_boolean(), n);
    fn_propagate_nulls(o, args, 2, n);
    for (int64_t r = 0; r < n; r++) {
        if (vec_is_null(o, r))
            continue;
        int32_t sl, pl;
        const char *s = vec_str(args[0], r, &sl), *p = vec_str(args[1], r, &pl);
        uint32_t bad = 0;
        int chk = fn_like_check(p, pl, esc, &bad);
        if (chk < 0) {
            vec_release(o);
            return fn_like_error(p, pl, chk, bad, err);
        }
        int m = fn_like_match(s, sl, p, pl, esc);
        VEC_VALUES(o, uint8_t)[r] = (uint8_t)m;
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_STR(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_string_defs[] = {
    FN_STR("upper", 1, 1, fn_bind_case, fn_eval_case),
    FN_STR("ucase", 1, 1, fn_bind_case, fn_eval_case),
    FN_STR("lower", 1, 1, fn_bind_case, fn_eval_case),
    FN_STR("lcase", 1, 1, fn_bind_case, fn_eval_case),
    FN_STR("length", 1, 1, fn_bind_length, fn_eval_length),
    FN_STR("char_length", 1, 1, fn_bind_length, fn_eval_length),
    FN_STR("character_length", 1, 1, fn_bind_length, fn_eval_length),
    FN_STR("len", 1, 1, fn_bind_length, fn_eval_length),
    FN_STR("concat", 0, -1, fn_bind_concat, fn_eval_concat),
    FN_STR("substring", 2, 3, fn_bind_substring, fn_eval_substring),
    FN_STR("substr", 2, 3, fn_bind_substring, fn_eval_substring),
    FN_STR("trim", 1, 2, fn_bind_trim, fn_eval_trim),
    FN_STR("ltrim", 1, 2, fn_bind_trim, fn_eval_trim),
    FN_STR("rtrim", 1, 2, fn_bind_trim, fn_eval_trim),
    FN_STR("startswith", 2, 2, fn_bind_str_pred, fn_eval_str_pred),
    FN_STR("endswith", 2, 2, fn_bind_str_pred, fn_eval_str_pred),
    FN_STR("contains", 2, 2, fn_bind_str_pred, fn_eval_str_pred),
    FN_STR("like", 2, 3, fn_bind_like, fn_eval_like),
    FN_STR("ilike", 2, 3, fn_bind_like, fn_eval_like),
};
const int fn_string_n_defs = (int)(sizeof fn_string_defs / sizeof fn_string_defs[0]);
