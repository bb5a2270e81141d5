/*
 * fn_text_bin: strings and bytes: base64, unbase64, encode / decode (charsets us-ascii,
 * iso-8859-1, utf-8, utf-16be, utf-16le, utf-16, utf-32, as Spark's CharsetProvider allows by
 * default; malformed input raises MALFORMED_CHARACTER_CODING; spark.sql.legacy.javaCharsets
 * admits any charset iconv knows, spark.sql.legacy.codingErrorAction replaces bad input with
 * '?' / U+FFFD as Java's REPLACE action does), decode(expr, search, result, ...)
 * (Oracle's DECODE, a CASE over <=>), to_binary / try_to_binary (hex, utf-8, base64),
 * is_valid_utf8 / make_valid_utf8 / validate_utf8 / try_validate_utf8 (UTF8String's validity
 * rules, U+FFFD replacement), luhn_check, mask and sentences.
 *
 * base64 is the MIME encoder without line breaks (Spark's default, chunkBase64 off); unbase64
 * is the MIME decoder: characters outside the alphabet are skipped, a dangling single
 * character is an error (IllegalArgumentException in Spark; NULL here) unless to_binary's
 * strict check applies (CONVERSION_INVALID_INPUT).
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"

static bool fn_tb_ansi(const pl_session_opts *opts)
{
    return opts && opts->ansi;
}

/* ---- base64 ------------------------------------------------------------------------------------
 */

static const char fn_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void fn_base64_encode(const uint8_t *s, int32_t n, em_str *out)
{
    int32_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        em_str_putc(out, fn_b64[v >> 18]);
        em_str_putc(out, fn_b64[(v >> 12) & 63]);
        em_str_putc(out, fn_b64[(v >> 6) & 63]);
        em_str_putc(out, fn_b64[v & 63]);
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)s[i] << 16;
        em_str_putc(out, fn_b64[v >> 18]);
        em_str_putc(out, fn_b64[(v >> 12) & 63]);
        em_str_puts(out, "==");
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8;
        em_str_putc(out, fn_b64[v >> 18]);
        em_str_putc(out, fn_b64[(v >> 12) & 63]);
        em_str_putc(out, fn_b64[(v >> 6) & 63]);
        em_str_putc(out, '=');
    }
}

static int fn_b64_val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/* java.util.Base64.getMimeDecoder().decode: returns false when the input ends with a single
   dangling symbol or has symbols after padding. */
static bool fn_base64_decode(const char *s, int32_t n, em_str *out)
{
    uint32_t acc = 0;
    int bits = 0, count = 0;
    for (int32_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '=') {
            /* padding: the remaining symbols must complete the group */
            if (count % 4 == 1)
                return false;
            break;
        }
        int v = fn_b64_val(c);
        if (v < 0)
            continue; /* MIME: ignored */
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        count++;
        if (bits >= 8) {
            bits -= 8;
            em_str_putc(out, (char)((acc >> bits) & 0xFF));
        }
    }
    return count % 4 != 1;
}

/* UnBase64.isValidBase64 (to_binary's strict check). */
static bool fn_base64_valid(const char *s, int32_t n)
{
    int position = 0, pad = 0;
    for (int32_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (fn_b64_val(c) >= 0) {
            if (pad)
                return false;
            position++;
        } else if (c == '=') {
            pad++;
            if (pad > 2 || position % 4 < 2)
                return false;
        } else if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) {
            if (pad)
                return false;
        } else {
            return false;
        }
    }
    return pad > 0 ? (position + pad) % 4 == 0 : position % 4 != 1;
}

static int fn_bind_base64(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    bool enc = strcasecmp(def->name, "base64") == 0;
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, enc ? FN_W_BINARY : FN_W_STRING, fn_tb_ansi(opts), err))
        return err->code;
    call->type = enc ? ty_string() : ty_binary();
    call->nullable = call->args[0]->nullable || !enc;
    return EM_OK;
}

static int fn_row_base64(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                         em_error *err)
{
    int32_t n;
    const char *s = vec_str(args[0], r, &n);
    if (call->type->kind == TY_STRING)
        fn_base64_encode((const uint8_t *)s, n, buf);
    else if (!fn_base64_decode(s, n, buf))
        *null = true;
    (void)err;
    return EM_OK;
}

static int fn_eval_base64(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_base64, out, err);
}

/* ---- charsets
 * ---------------------------------------------------------------------------------------- */

typedef enum {
    FN_CS_ASCII,
    FN_CS_LATIN1,
    FN_CS_UTF8,
    FN_CS_U16BE,
    FN_CS_U16LE,
    FN_CS_U16,
    FN_CS_U32
} fn_charset;

static int fn_charset_of(const char *s, int32_t n, fn_charset *cs)
{
    static const struct {
        const char *name;
        fn_charset cs;
    } names[] = {{"us-ascii", FN_CS_ASCII}, {"iso-8859-1", FN_CS_LATIN1}, {"utf-8", FN_CS_UTF8},
                 {"utf-16be", FN_CS_U16BE}, {"utf-16le", FN_CS_U16LE},    {"utf-16", FN_CS_U16},
                 {"utf-32", FN_CS_U32}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if ((int32_t)strlen(names[k].name) == n && strncasecmp(names[k].name, s, (size_t)n) == 0) {
            *cs = names[k].cs;
            return 0;
        }
    return -1;
}

static int fn_err_charset(const char *fname, const char *cs, int32_t n, em_error *err)
{
    char *c = em_strndup(cs, (size_t)n);
    char id[64];
    snprintf(id, sizeof id, "`%s`", fname);
    int rc = em_error_set(err, "INVALID_PARAMETER_VALUE.CHARSET", "functionName", id, "parameter",
                          "`charset`", "charset", c, "charsets",
                          "iso-8859-1, us-ascii, utf-16, utf-16be, utf-16le, utf-32, utf-8", NULL);
    em_free(c);
    return rc;
}

static int fn_err_coding(const char *fname, const char *cs, int32_t n, em_error *err)
{
    char *c = em_strndup(cs, (size_t)n);
    char id[64];
    snprintf(id, sizeof id, "`%s`", fname);
    int rc = em_error_set(err, "MALFORMED_CHARACTER_CODING", "function", id, "charset", c, NULL);
    em_free(c);
    return rc;
}

/* Valid UTF-8 per UTF8String.isValid; *valid_len receives the length of the valid prefix. */
static bool fn_utf8_valid(const uint8_t *s, int32_t n)
{
    for (int32_t i = 0; i < n;) {
        uint8_t b = s[i];
        int len = b < 0x80                 ? 1
                  : b >= 0xC2 && b <= 0xDF ? 2
                  : b >= 0xE0 && b <= 0xEF ? 3
                  : b >= 0xF0 && b <= 0xF4 ? 4
                                           : 0;
        if (len == 0 || i + len > n)
            return false;
        if (len >= 2) {
            uint8_t s2 = s[i + 1];
            bool ok = b == 0xE0   ? s2 >= 0xA0 && s2 <= 0xBF
                      : b == 0xED ? s2 >= 0x80 && s2 <= 0x9F
                      : b == 0xF0 ? s2 >= 0x90 && s2 <= 0xBF
                      : b == 0xF4 ? s2 >= 0x80 && s2 <= 0x8F
                                  : s2 >= 0x80 && s2 <= 0xBF;
            if (!ok)
                return false;
            for (int k = 2; k < len; k++)
                if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                    return false;
        }
        i += len;
    }
    return true;
}

static void fn_make_valid(const uint8_t *s, int32_t n, em_str *out);

/*
 * Encodes UTF-8 text into the charset; false on an unmappable or malformed character. With
 * `replace` (CodingErrorAction.REPLACE) invalid UTF-8 is first made valid (U+FFFD, as
 * UTF8String.toString does) and unmappable characters become '?'.
 */
static bool fn_encode_to(const char *s, int32_t n, fn_charset cs, bool replace, em_str *out)
{
    em_str fixed;
    em_str_init(&fixed, 0);
    if (!fn_utf8_valid((const uint8_t *)s, n)) {
        if (!replace)
            return false;
        fn_make_valid((const uint8_t *)s, n, &fixed);
        s = fixed.data ? fixed.data : "";
        n = (int32_t)fixed.len;
    }
    if (cs == FN_CS_UTF8) {
        em_str_append(out, s, (size_t)n);
        em_str_release(&fixed);
        return true;
    }
    if (cs == FN_CS_U16)
        em_str_append(out, "\xFE\xFF", 2); /* Java's UTF-16 encoder writes a BOM, big-endian */
    for (int32_t i = 0; i < n;) {
        int32_t adv;
        uint32_t cp = fn_uc_decode(s + i, n - i, &adv);
        i += adv;
        switch (cs) {
        case FN_CS_ASCII:
        case FN_CS_LATIN1:
            if (cp > (cs == FN_CS_ASCII ? 0x7Fu : 0xFFu)) {
                if (!replace) {
                    em_str_release(&fixed);
                    return false;
                }
                cp = '?';
            }
            em_str_putc(out, (char)cp);
            break;
        case FN_CS_U32:
            for (int k = 3; k >= 0; k--)
                em_str_putc(out, (char)(cp >> (8 * k)));
            break;
        default: {
            uint16_t units[2];
            int nu = 1;
            if (cp >= 0x10000) {
                uint32_t v = cp - 0x10000;
                units[0] = (uint16_t)(0xD800 | (v >> 10));
                units[1] = (uint16_t)(0xDC00 | (v & 0x3FF));
                nu = 2;
            } else {
                units[0] = (uint16_t)cp;
            }
            for (int u = 0; u < nu; u++) {
                if (cs == FN_CS_U16LE) {
                    em_str_putc(out, (char)(units[u] & 0xFF));
                    em_str_putc(out, (char)(units[u] >> 8));
                } else {
                    em_str_putc(out, (char)(units[u] >> 8));
                    em_str_putc(out, (char)(units[u] & 0xFF));
                }
            }
            break;
        }
        }
    }
    em_str_release(&fixed);
    return true;
}

#define FN_TB_FFFD "\xEF\xBF\xBD"

/* Decodes bytes in the charset into UTF-8; false on malformed input. With `replace` every
   malformed unit becomes U+FFFD instead (CodingErrorAction.REPLACE). */
static bool fn_decode_from(const uint8_t *s, int32_t n, fn_charset cs, bool replace, em_str *out)
{
    char enc[4];
    switch (cs) {
    case FN_CS_UTF8:
        if (!fn_utf8_valid(s, n)) {
            if (!replace)
                return false;
            fn_make_valid(s, n, out);
            return true;
        }
        em_str_append(out, (const char *)s, (size_t)n);
        return true;
    case FN_CS_ASCII:
    case FN_CS_LATIN1:
        for (int32_t i = 0; i < n; i++) {
            if (cs == FN_CS_ASCII && s[i] > 0x7F) {
                if (!replace)
                    return false;
                em_str_puts(out, FN_TB_FFFD);
                continue;
            }
            em_str_append(out, enc, (size_t)fn_uc_encode(s[i], enc));
        }
        return true;
    case FN_CS_U32:
        if (n % 4 && !replace)
            return false;
        for (int32_t i = 0; i < n; i += 4) {
            if (i + 4 > n) {
                em_str_puts(out, FN_TB_FFFD);
                break;
            }
            uint32_t cp = (uint32_t)s[i] << 24 | (uint32_t)s[i + 1] << 16 |
                          (uint32_t)s[i + 2] << 8 | s[i + 3];
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                if (!replace)
                    return false;
                em_str_puts(out, FN_TB_FFFD);
                continue;
            }
            em_str_append(out, enc, (size_t)fn_uc_encode(cp, enc));
        }
        return true;
    default: {
        bool le = cs == FN_CS_U16LE;
        int32_t i = 0;
        if (cs == FN_CS_U16 && n >= 2) { /* BOM detection, big-endian by default */
            if (s[0] == 0xFE && s[1] == 0xFF)
                i = 2;
            else if (s[0] == 0xFF && s[1] == 0xFE)
                i = 2, le = true;
        }
        if ((n - i) % 2 && !replace)
            return false;
        for (; i < n; i += 2) {
            if (i + 1 >= n) {
                em_str_puts(out, FN_TB_FFFD);
                break;
            }
            uint32_t u =
                le ? (uint32_t)s[i] | (uint32_t)s[i + 1] << 8 : (uint32_t)s[i] << 8 | s[i + 1];
            bool bad = false;
            if (u >= 0xD800 && u <= 0xDBFF) {
                uint32_t u2 = 0;
                if (i + 3 < n)
                    u2 = le ? (uint32_t)s[i + 2] | (uint32_t)s[i + 3] << 8
                            : (uint32_t)s[i + 2] << 8 | s[i + 3];
                if (u2 < 0xDC00 || u2 > 0xDFFF) {
                    bad = true;
                } else {
                    u = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
                    i += 2;
                }
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                bad = true;
            }
            if (bad) {
                if (!replace)
                    return false;
                em_str_puts(out, FN_TB_FFFD);
                continue;
            }
            em_str_append(out, enc, (size_t)fn_uc_encode(u, enc));
        }
        return true;
    }
    }
}

/*
 * spark.sql.legacy.javaCharsets: a charset outside Spark's seven through iconv (Java's other
 * charsets: windows-1252, ...). Returns 1 when iconv does not know the charset, 0 on success,
 * -1 on malformed / unmappable input without `replace` ('?' when encoding, U+FFFD when
 * decoding otherwise).
 */
static int fn_iconv_convert(const char *cs, int32_t cl, bool encode, const char *s, int32_t n,
                            bool replace, em_str *out)
{
    char name[64];
    if (cl <= 0 || cl >= (int32_t)sizeof name)
        return 1;
    memcpy(name, cs, (size_t)cl);
    name[cl] = '\0';
    iconv_t cd = encode ? iconv_open(name, "UTF-8") : iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return 1;
    char *in = (char *)s;
    size_t in_left = (size_t)n;
    char buf[256];
    int rc = 0;
    while (in_left > 0) {
        char *o = buf;
        size_t o_left = sizeof buf;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        em_str_append(out, buf, sizeof buf - o_left);
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        if (!replace) {
            rc = -1;
            break;
        }
        /* skip one bad unit: a UTF-8 character when encoding, a byte when decoding */
        int32_t adv = 1;
        if (encode)
            fn_uc_decode(in, (int32_t)in_left, &adv);
        in += adv;
        in_left -= (size_t)adv < in_left ? (size_t)adv : in_left;
        em_str_puts(out, encode ? "?" : FN_TB_FFFD);
    }
    iconv_close(cd);
    return rc;
}

/* The settings encode / decode capture at bind time (and decode's search-form tree). */
typedef struct fn_codec_state {
    bool java_charsets; /* spark.sql.legacy.javaCharsets */
    bool replace;       /* spark.sql.legacy.codingErrorAction */
    const pl_expr *tree;
} fn_codec_state;

static fn_codec_state *fn_codec_state_new(em_arena *a, const pl_session_opts *opts)
{
    fn_codec_state *st = em_arena_calloc(a, 1, sizeof *st);
    st->java_charsets = opts && opts->legacy_java_charsets;
    st->replace = opts && opts->legacy_coding_error_action;
    return st;
}

/* ---- encode / decode
 * --------------------------------------------------------------------------------- */

static int fn_bind_encode(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    static const fn_want wants[] = {FN_W_STRING, FN_W_STRING};
    if (fn_check_arity(call, 2, 2, "2", err) ||
        fn_misc_expect_all(a, call, wants, fn_tb_ansi(opts), err))
        return err->code;
    call->type = ty_binary();
    call->nullable = fn_any_nullable(call);
    call->fn_state = fn_codec_state_new(a, opts);
    (void)def;
    return EM_OK;
}

static int fn_row_encode(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                         em_error *err)
{
    const fn_codec_state *st = call->fn_state;
    int32_t n, cl;
    const char *s = vec_str(args[0], r, &n), *c = vec_str(args[1], r, &cl);
    fn_charset cs;
    if (fn_charset_of(c, cl, &cs)) {
        int rc =
            st && st->java_charsets ? fn_iconv_convert(c, cl, true, s, n, st->replace, buf) : 1;
        if (rc > 0)
            return fn_err_charset("encode", c, cl, err);
        return rc < 0 ? fn_err_coding("encode", c, cl, err) : EM_OK;
    }
    if (!fn_encode_to(s, n, cs, st && st->replace, buf))
        return fn_err_coding("encode", c, cl, err);
    (void)null;
    return EM_OK;
}

static int fn_eval_encode(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_encode, out, err);
}

/* decode(bin, charset), or decode(expr, search, result, ..., [default]) = CASE WHEN expr <=>
   search THEN result ... ELSE default END (Spark's Decode.createExpr). */
static int fn_bind_decode(const fn_def *def, em_arena *a, pl_expr *call,
                          const pl_session_opts *opts, em_error *err)
{
    if (call->n_args < 2)
        return fn_check_arity(call, 2, 2, "2", err);
    if (call->n_args == 2) {
        static const fn_want wants[] = {FN_W_BINARY, FN_W_STRING};
        if (fn_misc_expect_all(a, call, wants, fn_tb_ansi(opts), err))
            return err->code;
        call->type = ty_string();
        call->nullable = fn_any_nullable(call);
        call->fn_state = fn_codec_state_new(a, opts);
        return EM_OK;
    }
    int n_pairs = (call->n_args - 1) / 2;
    bool has_default = (call->n_args - 1) % 2 == 1;
    int n_case = n_pairs * 2 + 1;
    pl_expr **cw = em_arena_calloc(a, (size_t)n_case, sizeof *cw);
    for (int k = 0; k < n_pairs; k++) {
        pl_expr *eq[] = {fn_misc_arg_ref(a, call, 0), fn_misc_arg_ref(a, call, 1 + 2 * k)};
        cw[2 * k] = fn_misc_bind_call(a, "<=>", 2, eq, opts, err);
        if (!cw[2 * k])
            return err->code;
        cw[2 * k + 1] = fn_misc_arg_ref(a, call, 2 + 2 * k);
    }
    cw[n_case - 1] =
        has_default ? fn_misc_arg_ref(a, call, call->n_args - 1) : pl_lit_null(a, ty_string());
    pl_expr *tree = fn_misc_bind_call(a, "when", n_case, cw, opts, err);
    if (!tree)
        return err->code;
    fn_codec_state *st = fn_codec_state_new(a, opts);
    st->tree = tree;
    call->fn_state = st;
    call->type = tree->type;
    call->nullable = tree->nullable;
    (void)def;
    return EM_OK;
}

static int fn_row_decode(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                         em_error *err)
{
    int32_t n, cl;
    const char *s = vec_str(args[0], r, &n), *c = vec_str(args[1], r, &cl);
    const fn_codec_state *st = call->fn_state;
    fn_charset cs;
    if (fn_charset_of(c, cl, &cs)) {
        int rc =
            st && st->java_charsets ? fn_iconv_convert(c, cl, false, s, n, st->replace, buf) : 1;
        if (rc > 0)
            return fn_err_charset("decode", c, cl, err);
        return rc < 0 ? fn_err_coding("decode", c, cl, err) : EM_OK;
    }
    if (!fn_decode_from((const uint8_t *)s, n, cs, st && st->replace, buf))
        return fn_err_coding("decode", c, cl, err);
    (void)null;
    return EM_OK;
}

static int fn_eval_decode(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                          em_error *err)
{
    const fn_codec_state *st = call->fn_state;
    if (st && st->tree)
        return fn_misc_eval_tree(st->tree, args, n, ctx, out, err);
    return fn_misc_drive_str(call, args, n, true, fn_row_decode, out, err);
}

/* ---- to_binary / try_to_binary
 * ------------------------------------------------------------------------ */

typedef enum { FN_TB_HEX, FN_TB_UTF8, FN_TB_BASE64, FN_TB_NULL } fn_tb_fmt;

static int fn_bind_to_binary(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    bool try_ = strcasecmp(def->name, "try_to_binary") == 0;
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    fn_misc_state *st = fn_misc_state_new(a, opts);
    st->i64 = FN_TB_HEX;
    if (call->n_args == 2) {
        /* ImplicitCastInputTypes runs first: an atomic fmt becomes a string ('1') */
        const ty *ft = call->args[1]->type;
        if (!ty_is_string(ft) && ft->kind != TY_NULL && !ty_is_nested(ft))
            fn_cast_arg(a, call, 1, ty_string());
        const pl_expr *f = call->args[1];
        if (!fn_misc_foldable(f))
            return fn_misc_err_non_foldable(call, 1, "fmt", err);
        if (!ty_is_string(f->type) && f->type->kind != TY_NULL) {
            em_str sql, val;
            em_str_init(&sql, 4096);
            em_str_init(&val, 1024);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            vec *v = NULL;
            if (fn_misc_fold(f, opts, &v, err) < 0)
                return err->code;
            ty_sql_value_append(v, 0, opts, &val);
            vec_release(v);
            int rc = em_error_set(err, "DATATYPE_MISMATCH.INVALID_ARG_VALUE", "sqlExpr",
                                  sql.data ? sql.data : "", "inputName", "fmt", "requireType",
                                  "case-insensitive \"STRING\"", "validValues",
                                  "'hex', 'utf-8', 'utf8', or 'base64'", "inputValue",
                                  val.data ? val.data : "", NULL);
            em_str_release(&sql);
            em_str_release(&val);
            return rc;
        }
        vec *v = NULL;
        if (fn_misc_fold(f, opts, &v, err) < 0)
            return err->code;
        if (fn_is_null(v, 0)) {
            st->i64 = FN_TB_NULL;
        } else {
            int32_t len;
            const char *s = vec_str(v, 0, &len);
            if (len == 3 && strncasecmp(s, "hex", 3) == 0)
                st->i64 = FN_TB_HEX;
            else if ((len == 5 && strncasecmp(s, "utf-8", 5) == 0) ||
                     (len == 4 && strncasecmp(s, "utf8", 4) == 0))
                st->i64 = FN_TB_UTF8;
            else if (len == 6 && strncasecmp(s, "base64", 6) == 0)
                st->i64 = FN_TB_BASE64;
            else if (try_)
                st->i64 = FN_TB_NULL;
            else {
                em_str sql, val;
                em_str_init(&sql, 4096);
                em_str_init(&val, 1024);
                em_str_putc(&sql, '"');
                fn_expr_sql(call, &sql);
                em_str_putc(&sql, '"');
                char *lower = em_strndup(s, (size_t)len);
                for (char *p = lower; *p; p++)
                    if (*p >= 'A' && *p <= 'Z')
                        *p = (char)(*p + 32);
                ty_sql_quote_string(lower, strlen(lower), &val);
                em_free(lower);
                vec_release(v);
                int rc = em_error_set(err, "DATATYPE_MISMATCH.INVALID_ARG_VALUE", "sqlExpr",
                                      sql.data ? sql.data : "", "inputName", "fmt", "requireType",
                                      "case-insensitive \"STRING\"", "validValues",
                                      "'hex', 'utf-8', 'utf8', or 'base64'", "inputValue",
                                      val.data ? val.data : "", NULL);
                em_str_release(&sql);
                em_str_release(&val);
                return rc;
            }
        }
        vec_release(v);
    }
    if (fn_misc_expect(a, call, 0, FN_W_STRING, fn_tb_ansi(opts), err))
        return err->code;
    st->has_i64 = try_;
    call->fn_state = st;
    call->type = ty_binary();
    call->nullable = true;
    return EM_OK;
}

static int fn_err_conversion(const char *s, int32_t n, const char *fmt, em_error *err)
{
    em_str q;
    em_str_init(&q, 4096);
    ty_sql_quote_string(s, (size_t)n, &q);
    int rc = em_error_set(err, "CONVERSION_INVALID_INPUT", "str", q.data ? q.data : "", "fmt", fmt,
                          "targetType", "\"BINARY\"", "suggestion", "`try_to_binary`", NULL);
    em_str_release(&q);
    return rc;
}

static int fn_row_to_binary(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                            bool *null, em_error *err)
{
    const fn_misc_state *st = call->fn_state;
    bool try_ = st->has_i64;
    int32_t n;
    const char *s = vec_str(args[0], r, &n);
    switch ((fn_tb_fmt)st->i64) {
    case FN_TB_HEX:
        if (fn_math_unhex(s, n, buf) < 0) {
            if (try_) {
                *null = true;
                return EM_OK;
            }
            return fn_err_conversion(s, n, "'HEX'", err);
        }
        return EM_OK;
    case FN_TB_UTF8:
        em_str_append(buf, s, (size_t)n);
        return EM_OK;
    case FN_TB_BASE64:
        if (!fn_base64_valid(s, n)) {
            if (try_) {
                *null = true;
                return EM_OK;
            }
            return fn_err_conversion(s, n, "'BASE64'", err);
        }
        fn_base64_decode(s, n, buf);
        return EM_OK;
    default:
        *null = true;
        return EM_OK;
    }
}

static int fn_eval_to_binary(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_to_binary, out, err);
}

/* ---- UTF-8 validity
 * ------------------------------------------------------------------------------------ */

static int fn_bind_utf8(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, FN_W_STRING, fn_tb_ansi(opts), err))
        return err->code;
    call->type = strcasecmp(def->name, "is_valid_utf8") == 0 ? ty_boolean() : ty_string();
    call->nullable = true;
    return EM_OK;
}

/* UTF8String.makeValidBytes: each invalid sequence becomes U+FFFD. */
static void fn_make_valid(const uint8_t *s, int32_t n, em_str *out)
{
    for (int32_t i = 0; i < n;) {
        uint8_t b = s[i];
        int expect = b < 0x80                 ? 1
                     : b >= 0xC2 && b <= 0xDF ? 2
                     : b >= 0xE0 && b <= 0xEF ? 3
                     : b >= 0xF0 && b <= 0xF4 ? 4
                                              : 0;
        int len = expect < n - i ? expect : n - i;
        if (len <= 1) {
            if (expect == 1)
                em_str_putc(out, (char)b);
            else
                em_str_puts(out, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        uint8_t s2 = s[i + 1];
        bool ok2 = b == 0xE0   ? s2 >= 0xA0 && s2 <= 0xBF
                   : b == 0xED ? s2 >= 0x80 && s2 <= 0x9F
                   : b == 0xF0 ? s2 >= 0x90 && s2 <= 0xBF
                   : b == 0xF4 ? s2 >= 0x80 && s2 <= 0x8F
                               : s2 >= 0x80 && s2 <= 0xBF;
        if (!ok2) {
            em_str_puts(out, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        int cont = 2;
        while (cont < len && s[i + cont] >= 0x80 && s[i + cont] <= 0xBF)
            cont++;
        if (cont < expect) {
            em_str_puts(out, "\xEF\xBF\xBD");
            i += cont;
            continue;
        }
        em_str_append(out, (const char *)s + i, (size_t)len);
        i += len;
    }
}

static int fn_row_utf8(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                       em_error *err)
{
    int32_t n;
    const uint8_t *s = (const uint8_t *)vec_str(args[0], r, &n);
    const char *name = call->fn->name;
    if (fn_utf8_valid(s, n)) {
        em_str_append(buf, (const char *)s, (size_t)n);
        return EM_OK;
    }
    if (strcasecmp(name, "make_valid_utf8") == 0) {
        fn_make_valid(s, n, buf);
        return EM_OK;
    }
    if (strcasecmp(name, "try_validate_utf8") == 0) {
        *null = true;
        return EM_OK;
    }
    em_str hex;
    em_str_init(&hex, 8192);
    for (int32_t i = 0; i < n; i++)
        em_str_printf(&hex, "\\x%02X", s[i]);
    int rc = em_error_set(err, "INVALID_UTF8_STRING", "str", hex.data ? hex.data : "", NULL);
    em_str_release(&hex);
    return rc;
}

static int fn_row_is_valid(const pl_expr *call, vec *const *args, int64_t r, int64_t *val,
                           bool *null, em_error *err)
{
    int32_t n;
    const uint8_t *s = (const uint8_t *)vec_str(args[0], r, &n);
    *val = fn_utf8_valid(s, n);
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_eval_utf8(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    (void)ctx;
    if (call->type->kind == TY_BOOLEAN)
        return fn_misc_drive_int(call, args, n, true, fn_row_is_valid, out, err);
    return fn_misc_drive_str(call, args, n, true, fn_row_utf8, out, err);
}

/* ---- luhn_check
 * --------------------------------------------------------------------------------------------- */

static int fn_row_luhn(const pl_expr *call, vec *const *args, int64_t r, int64_t *val, bool *null,
                       em_error *err)
{
    int32_t n;
    const char *s = vec_str(args[0], r, &n);
    *val = 0;
    if (n == 0)
        return EM_OK;
    int sum = 0;
    bool second = false;
    for (int32_t i = n - 1; i >= 0; i--) {
        char c = s[i];
        if (c < '0' || c > '9')
            return EM_OK;
        int d = c - '0';
        int dd = second ? d * 2 : d;
        sum += dd % 10 + dd / 10;
        second = !second;
    }
    *val = sum % 10 == 0;
    (void)call;
    (void)null;
    (void)err;
    return EM_OK;
}

static int fn_bind_luhn(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, FN_W_STRING, fn_tb_ansi(opts), err))
        return err->code;
    call->type = ty_boolean();
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_eval_luhn(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    (void)ctx;
    return fn_misc_drive_int(call, args, n, true, fn_row_luhn, out, err);
}

/* ---- mask
 * ------------------------------------------------------------------------------------------------------
 */

static int fn_bind_mask(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 1, 5, "[1, 2, 3, 4, 5]", err))
        return err->code;
    static const char *const defaults[] = {"X", "x", "n"};
    while (call->n_args < 4)
        fn_misc_add_arg(a, call, pl_lit_string(a, defaults[call->n_args - 1], 1));
    if (call->n_args < 5)
        fn_misc_add_arg(a, call, pl_lit_null(a, ty_string()));
    for (int i = 0; i < 5; i++)
        if (fn_misc_expect(a, call, i, FN_W_STRING, fn_tb_ansi(opts), err))
            return err->code;
    call->type = ty_string();
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_row_mask(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                       em_error *err)
{
    if (fn_is_null(args[0], r)) {
        *null = true;
        return EM_OK;
    }
    int32_t n;
    const char *s = vec_str(args[0], r, &n);
    for (int32_t i = 0; i < n;) {
        int32_t adv;
        uint32_t cp = fn_uc_decode(s + i, n - i, &adv);
        int which = fn_uc_is_digit(cp)                             ? 3
                    : fn_uc_is_letter(cp) && fn_uc_lower(cp) != cp ? 1
                    : fn_uc_is_letter(cp) && fn_uc_upper(cp) != cp ? 2
                                                                   : 4;
        const vec *m = args[which];
        if (fn_is_null(m, r)) {
            em_str_append(buf, s + i, (size_t)adv);
        } else {
            int32_t ml;
            const char *ms = vec_str(m, r, &ml);
            if (ml > 0)
                em_str_append(buf, ms, (size_t)fn_uc_len((unsigned char)ms[0]));
        }
        i += adv;
    }
    (void)call;
    (void)err;
    return EM_OK;
}

static int fn_eval_mask(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, false, fn_row_mask, out, err);
}

/* ---- sentences
 * ------------------------------------------------------------------------------------------------
 */

static int fn_bind_sentences(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 3, "[1, 2, 3]", err))
        return err->code;
    while (call->n_args < 3)
        fn_misc_add_arg(a, call, pl_lit_string(a, "", 0));
    for (int i = 0; i < 3; i++)
        if (fn_misc_expect(a, call, i, FN_W_STRING, fn_tb_ansi(opts), err))
            return err->code;
    call->type = ty_array(a, ty_array(a, ty_string(), false), false);
    call->nullable = true;
    (void)def;
    return EM_OK;
}

static bool fn_word_char(uint32_t cp)
{
    return fn_uc_is_letter(cp) || fn_uc_is_digit(cp);
}

/*
 * BreakIterator approximations: a sentence ends after a run of . ! ? followed by white space
 * (or at the end); words are runs of letters and digits, with an apostrophe or a period kept
 * between two word characters ("don't", "3.14").
 */
static int fn_eval_sentences(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    vec *inner = o->children[0];
    vec *words = inner->children[0];
    for (int64_t r = 0; r < n; r++) {
        if (fn_is_null(args[0], r)) {
            vec_append_null(o);
            continue;
        }
        int32_t sl;
        const char *s = vec_str(args[0], r, &sl);
        int32_t i = 0;
        while (i < sl) {
            /* one sentence [i, end) */
            int32_t end = i;
            while (end < sl) {
                int32_t adv;
                uint32_t cp = fn_uc_decode(s + end, sl - end, &adv);
                end += adv;
                if (cp == '.' || cp == '!' || cp == '?') {
                    while (end < sl && (s[end] == '.' || s[end] == '!' || s[end] == '?'))
                        end++;
                    if (end >= sl || s[end] == ' ' || s[end] == '\t' || s[end] == '\n') {
                        while (end < sl && (s[end] == ' ' || s[end] == '\t' || s[end] == '\n'))
                            end++;
                        break;
                    }
                }
            }
            for (int32_t k = i; k < end;) {
                int32_t adv;
                uint32_t cp = fn_uc_decode(s + k, end - k, &adv);
                if (!fn_word_char(cp)) {
                    k += adv;
                    continue;
                }
                int32_t w0 = k;
                while (k < end) {
                    cp = fn_uc_decode(s + k, end - k, &adv);
                    if (fn_word_char(cp)) {
                        k += adv;
                        continue;
                    }
                    if ((cp == '\'' || cp == '.') && k + 1 < end) {
                        int32_t a2;
                        uint32_t nx = fn_uc_decode(s + k + 1, end - k - 1, &a2);
                        if (fn_word_char(nx)) {
                            k += adv;
                            continue;
                        }
                    }
                    break;
                }
                if (vec_append_str(words, s + w0, k - w0, err)) {
                    vec_release(o);
                    return err->code;
                }
            }
            vec_reserve(inner, inner->len + 1);
            inner->offsets[inner->len + 1] = (int32_t)words->len;
            vec_set_valid(inner, inner->len);
            inner->len++;
            i = end;
        }
        vec_reserve(o, o->len + 1);
        o->offsets[o->len + 1] = (int32_t)inner->len;
        vec_set_valid(o, o->len);
        o->len++;
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_TB(nm, mn, mx, b, e)                                                                    \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_text_bin_defs[] = {
    FN_TB("base64", 1, 1, fn_bind_base64, fn_eval_base64),
    FN_TB("unbase64", 1, 1, fn_bind_base64, fn_eval_base64),
    FN_TB("encode", 2, 2, fn_bind_encode, fn_eval_encode),
    FN_TB("decode", 2, -1, fn_bind_decode, fn_eval_decode),
    FN_TB("to_binary", 1, 2, fn_bind_to_binary, fn_eval_to_binary),
    FN_TB("try_to_binary", 1, 2, fn_bind_to_binary, fn_eval_to_binary),
    FN_TB("is_valid_utf8", 1, 1, fn_bind_utf8, fn_eval_utf8),
    FN_TB("make_valid_utf8", 1, 1, fn_bind_utf8, fn_eval_utf8),
    FN_TB("validate_utf8", 1, 1, fn_bind_utf8, fn_eval_utf8),
    FN_TB("try_validate_utf8", 1, 1, fn_bind_utf8, fn_eval_utf8),
    FN_TB("luhn_check", 1, 1, fn_bind_luhn, fn_eval_luhn),
    FN_TB("mask", 1, 5, fn_bind_mask, fn_eval_mask),
    FN_TB("sentences", 1, 3, fn_bind_sentences, fn_eval_sentences),
};
const int fn_text_bin_n_defs = (int)(sizeof fn_text_bin_defs / sizeof fn_text_bin_defs[0]);
