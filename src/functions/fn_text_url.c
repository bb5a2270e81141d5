/*
 * fn_text_url: url_encode / url_decode / try_url_decode (java.net.URLEncoder / URLDecoder with
 * UTF-8: letters, digits and . - * _ kept, space as '+', everything else %XX per byte) and
 * parse_url / try_parse_url (java.net.URI's components: HOST, PATH, QUERY, REF, PROTOCOL,
 * FILE, AUTHORITY, USERINFO; QUERY with a key extracts the value of key=value).
 *
 * parse_url follows URI's RFC 2396 grammar closely enough for what URLs in data look like: an
 * illegal character (space, quote, <>, \, ^, `, {|}, a control) or a '%' without two hex
 * digits makes the URL invalid, which is NULL in legacy mode and INVALID_URL under ANSI (and
 * always NULL for try_parse_url). A key is matched literally (Spark builds a regex from it).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"

/* ---- url_encode / url_decode
 * ----------------------------------------------------------------------- */

static int fn_bind_url(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err) ||
        fn_misc_expect(a, call, 0, FN_W_STRING, opts && opts->ansi, err))
        return err->code;
    call->type = ty_string();
    call->nullable = call->args[0]->nullable || strcasecmp(def->name, "try_url_decode") == 0;
    return EM_OK;
}

static int fn_hexv(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int fn_row_url(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                      em_error *err)
{
    int32_t n;
    const char *s = vec_str(args[0], r, &n);
    const char *name = call->fn->name;
    if (strcasecmp(name, "url_encode") == 0) {
        static const char hex[] = "0123456789ABCDEF";
        for (int32_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-' || c == '*' || c == '_') {
                em_str_putc(buf, (char)c);
            } else if (c == ' ') {
                em_str_putc(buf, '+');
            } else {
                em_str_putc(buf, '%');
                em_str_putc(buf, hex[c >> 4]);
                em_str_putc(buf, hex[c & 15]);
            }
        }
        return EM_OK;
    }
    bool try_ = strcasecmp(name, "try_url_decode") == 0;
    for (int32_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            em_str_putc(buf, ' ');
        } else if (c == '%') {
            /* URLDecoder: %XX; an incomplete or non-hex escape is IllegalArgumentException */
            int hi = i + 2 < n ? fn_hexv((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < n ? fn_hexv((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                if (try_) {
                    *null = true;
                    return EM_OK;
                }
                char *u = em_strndup(s, (size_t)n);
                int rc = em_error_set(err, "CANNOT_DECODE_URL", "url", u, NULL);
                em_free(u);
                return rc;
            }
            em_str_putc(buf, (char)(hi << 4 | lo));
            i += 2;
        } else {
            em_str_putc(buf, c);
        }
    }
    return EM_OK;
}

static int fn_eval_url(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_url, out, err);
}

/* ---- java.net.URI
 * ------------------------------------------------------------------------------------ */

typedef struct fn_uri {
    const char *s;
    int32_t scheme[2], auth[2], user[2], host[2], path[2], query[2], frag[2];
    bool opaque;
} fn_uri;

static bool fn_uri_char_ok(unsigned char c)
{
    if (c < 0x20 || c == 0x7F || c == ' ')
        return false;
    return !strchr("\"<>\\^`{|}", c);
}

/* Checks one component: legal characters and %XX escapes. */
static bool fn_uri_component_ok(const char *s, int32_t b, int32_t e, bool allow_brackets)
{
    for (int32_t i = b; i < e; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= e)
                return false;
            if (fn_hexv((unsigned char)s[i + 1]) < 0 || fn_hexv((unsigned char)s[i + 2]) < 0)
                return false;
            i += 2;
            continue;
        }
        if ((c == '[' || c == ']') && !allow_brackets)
            return false;
        if (c == '#')
            return false;
        if (!fn_uri_char_ok(c))
            return false;
    }
    return true;
}

/* Parses s[0..n) into components (offsets; [-1,-1] = absent). False for URISyntaxException. */
static bool fn_uri_parse(const char *s, int32_t n, fn_uri *u)
{
    memset(u, 0, sizeof *u);
    u->s = s;
    int32_t *parts[] = {u->scheme, u->auth, u->user, u->host, u->path, u->query, u->frag};
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
        parts[k][0] = parts[k][1] = -1;
    if (n == 0) {
        u->path[0] = u->path[1] = 0;
        return true;
    }
    int32_t i = 0;
    /* fragment */
    int32_t hash = -1;
    for (int32_t k = 0; k < n; k++)
        if (s[k] == '#') {
            hash = k;
            break;
        }
    int32_t end = hash >= 0 ? hash : n;
    if (hash >= 0) {
        u->frag[0] = hash + 1;
        u->frag[1] = n;
        if (!fn_uri_component_ok(s, hash + 1, n, true))
            return false;
    }
    /* scheme */
    int32_t k = 0;
    if ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) {
        k = 1;
        while (k < end &&
               ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
                (s[k] >= '0' && s[k] <= '9') || s[k] == '+' || s[k] == '-' || s[k] == '.'))
            k++;
        if (k < end && s[k] == ':') {
            u->scheme[0] = 0;
            u->scheme[1] = k;
            i = k + 1;
            if (i >= end)
                return false; /* "Expected scheme-specific part" */
            if (s[i] != '/') {
                u->opaque = true;
                return fn_uri_component_ok(s, i, end, true);
            }
        }
    } else if (s[0] == ':') {
        return false; /* "Expected scheme name" */
    }
    /* authority */
    if (i + 1 < end && s[i] == '/' && s[i + 1] == '/') {
        int32_t a0 = i + 2, a1 = a0;
        while (a1 < end && s[a1] != '/' && s[a1] != '?')
            a1++;
        if (a1 > a0) {
            u->auth[0] = a0;
            u->auth[1] = a1;
            if (!fn_uri_component_ok(s, a0, a1, true))
                return false;
            /* server-based: [userinfo@]host[:port] */
            int32_t at = -1;
            for (int32_t q = a0; q < a1; q++)
                if (s[q] == '@')
                    at = q;
            int32_t h0 = at >= 0 ? at + 1 : a0, h1 = a1;
            if (at >= 0) {
                u->user[0] = a0;
                u->user[1] = at;
            }
            int32_t colon = -1;
            if (h0 < h1 && s[h0] == '[') {
                for (int32_t q = h0; q < h1; q++)
                    if (s[q] == ']') {
                        colon = q + 1 < h1 && s[q + 1] == ':' ? q + 1 : -1;
                        break;
                    }
            } else {
                for (int32_t q = h0; q < h1; q++)
                    if (s[q] == ':')
                        colon = q;
            }
            bool port_ok = true;
            if (colon >= 0) {
                for (int32_t q = colon + 1; q < h1; q++)
                    if (s[q] < '0' || s[q] > '9')
                        port_ok = false;
                h1 = colon;
            }
            bool host_ok = h1 > h0 && port_ok;
            for (int32_t q = h0; q < h1 && host_ok; q++) {
                char c = s[q];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '[' || c == ']' || c == ':'))
                    host_ok = false;
            }
            if (host_ok) {
                u->host[0] = h0;
                u->host[1] = h1;
            } else {
                u->user[0] = u->user[1] = -1; /* registry-based authority */
            }
        }
        i = a1;
    }
    /* path and query */
    int32_t qm = -1;
    for (int32_t q = i; q < end; q++)
        if (s[q] == '?') {
            qm = q;
            break;
        }
    int32_t p1 = qm >= 0 ? qm : end;
    u->path[0] = i;
    u->path[1] = p1;
    if (!fn_uri_component_ok(s, i, p1, false))
        return false;
    if (qm >= 0) {
        u->query[0] = qm + 1;
        u->query[1] = end;
        if (!fn_uri_component_ok(s, qm + 1, end, true))
            return false;
    }
    return true;
}

static int fn_bind_parse_url(const fn_def *def, em_arena *a, pl_expr *call,
                             const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    for (int i = 0; i < call->n_args; i++)
        if (!ty_is_string(call->args[i]->type) && call->args[i]->type->kind != TY_NULL)
            return fn_err_unexpected_input(call, i, "\"STRING\"", err);
        else if (call->args[i]->type->kind == TY_NULL)
            fn_cast_arg(a, call, i, ty_string());
    fn_misc_state *st = fn_misc_state_new(a, opts);
    st->has_i64 = strcasecmp(def->name, "try_parse_url") == 0; /* never fails */
    call->fn_state = st;
    call->type = ty_string();
    call->nullable = true;
    return EM_OK;
}

static void fn_url_put(em_str *buf, const char *s, const int32_t *part, bool *null)
{
    if (part[0] < 0) {
        *null = true;
        return;
    }
    em_str_append(buf, s + part[0], (size_t)(part[1] - part[0]));
}

static int fn_row_parse_url(const pl_expr *call, vec *const *args, int64_t r, em_str *buf,
                            bool *null, em_error *err)
{
    const fn_misc_state *st = call->fn_state;
    int32_t n, pn;
    const char *s = vec_str(args[0], r, &n), *p = vec_str(args[1], r, &pn);
    if (call->n_args == 3 && !(pn == 5 && memcmp(p, "QUERY", 5) == 0)) {
        *null = true;
        return EM_OK;
    }
    fn_uri u;
    if (!fn_uri_parse(s, n, &u)) {
        if (st->ansi && !st->has_i64) {
            char *url = em_strndup(s, (size_t)n);
            int rc = em_error_set(err, "INVALID_URL", "url", url, NULL);
            em_free(url);
            return rc;
        }
        *null = true;
        return EM_OK;
    }
    int32_t none[2] = {-1, -1};
    const int32_t *path = u.opaque ? none : u.path;
    const int32_t *query = u.opaque ? none : u.query;
#define FN_PART_IS(lit) (pn == (int32_t)(sizeof lit - 1) && memcmp(p, lit, sizeof lit - 1) == 0)
    if (FN_PART_IS("HOST"))
        fn_url_put(buf, s, u.host, null);
    else if (FN_PART_IS("PATH"))
        fn_url_put(buf, s, path, null);
    else if (FN_PART_IS("QUERY"))
        fn_url_put(buf, s, query, null);
    else if (FN_PART_IS("REF"))
        fn_url_put(buf, s, u.frag, null);
    else if (FN_PART_IS("PROTOCOL"))
        fn_url_put(buf, s, u.scheme, null);
    else if (FN_PART_IS("FILE")) {
        fn_url_put(buf, s, path, null);
        if (!*null && query[0] >= 0) {
            em_str_putc(buf, '?');
            fn_url_put(buf, s, query, null);
        }
    } else if (FN_PART_IS("AUTHORITY"))
        fn_url_put(buf, s, u.auth, null);
    else if (FN_PART_IS("USERINFO"))
        fn_url_put(buf, s, u.user, null);
    else
        *null = true;
#undef FN_PART_IS
    if (*null || call->n_args < 3)
        return EM_OK;
    /* key: the value of the first key=value pair ("(&|^)key=([^&]*)") */
    int32_t kl;
    const char *key = vec_str(args[2], r, &kl);
    char *q = em_strndup(buf->data ? buf->data : "", buf->len);
    int32_t ql = (int32_t)buf->len;
    em_str_reset(buf);
    *null = true;
    for (int32_t i = 0; i <= ql - kl - 1; i++) {
        if ((i == 0 || q[i - 1] == '&') && memcmp(q + i, key, (size_t)kl) == 0 &&
            q[i + kl] == '=') {
            int32_t v0 = i + kl + 1, v1 = v0;
            while (v1 < ql && q[v1] != '&')
                v1++;
            em_str_append(buf, q + v0, (size_t)(v1 - v0));
            *null = false;
            break;
        }
    }
    em_free(q);
    return EM_OK;
}

static int fn_eval_parse_url(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                             vec **out, em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_row_parse_url, out, err);
}

#define FN_URL(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_text_url_defs[] = {
    FN_URL("url_encode", 1, 1, fn_bind_url, fn_eval_url),
    FN_URL("url_decode", 1, 1, fn_bind_url, fn_eval_url),
    FN_URL("try_url_decode", 1, 1, fn_bind_url, fn_eval_url),
    FN_URL("parse_url", 2, 3, fn_bind_parse_url, fn_eval_parse_url),
    FN_URL("try_parse_url", 2, 3, fn_bind_parse_url, fn_eval_parse_url),
};
const int fn_text_url_n_defs = (int)(sizeof fn_text_url_defs / sizeof fn_text_url_defs[0]);
