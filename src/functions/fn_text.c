/*
 * fn_text: Spark's string functions beyond the basics of fn_string.c: concat_ws, lpad / rpad
 * (string and binary), repeat, instr, locate / position, translate, initcap, ascii,
 * chr / char, soundex, levenshtein, overlay, substring_index, btrim, octet_length,
 * bit_length, elt, find_in_set, space, replace, split_part, left, right.
 *
 * Positions and lengths count code points as UTF8String does (a code point's length comes
 * from its first byte). Functions Spark defines as RuntimeReplaceable print the parameters
 * the user gave; functions whose constructor adds defaults print them (locate(b, s, 1),
 * lpad(s, 6,  ), overlay(x, y, 7, -1)), so bind appends those defaults as literals.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"

/* ---- helpers ------------------------------------------------------------------------------------
 */

static bool fn_text_ansi(const pl_session_opts *opts)
{
    return opts && opts->ansi;
}

/* Binds every argument to the expected types and sets a string result of the first
   argument's (string) type; nullable if any argument is. */
static int fn_text_bind_simple(em_arena *a, pl_expr *call, const pl_session_opts *opts,
                               const fn_want *wants, const ty *result, em_error *err)
{
    if (fn_misc_expect_all(a, call, wants, fn_text_ansi(opts), err))
        return err->code;
    call->type = result;
    call->nullable = fn_any_nullable(call);
    return EM_OK;
}

/* UTF8String.substringSQL(pos, length) as byte offsets [*b0, *b1) (binary: bytes). */
static void fn_text_substr_sql(const char *s, int32_t len, bool binary, int64_t pos, int64_t length,
                               int32_t *b0, int32_t *b1)
{
    int64_t n = binary ? len : fn_uc_count(s, len);
    int64_t start = pos > 0 ? pos - 1 : (pos < 0 ? n + pos : 0);
    int64_t end = start + length;
    if (end > INT32_MAX)
        end = INT32_MAX;
    if (end < INT32_MIN)
        end = INT32_MIN;
    if (start < 0)
        start = 0;
    if (start >= end || start >= n) {
        *b0 = *b1 = 0;
        return;
    }
    if (end > n)
        end = n;
    *b0 = binary ? (int32_t)start : fn_uc_offset(s, len, start);
    *b1 = binary ? (int32_t)end : fn_uc_offset(s, len, end);
}

/* Byte index of the first occurrence of needle at or after byte `from`, or -1. */
static int32_t fn_text_find(const char *s, int32_t len, const char *needle, int32_t nlen,
                            int32_t from)
{
    if (nlen == 0)
        return from <= len ? from : -1;
    for (int32_t i = from; i + nlen <= len; i++)
        if (memcmp(s + i, needle, (size_t)nlen) == 0)
            return i;
    return -1;
}

/* Byte index of the last occurrence of needle starting at or before byte `from`, or -1. */
static int32_t fn_text_rfind(const char *s, int32_t len, const char *needle, int32_t nlen,
                             int32_t from)
{
    if (from + nlen > len)
        from = len - nlen;
    for (int32_t i = from; i >= 0; i--)
        if (memcmp(s + i, needle, (size_t)nlen) == 0)
            return i;
    return -1;
}

/* ---- concat_ws --------------------------------------------------------------------------------
 */

static int fn_bind_concat_ws(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, -1, "> 0", err))
        return err->code;
    bool ansi = fn_text_ansi(opts);
    if (fn_misc_expect(a, call, 0, FN_W_STRING, ansi, err))
        return err->code;
    for (int i = 1; i < call->n_args; i++) {
        const ty *t = call->args[i]->type;
        if (t->kind == TY_ARRAY && (ty_is_string(t->elem) || t->elem->kind == TY_NULL)) {
            if (t->elem->kind == TY_NULL)
                fn_cast_arg(a, call, i, ty_array(a, ty_string(), true));
            continue;
        }
        if (t->kind == TY_ARRAY || fn_misc_expect(a, call, i, FN_W_STRING, ansi, err)) {
            em_error_clear(err);
            return fn_err_unexpected_input(call, i, "(\"ARRAY<STRING>\" or \"STRING\")", err);
        }
    }
    call->type = ty_string();
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_row_concat_ws(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                            bool *null, em_error *err)
{
    if (fn_is_null(args[0], r)) {
        *null = true;
        return EM_OK;
    }
    int32_t sl;
    const char *sep = vec_str(args[0], r, &sl);
    bool first = true;
    for (int i = 1; i < call->n_args; i++) {
        const vec *v = args[i];
        if (fn_is_null(v, r))
            continue;
        if (v->type->kind == TY_ARRAY) {
            const vec *el = v->children[0];
            for (int32_t k = v->offsets[r]; k < v->offsets[r + 1]; k++) {
                if (fn_is_null(el, k))
                    continue;
                if (!first)
                    em_str_append(buf, sep, (size_t)sl);
                first = false;
                int32_t len;
                const char *s = vec_str(el, k, &len);
                em_str_append(buf, s, (size_t)len);
            }
            continue;
        }
        if (!first)
            em_str_append(buf, sep, (size_t)sl);
        first = false;
        int32_t len;
        const char *s = vec_str(v, r, &len);
        em_str_append(buf, s, (size_t)len);
    }
    (void)err;
    return EM_OK;
}

static int fn_eval_concat_ws(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, false, fn_row_concat_ws, out, err);
}

/* ---- lpad / rpad -------------------------------------------------------------------------------
 */

/* A binary literal of len bytes (owned by arena). */
static pl_expr *fn_text_lit_bin(em_arena *a, const char *bytes, int64_t len)
{
    vec *v = vec_new(ty_binary(), 1);
    vec_append_str(v, bytes, len, NULL);
    return pl_lit_new(a, v);
}

static int fn_bind_pad(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    /* PadExpressionBuilderBase: a binary input with a binary (or default) pad stays binary */
    bool binary = call->args[0]->type->kind == TY_BINARY &&
                  (call->n_args == 2 || call->args[2]->type->kind == TY_BINARY);
    if (call->n_args == 2)
        fn_misc_add_arg(a, call, binary ? fn_text_lit_bin(a, "", 1) : pl_lit_string(a, " ", 1));
    fn_want wants[] = {binary ? FN_W_BINARY : FN_W_STRING, FN_W_INT,
                       binary ? FN_W_BINARY : FN_W_STRING};
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, binary ? ty_binary() : ty_string(), err);
}

static int fn_row_pad(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                      em_error *err)
{
    bool left = call->fn->name[0] == 'l' || call->fn->name[0] == 'L';
    bool binary = call->type->kind == TY_BINARY;
    int32_t sl, pl;
    const char *s = vec_str(args[0], r, &sl), *p = vec_str(args[2], r, &pl);
    int64_t target = VEC_VALUES(args[1], int32_t)[r];
    if (target <= 0)
        return EM_OK;
    int64_t n = binary ? sl : fn_uc_count(s, sl);
    if (n >= target || pl == 0) {
        /* substring(0, len): truncate */
        int32_t b = binary ? (int32_t)(n < target ? n : target)
                           : fn_uc_offset(s, sl, n < target ? n : target);
        em_str_append(buf, s, (size_t)b);
        return EM_OK;
    }
    int64_t need = target - n;
    int64_t pn = binary ? pl : fn_uc_count(p, pl);
    if (!left)
        em_str_append(buf, s, (size_t)sl);
    for (int64_t k = 0; k < need;) {
        int64_t take = need - k < pn ? need - k : pn;
        int32_t b = binary ? (int32_t)take : fn_uc_offset(p, pl, take);
        em_str_append(buf, p, (size_t)b);
        k += take;
        if (buf->overflow)
            return em_error_internal(err, "pad result exceeds the maximum size");
    }
    if (left)
        em_str_append(buf, s, (size_t)sl);
    (void)null;
    return EM_OK;
}

static int fn_eval_pad(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_pad, out, err);
}

/* ---- repeat / space
 * ------------------------------------------------------------------------------ */

static int fn_bind_repeat(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_INT};
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_string(), err);
}

static int fn_row_repeat(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                         em_error *err)
{
    int32_t sl;
    const char *s = vec_str(args[0], r, &sl);
    int32_t times = VEC_VALUES(args[1], int32_t)[r];
    if ((int64_t)sl * (times > 0 ? times : 0) > VEC_MAX_BYTES)
        return em_error_internal(err, "repeat result exceeds the maximum size");
    for (int32_t k = 0; k < times; k++)
        em_str_append(buf, s, (size_t)sl);
    (void)call;
    (void)null;
    return EM_OK;
}

static int fn_eval_repeat(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_repeat, out, err);
}

static int fn_bind_space(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    static const fn_want wants[] = {FN_W_INT};
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_string(), err);
}

static int fn_row_space(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                        em_error *err)
{
    int32_t k = VEC_VALUES(args[0], int32_t)[r];
    if (k > 0)
        em_str_repeat(buf, ' ', (size_t)k);
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_space(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_space, out, err);
}

/* ---- instr / locate / position
 * ------------------------------------------------------------------- */

static int fn_bind_instr(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING};
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_int(), err);
}

/* UTF8String.indexOf(v, start) in code points (start counted in code points), or -1; matches
   start on code point boundaries. An empty v is found at 0. */
static int64_t fn_text_index_of(const char *s, int32_t sl, const char *v, int32_t vl, int64_t start)
{
    if (vl == 0)
        return 0;
    int32_t i = 0;
    int64_t ci = 0;
    while (ci < start && i < sl) {
        i += fn_uc_len((unsigned char)s[i]);
        ci++;
    }
    if (ci < start)
        return -1;
    while (i + vl <= sl) {
        if (memcmp(s + i, v, (size_t)vl) == 0)
            return ci;
        i += fn_uc_len((unsigned char)s[i]);
        ci++;
    }
    return -1;
}

static int fn_row_instr(const pl_expr *call, vec *const *args, int64_t r, int64_t *val, bool *null,
                        em_error *err)
{
    int32_t sl, vl;
    const char *s = vec_str(args[0], r, &sl), *v = vec_str(args[1], r, &vl);
    *val = fn_text_index_of(s, sl, v, vl, 0) + 1;
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_instr(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    (void)ctx;
    return fn_misc_drive_int(call, args, n, true, fn_row_instr, out, err);
}

static int fn_bind_locate(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING, FN_W_INT};
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    if (call->n_args == 2)
        fn_misc_add_arg(a, call, pl_lit_int(a, 1));
    if (fn_text_bind_simple(a, call, opts, wants, ty_int(), err))
        return err->code;
    call->nullable = call->args[0]->nullable || call->args[1]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_row_locate(const pl_expr *call, vec *const *args, int64_t r, int64_t *val, bool *null,
                         em_error *err)
{
    if (fn_is_null(args[2], r)) {
        *val = 0; /* a NULL start gives 0, as Spark's conversion did */
        return EM_OK;
    }
    if (fn_is_null(args[0], r) || fn_is_null(args[1], r)) {
        *null = true;
        return EM_OK;
    }
    int32_t start = VEC_VALUES(args[2], int32_t)[r];
    if (start < 1) {
        *val = 0;
        return EM_OK;
    }
    int32_t vl, sl;
    const char *v = vec_str(args[0], r, &vl), *s = vec_str(args[1], r, &sl);
    *val = fn_text_index_of(s, sl, v, vl, start - 1) + 1;
    (void)call;
    (void)err;
    return EM_OK;
}

static int fn_eval_locate(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    (void)ctx;
    return fn_misc_drive_int(call, args, n, false, fn_row_locate, out, err);
}

/* ---- translate ---------------------------------------------------------------------------------
 */

static int fn_bind_str3(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING, FN_W_STRING};
    bool replace = strcasecmp(def->name, "replace") == 0;
    if (fn_check_arity(call, replace ? 2 : 3, 3, replace ? "[2, 3]" : "3", err))
        return err->code;
    if (call->n_args == 2)
        fn_misc_add_arg(a, call, pl_lit_string(a, "", 0));
    return fn_text_bind_simple(a, call, opts, wants, ty_string(), err);
}

static int fn_row_translate(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                            bool *null, em_error *err)
{
    int32_t sl, fl, tl;
    const char *s = vec_str(args[0], r, &sl), *f = vec_str(args[1], r, &fl);
    const char *t = vec_str(args[2], r, &tl);
    for (int32_t i = 0; i < sl;) {
        int32_t adv;
        uint32_t cp = fn_uc_decode(s + i, sl - i, &adv);
        /* the first occurrence in `from` decides; its position picks the replacement */
        int32_t fi = 0, ti = 0;
        bool found = false, has_rep = false;
        uint32_t rep = 0;
        while (fi < fl) {
            int32_t fadv, tadv = 0;
            uint32_t fc = fn_uc_decode(f + fi, fl - fi, &fadv);
            uint32_t tc = 0;
            bool t_ok = ti < tl;
            if (t_ok)
                tc = fn_uc_decode(t + ti, tl - ti, &tadv);
            if (fc == cp) {
                found = true;
                has_rep = t_ok;
                rep = tc;
                break;
            }
            fi += fadv;
            ti += tadv;
        }
        if (!found) {
            em_str_append(buf, s + i, (size_t)adv);
        } else if (has_rep) {
            char enc[4];
            em_str_append(buf, enc, (size_t)fn_uc_encode(rep, enc));
        }
        i += adv;
    }
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_translate(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_translate, out, err);
}

/* replace(str, search[, replace]): every occurrence, left to right; empty search: unchanged. */
static int fn_row_replace(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                          em_error *err)
{
    int32_t sl, fl, tl;
    const char *s = vec_str(args[0], r, &sl), *f = vec_str(args[1], r, &fl);
    const char *t = vec_str(args[2], r, &tl);
    if (fl == 0) {
        em_str_append(buf, s, (size_t)sl);
        return EM_OK;
    }
    int32_t i = 0;
    for (;;) {
        int32_t at = fn_text_find(s, sl, f, fl, i);
        if (at < 0)
            break;
        em_str_append(buf, s + i, (size_t)(at - i));
        em_str_append(buf, t, (size_t)tl);
        i = at + fl;
    }
    em_str_append(buf, s + i, (size_t)(sl - i));
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_replace(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_replace, out, err);
}

/* ---- initcap / soundex / ascii / chr
 * ------------------------------------------------------------- */

static int fn_bind_str1(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING};
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    bool to_int = strcasecmp(def->name, "ascii") == 0;
    return fn_text_bind_simple(a, call, opts, wants, to_int ? ty_int() : ty_string(), err);
}

/* toLowerCase, then the first character and every character after a space to title case. */
static int fn_row_initcap(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                          em_error *err)
{
    int32_t sl;
    const char *s = vec_str(args[0], r, &sl);
    uint32_t prev = ' ';
    for (int32_t i = 0; i < sl;) {
        int32_t adv;
        uint32_t cp = fn_uc_decode(s + i, sl - i, &adv);
        uint32_t lower = fn_uc_lower(cp);
        uint32_t m = prev == ' ' ? fn_uc_upper(lower) : lower;
        char enc[4];
        if (cp < 0x80 || m != cp)
            em_str_append(buf, enc, (size_t)fn_uc_encode(m, enc));
        else
            em_str_append(buf, s + i, (size_t)adv);
        prev = lower;
        i += adv;
    }
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_initcap(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_initcap, out, err);
}

/* UTF8String.soundex: American Soundex on ASCII letters; a first byte that is not a letter
   returns the input unchanged. */
static int fn_row_soundex(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                          em_error *err)
{
    static const char map[] = "01230127022455012623017202";
    int32_t sl;
    const char *s = vec_str(args[0], r, &sl);
    if (sl == 0)
        return EM_OK;
    unsigned char b = (unsigned char)s[0];
    if (b >= 'a' && b <= 'z')
        b -= 32;
    else if (b < 'A' || b > 'Z') {
        em_str_append(buf, s, (size_t)sl);
        return EM_OK;
    }
    char sx[4] = {(char)b, '0', '0', '0'};
    int sxi = 1;
    char last = map[b - 'A'];
    for (int32_t i = 1; i < sl && sxi <= 3; i++) {
        b = (unsigned char)s[i];
        if (b >= 'a' && b <= 'z')
            b -= 32;
        else if (b < 'A' || b > 'Z') {
            last = '0';
            continue;
        }
        char code = map[b - 'A'];
        if (code == '7')
            continue; /* H and W do not separate equal codes */
        if (code != '0' && code != last)
            sx[sxi++] = code;
        last = code;
    }
    em_str_append(buf, sx, 4);
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_soundex(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_soundex, out, err);
}

static int fn_row_ascii(const pl_expr *call, vec *const *args, int64_t r, int64_t *val, bool *null,
                        em_error *err)
{
    int32_t sl;
    const char *s = vec_str(args[0], r, &sl);
    if (sl == 0) {
        *val = 0;
        return EM_OK;
    }
    int32_t adv;
    *val = (int64_t)fn_uc_decode(s, sl, &adv);
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_ascii(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    (void)ctx;
    return fn_misc_drive_int(call, args, n, true, fn_row_ascii, out, err);
}

static int fn_bind_chr(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    static const fn_want wants[] = {FN_W_LONG};
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_string(), err);
}

static int fn_row_chr(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                      em_error *err)
{
    int64_t v = VEC_VALUES(args[0], int64_t)[r];
    if (v >= 0) {
        char enc[4];
        em_str_append(buf, enc, (size_t)fn_uc_encode((uint32_t)(v & 0xFF), enc));
    }
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_chr(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_chr, out, err);
}

/* ---- levenshtein
 * ------------------------------------------------------------------------------------ */

static int fn_bind_levenshtein(const fn_def *def, em_arena *a, pl_expr *call,
                               const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING, FN_W_INT};
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_int(), err);
}

static int fn_row_levenshtein(const pl_expr *call, vec *const *args, int64_t r, int64_t *val,
                              bool *null, em_error *err)
{
    int32_t al, bl;
    const char *a = vec_str(args[0], r, &al), *b = vec_str(args[1], r, &bl);
    int32_t n = fn_uc_count(a, al), m = fn_uc_count(b, bl);
    uint32_t *ca = em_malloc(sizeof *ca * (size_t)(n + 1));
    uint32_t *cb = em_malloc(sizeof *cb * (size_t)(m + 1));
    int32_t *prev = em_malloc(sizeof *prev * (size_t)(m + 1));
    int32_t *cur = em_malloc(sizeof *cur * (size_t)(m + 1));
    for (int32_t i = 0, k = 0; i < al; k++) {
        int32_t adv = fn_uc_len((unsigned char)a[i]);
        if (adv > al - i)
            adv = al - i;
        /* compare code points by their bytes, as UTF8String does */
        uint32_t h = 0;
        for (int32_t j = 0; j < adv; j++)
            h = (h << 8) | (unsigned char)a[i + j];
        ca[k] = h;
        i += adv;
    }
    for (int32_t i = 0, k = 0; i < bl; k++) {
        int32_t adv = fn_uc_len((unsigned char)b[i]);
        if (adv > bl - i)
            adv = bl - i;
        uint32_t h = 0;
        for (int32_t j = 0; j < adv; j++)
            h = (h << 8) | (unsigned char)b[i + j];
        cb[k] = h;
        i += adv;
    }
    for (int32_t j = 0; j <= m; j++)
        prev[j] = j;
    for (int32_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (int32_t j = 1; j <= m; j++) {
            int32_t c = prev[j - 1] + (ca[i - 1] == cb[j - 1] ? 0 : 1);
            int32_t d = prev[j] + 1 < cur[j - 1] + 1 ? prev[j] + 1 : cur[j - 1] + 1;
            cur[j] = c < d ? c : d;
        }
        int32_t *t = prev;
        prev = cur;
        cur = t;
    }
    int64_t dist = prev[m];
    em_free(ca);
    em_free(cb);
    em_free(prev);
    em_free(cur);
    if (call->n_args == 3 && dist > VEC_VALUES(args[2], int32_t)[r])
        dist = -1;
    *val = dist;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_levenshtein(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                               vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_int(call, args, n, true, fn_row_levenshtein, out, err);
}

/* ---- overlay
 * ----------------------------------------------------------------------------------------- */

static int fn_bind_overlay(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 3, 4, "[3, 4]", err))
        return err->code;
    if (call->n_args == 3)
        fn_misc_add_arg(a, call, pl_lit_int(a, -1));
    bool binary = call->args[0]->type->kind == TY_BINARY && call->args[1]->type->kind == TY_BINARY;
    fn_want wants[] = {binary ? FN_W_BINARY : FN_W_STRING, binary ? FN_W_BINARY : FN_W_STRING,
                       FN_W_INT, FN_W_INT};
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, binary ? ty_binary() : ty_string(), err);
}

static int fn_row_overlay(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                          em_error *err)
{
    bool binary = call->type->kind == TY_BINARY;
    int32_t sl, rl;
    const char *s = vec_str(args[0], r, &sl), *rep = vec_str(args[1], r, &rl);
    int64_t pos = VEC_VALUES(args[2], int32_t)[r], len = VEC_VALUES(args[3], int32_t)[r];
    int32_t b0, b1;
    fn_text_substr_sql(s, sl, binary, 1, pos - 1, &b0, &b1);
    em_str_append(buf, s + b0, (size_t)(b1 - b0));
    em_str_append(buf, rep, (size_t)rl);
    int64_t length = len >= 0 ? len : (binary ? rl : fn_uc_count(rep, rl));
    int64_t from = pos + length;
    if (from > INT32_MAX)
        from = INT32_MAX;
    if (from < INT32_MIN)
        from = INT32_MIN;
    fn_text_substr_sql(s, sl, binary, from, INT32_MAX, &b0, &b1);
    em_str_append(buf, s + b0, (size_t)(b1 - b0));
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_overlay(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_overlay, out, err);
}

/* ---- substring_index
 * ---------------------------------------------------------------------------------- */

static int fn_bind_substring_index(const fn_def *def, em_arena *a, pl_expr *call,
                                   const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING, FN_W_INT};
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_string(), err);
}

static int fn_row_substring_index(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                                  bool *null, em_error *err)
{
    int32_t sl, dl;
    const char *s = vec_str(args[0], r, &sl), *d = vec_str(args[1], r, &dl);
    int32_t count = VEC_VALUES(args[2], int32_t)[r];
    if (dl == 0 || count == 0)
        return EM_OK;
    if (count > 0) {
        int32_t idx = -1;
        while (count > 0) {
            idx = fn_text_find(s, sl, d, dl, idx + 1);
            if (idx < 0) {
                em_str_append(buf, s, (size_t)sl);
                return EM_OK;
            }
            count--;
        }
        em_str_append(buf, s, (size_t)idx);
        return EM_OK;
    }
    int32_t idx = sl - dl + 1;
    int64_t c = -(int64_t)count;
    while (c > 0) {
        idx = idx - 1 < 0 ? -1 : fn_text_rfind(s, sl, d, dl, idx - 1);
        if (idx < 0) {
            em_str_append(buf, s, (size_t)sl);
            return EM_OK;
        }
        c--;
    }
    em_str_append(buf, s + idx + dl, (size_t)(sl - idx - dl));
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_substring_index(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                   vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_substring_index, out, err);
}

/* ---- btrim
 * ------------------------------------------------------------------------------------------ */

static int fn_bind_btrim(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING};
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_string(), err);
}

static bool fn_text_in_set(const char *set, int32_t n, uint32_t cp)
{
    for (int32_t i = 0; i < n;) {
        int32_t adv;
        if (fn_uc_decode(set + i, n - i, &adv) == cp)
            return true;
        i += adv;
    }
    return false;
}

static int fn_row_btrim(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                        em_error *err)
{
    int32_t sl, tl = 1;
    const char *s = vec_str(args[0], r, &sl), *t = " ";
    if (call->n_args == 2)
        t = vec_str(args[1], r, &tl);
    int32_t b = 0, e = sl;
    while (b < e) {
        int32_t adv;
        uint32_t cp = fn_uc_decode(s + b, e - b, &adv);
        if (!fn_text_in_set(t, tl, cp))
            break;
        b += adv;
    }
    while (e > b) {
        int32_t k = e - 1;
        while (k > b && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        int32_t adv;
        uint32_t cp = fn_uc_decode(s + k, e - k, &adv);
        if (!fn_text_in_set(t, tl, cp))
            break;
        e = k;
    }
    em_str_append(buf, s + b, (size_t)(e - b));
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_btrim(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_btrim, out, err);
}

/* ---- octet_length / bit_length
 * ------------------------------------------------------------------------ */

static int fn_bind_octets(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STR_BIN};
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_int(), err);
}

static int fn_row_octets(const pl_expr *call, vec *const *args, int64_t r, int64_t *val, bool *null,
                         em_error *err)
{
    int32_t len;
    vec_str(args[0], r, &len);
    *val = strcasecmp(call->fn->name, "bit_length") == 0 ? (int64_t)len * 8 : len;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_octets(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    (void)ctx;
    return fn_misc_drive_int(call, args, n, true, fn_row_octets, out, err);
}

/* ---- elt
 * -------------------------------------------------------------------------------------------------
 */

static int fn_bind_elt(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    if (fn_check_arity(call, 2, -1, "> 1", err))
        return err->code;
    bool ansi = fn_text_ansi(opts);
    if (fn_misc_expect(a, call, 0, FN_W_INT, ansi, err))
        return err->code;
    bool all_binary = true;
    for (int i = 1; i < call->n_args; i++)
        if (call->args[i]->type->kind != TY_BINARY)
            all_binary = false;
    for (int i = 1; i < call->n_args && !all_binary; i++)
        if (fn_misc_expect(a, call, i, FN_W_STRING, ansi, err))
            return err->code;
    fn_misc_state *st = fn_misc_state_new(a, opts);
    call->fn_state = st;
    call->type = all_binary ? ty_binary() : ty_string();
    call->nullable = true;
    (void)def;
    return EM_OK;
}

static int fn_row_elt(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                      em_error *err)
{
    const fn_misc_state *st = call->fn_state;
    if (fn_is_null(args[0], r)) {
        *null = true;
        return EM_OK;
    }
    int32_t idx = VEC_VALUES(args[0], int32_t)[r];
    if (idx < 1 || idx >= call->n_args) {
        if (st->ansi) {
            char is[16], ns[16];
            snprintf(is, sizeof is, "%d", idx);
            snprintf(ns, sizeof ns, "%d", call->n_args - 1);
            return em_error_set(err, "INVALID_ARRAY_INDEX", "indexValue", is, "arraySize", ns,
                                "ansiConfig", "\"spark.sql.ansi.enabled\"", NULL);
        }
        *null = true;
        return EM_OK;
    }
    const vec *v = args[idx];
    if (fn_is_null(v, r)) {
        *null = true;
        return EM_OK;
    }
    int32_t len;
    const char *s = vec_str(v, r, &len);
    em_str_append(buf, s, (size_t)len);
    return EM_OK;
}

static int fn_eval_elt(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, false, fn_row_elt, out, err);
}

/* ---- find_in_set
 * ----------------------------------------------------------------------------------------- */

static int fn_row_find_in_set(const pl_expr *call, vec *const *args, int64_t r, int64_t *val,
                              bool *null, em_error *err)
{
    int32_t sl, ll;
    const char *s = vec_str(args[0], r, &sl), *l = vec_str(args[1], r, &ll);
    *val = 0;
    if (memchr(s, ',', (size_t)sl))
        return EM_OK;
    int64_t idx = 1;
    int32_t start = 0;
    for (int32_t i = 0; i <= ll; i++) {
        if (i == ll || l[i] == ',') {
            if (i - start == sl && memcmp(l + start, s, (size_t)sl) == 0) {
                *val = idx;
                return EM_OK;
            }
            idx++;
            start = i + 1;
        }
    }
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_find_in_set(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                               vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_int(call, args, n, true, fn_row_find_in_set, out, err);
}

/* ---- split_part
 * ---------------------------------------------------------------------------------------- */

static int fn_bind_split_part(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING, FN_W_INT};
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    (void)def;
    return fn_text_bind_simple(a, call, opts, wants, ty_string(), err);
}

static int fn_row_split_part(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                             bool *null, em_error *err)
{
    int32_t sl, dl;
    const char *s = vec_str(args[0], r, &sl), *d = vec_str(args[1], r, &dl);
    int32_t part = VEC_VALUES(args[2], int32_t)[r];
    if (part == 0)
        return em_error_set(err, "INVALID_INDEX_OF_ZERO", NULL);
    /* the parts of splitSQL(delim, -1): a literal delimiter, trailing empty parts kept; an
       empty delimiter gives the whole string */
    int32_t n_parts = 1;
    if (dl > 0)
        for (int32_t i = 0; (i = fn_text_find(s, sl, d, dl, i)) >= 0; i += dl)
            n_parts++;
    int64_t want = part > 0 ? part - 1 : (int64_t)n_parts + part;
    if (want < 0 || want >= n_parts)
        return EM_OK;
    int32_t start = 0;
    for (int64_t k = 0; k < want; k++)
        start = fn_text_find(s, sl, d, dl, start) + dl;
    int32_t end = dl > 0 ? fn_text_find(s, sl, d, dl, start) : -1;
    if (end < 0)
        end = sl;
    em_str_append(buf, s + start, (size_t)(end - start));
    (void)call;
    (void)null;
    return EM_OK;
}

static int fn_eval_split_part(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_split_part, out, err);
}

/* ---- left / right
 * ----------------------------------------------------------------------------------------- */

static int fn_bind_left_right(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool binary = call->args[0]->type->kind == TY_BINARY && strcasecmp(def->name, "left") == 0;
    fn_want wants[] = {binary ? FN_W_BINARY : FN_W_STRING, FN_W_INT};
    return fn_text_bind_simple(a, call, opts, wants, binary ? ty_binary() : ty_string(), err);
}

static int fn_row_left_right(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                             bool *null, em_error *err)
{
    bool left = call->fn->name[0] == 'l' || call->fn->name[0] == 'L';
    bool binary = call->type->kind == TY_BINARY;
    int32_t sl;
    const char *s = vec_str(args[0], r, &sl);
    int64_t len = VEC_VALUES(args[1], int32_t)[r];
    int32_t b0 = 0, b1 = 0;
    if (left)
        fn_text_substr_sql(s, sl, binary, 1, len, &b0, &b1); /* Substring(str, 1, len) */
    else if (len > 0)
        fn_text_substr_sql(s, sl, binary, -len, INT32_MAX, &b0, &b1); /* Substring(str, -len) */
    em_str_append(buf, s + b0, (size_t)(b1 - b0));
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_left_right(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_left_right, out, err);
}

/* ---- table
 * ------------------------------------------------------------------------------------------------
 */

#define FN_TEXT(nm, mn, mx, b, e)                                                                  \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_text_defs[] = {
    FN_TEXT("concat_ws", 1, -1, fn_bind_concat_ws, fn_eval_concat_ws),
    FN_TEXT("lpad", 2, 3, fn_bind_pad, fn_eval_pad),
    FN_TEXT("rpad", 2, 3, fn_bind_pad, fn_eval_pad),
    FN_TEXT("repeat", 2, 2, fn_bind_repeat, fn_eval_repeat),
    FN_TEXT("space", 1, 1, fn_bind_space, fn_eval_space),
    FN_TEXT("instr", 2, 2, fn_bind_instr, fn_eval_instr),
    FN_TEXT("locate", 2, 3, fn_bind_locate, fn_eval_locate),
    FN_TEXT("position", 2, 3, fn_bind_locate, fn_eval_locate),
    FN_TEXT("translate", 3, 3, fn_bind_str3, fn_eval_translate),
    FN_TEXT("replace", 2, 3, fn_bind_str3, fn_eval_replace),
    FN_TEXT("initcap", 1, 1, fn_bind_str1, fn_eval_initcap),
    FN_TEXT("soundex", 1, 1, fn_bind_str1, fn_eval_soundex),
    FN_TEXT("ascii", 1, 1, fn_bind_str1, fn_eval_ascii),
    FN_TEXT("chr", 1, 1, fn_bind_chr, fn_eval_chr),
    FN_TEXT("char", 1, 1, fn_bind_chr, fn_eval_chr),
    FN_TEXT("levenshtein", 2, 3, fn_bind_levenshtein, fn_eval_levenshtein),
    FN_TEXT("overlay", 3, 4, fn_bind_overlay, fn_eval_overlay),
    FN_TEXT("substring_index", 3, 3, fn_bind_substring_index, fn_eval_substring_index),
    FN_TEXT("btrim", 1, 2, fn_bind_btrim, fn_eval_btrim),
    FN_TEXT("octet_length", 1, 1, fn_bind_octets, fn_eval_octets),
    FN_TEXT("bit_length", 1, 1, fn_bind_octets, fn_eval_octets),
    FN_TEXT("elt", 2, -1, fn_bind_elt, fn_eval_elt),
    FN_TEXT("find_in_set", 2, 2, fn_bind_instr, fn_eval_find_in_set),
    FN_TEXT("split_part", 3, 3, fn_bind_split_part, fn_eval_split_part),
    FN_TEXT("left", 2, 2, fn_bind_left_right, fn_eval_left_right),
    FN_TEXT("right", 2, 2, fn_bind_left_right, fn_eval_left_right),
};
const int fn_text_n_defs = (int)(sizeof fn_text_defs / sizeof fn_text_defs[0]);
