/*
 * ipc_util: small helpers shared by the Arrow reader files: UTF-8 validation of names and
 * string values, and the two error shapes the decoder raises.
 */
#include "arrow/ipc_int.h"

#include <stdarg.h>
#include <stdio.h>

int ipc_malformed(em_error *err, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return em_error_internal(err, "Arrow IPC stream is malformed: %s", msg);
}

int ipc_unsupported(em_error *err, const char *name)
{
    return em_error_set(err, "UNSUPPORTED_ARROWTYPE", "typeName", name, NULL);
}

/*
 * UTF-8 as RFC 3629 defines it: 1-4 byte sequences, no overlong forms, no UTF-16
 * surrogates (U+D800..U+DFFF), nothing past U+10FFFF. ASCII runs take a fast path.
 */
bool ipc_utf8_valid(const uint8_t *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        uint8_t c = s[pos];
        if (c < 0x80) {
            pos++;
            continue;
        }
        size_t need;
        uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            else if (c == 0xF4)
                hi = 0x8F; /* past U+10FFFF */
        } else {
            return false;
        }
        if (len - pos - 1 < need)
            return false;
        if (s[pos + 1] < lo || s[pos + 1] > hi)
            return false;
        for (size_t k = 2; k <= need; k++)
            if ((s[pos + k] & 0xC0) != 0x80)
                return false;
        pos += need + 1;
    }
    return true;
}
