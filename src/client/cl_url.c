/*
 * cl_url.c: Spark Connect connection strings, parsed the way PySpark's DefaultChannelBuilder
 * parses them (it rewrites sc:// to http:// and uses Python's urlparse):
 *
 *   sc://host[:port][/][;key=value]*
 *
 * - the scheme must be exactly "sc://";
 * - the path must be empty or "/";
 * - the parameters follow the first ';' after the last '/' (urlparse's "params"); libember also
 *   accepts them right after host[:port] without the '/', where PySpark would silently fold them
 *   into the host name;
 * - each parameter has exactly one '=', keys are kept as written (case-sensitive), values are
 *   percent-decoded (urllib's unquote: invalid escapes stay as they are, '+' is not a space);
 *   a repeated key keeps its first position and its last value;
 * - the host is lower-cased (urlparse's hostname), IPv6 literals are bracketed, userinfo before
 *   '@' is dropped; a missing host is an error;
 * - the port is decimal in 0..65535; empty or absent means 15002;
 * - a query ('?') or fragment ('#') is ignored, as urlparse separates and PySpark ignores them.
 * Errors use PySpark's condition INVALID_CONNECT_URL with its detail texts, and
 * INVALID_SESSION_UUID_ID for a session_id that is not a UUID.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"
#include "common/em_str.h"

static int cl_url_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* urllib.parse.unquote: %XX -> byte; anything else verbatim. */
static char *cl_url_unquote(const char *s, size_t len)
{
    char *out = em_malloc(len + 1);
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        if (s[r] == '%' && r + 2 < len) {
            int hi = cl_url_hexval(s[r + 1]), lo = cl_url_hexval(s[r + 2]);
            if (hi >= 0 && lo >= 0) {
                out[w++] = (char)(hi * 16 + lo);
                r += 2;
                continue;
            }
        }
        out[w++] = s[r];
    }
    out[w] = '\0';
    return out;
}

static int cl_url_fail(ember_error *err, const char *detail)
{
    cl_error_set(err, EMBER_EINVAL, "INVALID_CONNECT_URL", "[INVALID_CONNECT_URL] %s", detail);
    cl_error_param(err, "detail", detail);
    return EMBER_EINVAL;
}

/* Sets key=value (copies), keeping the first position of a repeated key. */
static void cl_url_set(cl_url *u, const char *key, size_t key_len, char *value)
{
    for (int idx = 0; idx < u->n_params; idx++) {
        if (strlen(u->keys[idx]) == key_len && memcmp(u->keys[idx], key, key_len) == 0) {
            em_free(u->values[idx]);
            u->values[idx] = value;
            return;
        }
    }
    u->keys = em_realloc(u->keys, sizeof(char *) * (size_t)(u->n_params + 1));
    u->values = em_realloc(u->values, sizeof(char *) * (size_t)(u->n_params + 1));
    u->keys[u->n_params] = em_strndup(key, key_len);
    u->values[u->n_params] = value;
    u->n_params++;
}

static const char *cl_url_get(const cl_url *u, const char *key)
{
    for (int idx = 0; idx < u->n_params; idx++)
        if (strcmp(u->keys[idx], key) == 0)
            return u->values[idx];
    return NULL;
}

/* A session id as Python's uuid.UUID(s) accepts it: 32 hex digits, with optional '-'s,
 * braces and "urn:uuid:" prefix. */
static bool cl_url_uuid_ok(const char *s)
{
    if (strncmp(s, "urn:uuid:", 9) == 0)
        s += 9;
    size_t len = strlen(s);
    size_t start = 0, end = len;
    if (len >= 2 && s[0] == '{' && s[len - 1] == '}') {
        start = 1;
        end = len - 1;
    }
    int n_hex = 0;
    for (size_t idx = start; idx < end; idx++) {
        if (s[idx] == '-')
            continue;
        if (cl_url_hexval(s[idx]) < 0)
            return false;
        n_hex++;
    }
    return n_hex == 32;
}

static int cl_url_params(cl_url *u, const char *p, size_t len, ember_error *err)
{
    if (len == 0)
        return EMBER_OK;
    size_t start = 0;
    while (start <= len) {
        size_t end = start;
        while (end < len && p[end] != ';')
            end++;
        const char *part = p + start;
        size_t part_len = end - start;
        const char *eq = memchr(part, '=', part_len);
        if (!eq || memchr(eq + 1, '=', part_len - (size_t)(eq + 1 - part))) {
            char detail[512];
            snprintf(detail, sizeof detail,
                     "Parameter '%.*s' should be provided as a key-value pair separated by an "
                     "equal sign (=). Please update the parameter to follow the correct format, "
                     "e.g., 'key=value'.",
                     (int)(part_len > 200 ? 200 : part_len), part);
            return cl_url_fail(err, detail);
        }
        size_t key_len = (size_t)(eq - part);
        cl_url_set(u, part, key_len, cl_url_unquote(eq + 1, part_len - key_len - 1));
        start = end + 1;
    }
    return EMBER_OK;
}

/* Parses netloc (userinfo@host:port) into u->host and u->port. */
static int cl_url_netloc(cl_url *u, const char *url, const char *n, size_t len, ember_error *err)
{
    const char *at = NULL;
    for (size_t idx = 0; idx < len; idx++)
        if (n[idx] == '@')
            at = n + idx;
    if (at) {
        len -= (size_t)(at + 1 - n);
        n = at + 1;
    }
    const char *host = n;
    size_t host_len;
    const char *port = NULL;
    size_t port_len = 0;
    if (len > 0 && n[0] == '[') {
        const char *close = memchr(n, ']', len);
        if (!close)
            return cl_url_fail(err, "Invalid IPv6 URL");
        host = n + 1;
        host_len = (size_t)(close - host);
        const char *rest = close + 1;
        size_t rest_len = len - (size_t)(rest - n);
        if (rest_len > 0 && rest[0] == ':') {
            port = rest + 1;
            port_len = rest_len - 1;
        }
    } else {
        const char *colon = NULL;
        for (size_t idx = 0; idx < len; idx++)
            if (n[idx] == ':')
                colon = n + idx;
        host_len = colon ? (size_t)(colon - n) : len;
        if (colon) {
            port = colon + 1;
            port_len = len - host_len - 1;
        }
    }
    if (host_len == 0) {
        char detail[512];
        snprintf(detail, sizeof detail,
                 "Hostname is missing in the URL: '%.300s'. Please update the URL to follow the "
                 "correct format, e.g., 'sc://hostname:port'.",
                 url);
        return cl_url_fail(err, detail);
    }
    u->port = CL_DEFAULT_PORT;
    if (port && port_len > 0) {
        long value = 0;
        for (size_t idx = 0; idx < port_len; idx++) {
            if (!isdigit((unsigned char)port[idx]) || idx > 6) {
                char detail[256];
                snprintf(detail, sizeof detail, "Port could not be cast to integer value as '%.*s'",
                         (int)(port_len > 64 ? 64 : port_len), port);
                return cl_url_fail(err, detail);
            }
            value = value * 10 + (port[idx] - '0');
        }
        if (value > 65535)
            return cl_url_fail(err, "Port out of range 0-65535");
        u->port = (int)value;
    }
    bool v6 = memchr(host, ':', host_len) != NULL;
    em_str h;
    em_str_init(&h, 0);
    if (v6)
        em_str_putc(&h, '[');
    for (size_t idx = 0; idx < host_len; idx++)
        em_str_putc(&h, (char)tolower((unsigned char)host[idx]));
    if (v6)
        em_str_putc(&h, ']');
    u->host = em_str_move(&h);
    return EMBER_OK;
}

int cl_url_parse(const char *url, cl_url *out, ember_error *err)
{
    memset(out, 0, sizeof *out);
    if (!url || strncmp(url, "sc://", 5) != 0)
        return cl_url_fail(err, "The URL must start with 'sc://'. Please update the URL to follow "
                                "the correct format, e.g., 'sc://hostname:port'.");
    const char *rest = url + 5;
    /* Query and fragment end everything urlparse treats as netloc/path/params. */
    size_t total = strcspn(rest, "?#");
    size_t netloc_len = strcspn(rest, "/?#");
    const char *semi_in_netloc = memchr(rest, ';', netloc_len);
    const char *params = NULL;
    size_t params_len = 0;
    int rc;
    if (semi_in_netloc) {
        /* sc://host:port;k=v (no '/'): accepted, see the header comment. */
        params = semi_in_netloc + 1;
        params_len = total - (size_t)(params - rest);
        netloc_len = (size_t)(semi_in_netloc - rest);
    } else if (netloc_len < total) {
        const char *path = rest + netloc_len;
        size_t path_len = total - netloc_len;
        /* urlparse: params start at the first ';' after the last '/'. */
        const char *last_slash = path;
        for (size_t idx = 0; idx < path_len; idx++)
            if (path[idx] == '/')
                last_slash = path + idx;
        const char *semi = memchr(last_slash, ';', path_len - (size_t)(last_slash - path));
        size_t real_path_len = semi ? (size_t)(semi - path) : path_len;
        if (semi) {
            params = semi + 1;
            params_len = path_len - real_path_len - 1;
        }
        if (!(real_path_len == 0 || (real_path_len == 1 && path[0] == '/'))) {
            char detail[512];
            snprintf(detail, sizeof detail,
                     "The path component '%.*s' must be empty. Please update the URL to follow "
                     "the correct format, e.g., 'sc://hostname:port'.",
                     (int)(real_path_len > 300 ? 300 : real_path_len), path);
            return cl_url_fail(err, detail);
        }
    }
    if ((rc = cl_url_params(out, params, params_len, err)) != EMBER_OK ||
        (rc = cl_url_netloc(out, url, rest, netloc_len, err)) != EMBER_OK) {
        cl_url_release(out);
        return rc;
    }
    const char *v;
    if ((v = cl_url_get(out, "token")))
        out->token = em_strdup(v);
    if ((v = cl_url_get(out, "use_ssl"))) {
        char low[8];
        size_t vl = strlen(v);
        out->use_ssl = false;
        if (vl == 4) {
            for (size_t idx = 0; idx < 4; idx++)
                low[idx] = (char)tolower((unsigned char)v[idx]);
            out->use_ssl = memcmp(low, "true", 4) == 0;
        }
    }
    if ((v = cl_url_get(out, "user_id")))
        out->user_id = em_strdup(v);
    if ((v = cl_url_get(out, "user_agent")))
        out->user_agent = em_strdup(v);
    if ((v = cl_url_get(out, "session_id"))) {
        if (!cl_url_uuid_ok(v)) {
            cl_error_set(err, EMBER_EINVAL, "INVALID_SESSION_UUID_ID",
                         "[INVALID_SESSION_UUID_ID] Parameter value session_id must be a valid "
                         "UUID format: badly formed hexadecimal UUID string");
            cl_error_param(err, "arg_name", "session_id");
            cl_error_param(err, "origin", "badly formed hexadecimal UUID string");
            cl_url_release(out);
            return EMBER_EINVAL;
        }
        out->session_id = em_strdup(v);
    }
    em_str t;
    em_str_init(&t, 0);
    em_str_printf(&t, "%s:%d", out->host, out->port);
    out->target = em_str_move(&t);
    return EMBER_OK;
}

void cl_url_release(cl_url *u)
{
    if (!u)
        return;
    for (int idx = 0; idx < u->n_params; idx++) {
        em_free(u->keys[idx]);
        em_free(u->values[idx]);
    }
    em_free(u->keys);
    em_free(u->values);
    em_free(u->host);
    em_free(u->target);
    em_free(u->token);
    em_free(u->user_id);
    em_free(u->user_agent);
    em_free(u->session_id);
    memset(u, 0, sizeof *u);
}
