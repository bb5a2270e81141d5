/*
 * fn_hash_aes: aes_encrypt, aes_decrypt and try_aes_decrypt (Spark's ExpressionImplUtils.aes*):
 * AES-128/192/256 in GCM (default; 12-byte IV, 16-byte tag, optional AAD), CBC and ECB (both
 * PKCS#5 padded). Encryption prepends the IV (random when none is given) to the ciphertext,
 * GCM appends the tag; decryption reads them back. Modes and paddings pair as Spark allows
 * (GCM with NONE / DEFAULT, CBC and ECB with PKCS / DEFAULT), else UNSUPPORTED_FEATURE.AES_MODE;
 * key lengths other than 16, 24, 32 raise INVALID_PARAMETER_VALUE.AES_KEY_LENGTH; an IV of the
 * wrong length AES_IV_LENGTH; a failed decryption (bad tag, bad padding, bad length)
 * AES_CRYPTO_ERROR with the JCE message, or NULL for try_aes_decrypt.
 *
 * The cipher is written from FIPS-197 (the S-box is derived from GF(2^8) inversion at first
 * use) and NIST SP 800-38A / 38D, so em_functions needs no crypto library.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "common/em_mem.h"
#include "functions/fn_misc_int.h"

/* ---- AES block cipher (FIPS-197)
 * ----------------------------------------------------------------- */

static uint8_t fn_aes_sbox[256], fn_aes_inv[256];
static pthread_once_t fn_aes_once = PTHREAD_ONCE_INIT;

static uint8_t fn_gf_mul(uint8_t a, uint8_t b)
{
    uint8_t p = 0;
    while (b) {
        if (b & 1)
            p ^= a;
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
        b >>= 1;
    }
    return p;
}

static void fn_aes_init(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 0;
        if (x)
            for (int y = 1; y < 256; y++)
                if (fn_gf_mul((uint8_t)x, (uint8_t)y) == 1) {
                    inv = (uint8_t)y;
                    break;
                }
        /* affine transform: b ^ rotl(b,1) ^ rotl(b,2) ^ rotl(b,3) ^ rotl(b,4) ^ 0x63 */
        uint8_t s = inv;
        for (int k = 1; k <= 4; k++)
            s ^= (uint8_t)((inv << k) | (inv >> (8 - k)));
        s ^= 0x63;
        fn_aes_sbox[x] = s;
        fn_aes_inv[s] = (uint8_t)x;
    }
}

typedef struct fn_aes {
    int rounds;
    uint8_t rk[240];
} fn_aes;

static void fn_aes_key(fn_aes *c, const uint8_t *key, int len)
{
    pthread_once(&fn_aes_once, fn_aes_init);
    int nk = len / 4;
    c->rounds = nk + 6;
    int total = 4 * (c->rounds + 1);
    memcpy(c->rk, key, (size_t)len);
    uint8_t rcon = 1;
    for (int i = nk; i < total; i++) {
        uint8_t t[4];
        memcpy(t, c->rk + 4 * (i - 1), 4);
        if (i % nk == 0) {
            uint8_t u = t[0];
            t[0] = (uint8_t)(fn_aes_sbox[t[1]] ^ rcon);
            t[1] = fn_aes_sbox[t[2]];
            t[2] = fn_aes_sbox[t[3]];
            t[3] = fn_aes_sbox[u];
            rcon = fn_gf_mul(rcon, 2);
        } else if (nk > 6 && i % nk == 4) {
            for (int k = 0; k < 4; k++)
                t[k] = fn_aes_sbox[t[k]];
        }
        for (int k = 0; k < 4; k++)
            c->rk[4 * i + k] = c->rk[4 * (i - nk) + k] ^ t[k];
    }
}

static void fn_aes_encrypt_block(const fn_aes *c, const uint8_t in[16], uint8_t out[16])
{
    uint8_t s[16];
    for (int k = 0; k < 16; k++)
        s[k] = in[k] ^ c->rk[k];
    for (int r = 1; r <= c->rounds; r++) {
        uint8_t t[16];
        for (int k = 0; k < 16; k++) /* SubBytes + ShiftRows (column-major state) */
            t[k] = fn_aes_sbox[s[(k + 4 * (k % 4)) % 16]];
        if (r != c->rounds)
            for (int col = 0; col < 4; col++) { /* MixColumns */
                uint8_t *a = t + 4 * col;
                uint8_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
                a[0] = (uint8_t)(fn_gf_mul(a0, 2) ^ fn_gf_mul(a1, 3) ^ a2 ^ a3);
                a[1] = (uint8_t)(a0 ^ fn_gf_mul(a1, 2) ^ fn_gf_mul(a2, 3) ^ a3);
                a[2] = (uint8_t)(a0 ^ a1 ^ fn_gf_mul(a2, 2) ^ fn_gf_mul(a3, 3));
                a[3] = (uint8_t)(fn_gf_mul(a0, 3) ^ a1 ^ a2 ^ fn_gf_mul(a3, 2));
            }
        for (int k = 0; k < 16; k++)
            s[k] = t[k] ^ c->rk[16 * r + k];
    }
    memcpy(out, s, 16);
}

static void fn_aes_decrypt_block(const fn_aes *c, const uint8_t in[16], uint8_t out[16])
{
    uint8_t s[16];
    for (int k = 0; k < 16; k++)
        s[k] = in[k] ^ c->rk[16 * c->rounds + k];
    for (int r = c->rounds - 1; r >= 0; r--) {
        uint8_t t[16];
        for (int k = 0; k < 16; k++) /* InvShiftRows + InvSubBytes */
            t[(k + 4 * (k % 4)) % 16] = fn_aes_inv[s[k]];
        for (int k = 0; k < 16; k++)
            t[k] ^= c->rk[16 * r + k];
        if (r != 0)
            for (int col = 0; col < 4; col++) { /* InvMixColumns */
                uint8_t *a = t + 4 * col;
                uint8_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
                a[0] = (uint8_t)(fn_gf_mul(a0, 14) ^ fn_gf_mul(a1, 11) ^ fn_gf_mul(a2, 13) ^
                                 fn_gf_mul(a3, 9));
                a[1] = (uint8_t)(fn_gf_mul(a0, 9) ^ fn_gf_mul(a1, 14) ^ fn_gf_mul(a2, 11) ^
                                 fn_gf_mul(a3, 13));
                a[2] = (uint8_t)(fn_gf_mul(a0, 13) ^ fn_gf_mul(a1, 9) ^ fn_gf_mul(a2, 14) ^
                                 fn_gf_mul(a3, 11));
                a[3] = (uint8_t)(fn_gf_mul(a0, 11) ^ fn_gf_mul(a1, 13) ^ fn_gf_mul(a2, 9) ^
                                 fn_gf_mul(a3, 14));
            }
        memcpy(s, t, 16);
    }
    memcpy(out, s, 16);
}

/* ---- GCM (SP 800-38D)
 * ----------------------------------------------------------------------------- */

/* x = x * y in GF(2^128) with GCM's bit order. */
static void fn_gcm_mul(uint8_t x[16], const uint8_t y[16])
{
    uint8_t z[16] = {0}, v[16];
    memcpy(v, y, 16);
    for (int i = 0; i < 128; i++) {
        if (x[i / 8] & (0x80 >> (i % 8)))
            for (int k = 0; k < 16; k++)
                z[k] ^= v[k];
        bool lsb = v[15] & 1;
        for (int k = 15; k > 0; k--)
            v[k] = (uint8_t)((v[k] >> 1) | (v[k - 1] << 7));
        v[0] >>= 1;
        if (lsb)
            v[0] ^= 0xe1;
    }
    memcpy(x, z, 16);
}

static void fn_ghash_update(uint8_t y[16], const uint8_t h[16], const uint8_t *d, size_t n)
{
    for (size_t off = 0; off < n; off += 16) {
        size_t take = n - off < 16 ? n - off : 16;
        for (size_t k = 0; k < take; k++)
            y[k] ^= d[off + k];
        fn_gcm_mul(y, h);
    }
}

/* GCM with a 96-bit IV: out = C (same length as in); tag over aad and C. */
static void fn_gcm(const fn_aes *c, const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
                   const uint8_t *in, size_t n, bool encrypt, uint8_t *out, uint8_t tag[16])
{
    uint8_t h[16] = {0}, j0[16], ctr[16], ks[16], y[16] = {0};
    fn_aes_encrypt_block(c, h, h);
    memcpy(j0, iv, 12);
    j0[12] = j0[13] = j0[14] = 0;
    j0[15] = 1;
    memcpy(ctr, j0, 16);
    for (size_t off = 0; off < n; off += 16) {
        for (int k = 15; k >= 12; k--) /* inc32 */
            if (++ctr[k])
                break;
        fn_aes_encrypt_block(c, ctr, ks);
        size_t take = n - off < 16 ? n - off : 16;
        for (size_t k = 0; k < take; k++)
            out[off + k] = in[off + k] ^ ks[k];
    }
    fn_ghash_update(y, h, aad, aad_len);
    fn_ghash_update(y, h, encrypt ? out : in, n);
    uint8_t lens[16];
    uint64_t abits = (uint64_t)aad_len * 8, cbits = (uint64_t)n * 8;
    for (int k = 0; k < 8; k++) {
        lens[7 - k] = (uint8_t)(abits >> (8 * k));
        lens[15 - k] = (uint8_t)(cbits >> (8 * k));
    }
    fn_ghash_update(y, h, lens, 16);
    fn_aes_encrypt_block(c, j0, ks);
    for (int k = 0; k < 16; k++)
        tag[k] = y[k] ^ ks[k];
}

/* ---- the functions
 * ---------------------------------------------------------------------------------- */

typedef enum { FN_AES_ECB, FN_AES_CBC, FN_AES_GCM } fn_aes_mode;

static const char *fn_aes_fname = "`aes_encrypt`/`aes_decrypt`";

static int fn_bind_aes(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    bool enc = strcasecmp(def->name, "aes_encrypt") == 0;
    int max = enc ? 6 : 5;
    if (fn_check_arity(call, 2, max, enc ? "[2, 3, 4, 5, 6]" : "[2, 3, 4, 5]", err))
        return err->code;
    /* the constructors' defaults: mode GCM, padding DEFAULT, iv and aad empty */
    if (call->n_args < 3)
        fn_misc_add_arg(a, call, pl_lit_string(a, "GCM", 3));
    if (call->n_args < 4)
        fn_misc_add_arg(a, call, pl_lit_string(a, "DEFAULT", 7));
    while (call->n_args < max)
        fn_misc_add_arg(a, call, pl_lit_string(a, "", 0));
    bool ansi = opts && opts->ansi;
    for (int i = 0; i < call->n_args; i++)
        if (fn_misc_expect(a, call, i, (i == 2 || i == 3) ? FN_W_STRING : FN_W_BINARY, ansi, err))
            return err->code;
    call->type = ty_binary();
    call->nullable = true;
    return EM_OK;
}

static int fn_aes_crypto_error(const char *msg, em_error *err)
{
    return em_error_set(err, "INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR", "parameter",
                        "`expr`, `key`", "functionName", fn_aes_fname, "detailMessage", msg, NULL);
}

/* One row. Returns EM_OK with the result in buf, 1 for a NULL result (try_), or an error. */
static int fn_aes_row(const pl_expr *call, vec *const *args, int64_t r, em_str *buf, bool *null,
                      em_error *err)
{
    const char *name = call->fn->name;
    bool enc = strcasecmp(name, "aes_encrypt") == 0;
    bool try_ = strcasecmp(name, "try_aes_decrypt") == 0;
    int32_t il, kl, ml, pl, vl = 0, al;
    const uint8_t *in = (const uint8_t *)vec_str(args[0], r, &il);
    const uint8_t *key = (const uint8_t *)vec_str(args[1], r, &kl);
    const char *mode = vec_str(args[2], r, &ml), *pad = vec_str(args[3], r, &pl);
    const uint8_t *iv = NULL;
    if (enc)
        iv = (const uint8_t *)vec_str(args[4], r, &vl);
    const uint8_t *aad = (const uint8_t *)vec_str(args[enc ? 5 : 4], r, &al);
    int rc = EM_OK;
    char ms[64], ps[64];
    snprintf(ms, sizeof ms, "%.*s", (int)ml, mode);
    snprintf(ps, sizeof ps, "%.*s", (int)pl, pad);
    if (kl != 16 && kl != 24 && kl != 32) {
        char n[16];
        snprintf(n, sizeof n, "%d", kl);
        rc = em_error_set(err, "INVALID_PARAMETER_VALUE.AES_KEY_LENGTH", "parameter", "`key`",
                          "functionName", fn_aes_fname, "actualLength", n, NULL);
        goto fail;
    }
    bool none = strcasecmp(ps, "NONE") == 0, pkcs = strcasecmp(ps, "PKCS") == 0,
         dflt = strcasecmp(ps, "DEFAULT") == 0;
    fn_aes_mode m;
    if (strcasecmp(ms, "ECB") == 0 && (pkcs || dflt))
        m = FN_AES_ECB;
    else if (strcasecmp(ms, "CBC") == 0 && (pkcs || dflt))
        m = FN_AES_CBC;
    else if (strcasecmp(ms, "GCM") == 0 && (none || dflt))
        m = FN_AES_GCM;
    else {
        rc = em_error_set(err, "UNSUPPORTED_FEATURE.AES_MODE", "mode", ms, "padding", ps,
                          "functionName", fn_aes_fname, NULL);
        goto fail;
    }
    int iv_len = m == FN_AES_GCM ? 12 : m == FN_AES_CBC ? 16 : 0;
    fn_aes c;
    fn_aes_key(&c, key, kl);
    if (enc) {
        uint8_t ivb[16];
        if (vl == 0) {
            if (iv_len && getrandom(ivb, (size_t)iv_len, 0) != iv_len)
                return em_error_internal(err, "aes_encrypt: no random IV");
            iv = ivb;
            vl = iv_len;
        } else if (m == FN_AES_ECB) {
            rc = em_error_set(err, "UNSUPPORTED_FEATURE.AES_MODE_IV", "mode", ms, "functionName",
                              "`aes_encrypt`", NULL);
            goto fail;
        }
        if (vl != iv_len) {
            char n[16];
            snprintf(n, sizeof n, "%d", vl);
            rc = em_error_set(err, "INVALID_PARAMETER_VALUE.AES_IV_LENGTH", "mode", ms, "parameter",
                              "`iv`", "functionName", fn_aes_fname, "actualLength", n, NULL);
            goto fail;
        }
        if (al > 0 && m != FN_AES_GCM) {
            rc = em_error_set(err, "UNSUPPORTED_FEATURE.AES_MODE_AAD", "mode", ms, "functionName",
                              "`aes_encrypt`", NULL);
            goto fail;
        }
        em_str_append(buf, (const char *)iv, (size_t)vl);
        if (m == FN_AES_GCM) {
            uint8_t *out = em_malloc((size_t)il + 1), tag[16];
            fn_gcm(&c, iv, aad, (size_t)al, in, (size_t)il, true, out, tag);
            em_str_append(buf, (const char *)out, (size_t)il);
            em_str_append(buf, (const char *)tag, 16);
            em_free(out);
            return EM_OK;
        }
        /* PKCS#5: 1..16 bytes of padding */
        int padn = 16 - il % 16;
        uint8_t prev[16], blk[16];
        if (m == FN_AES_CBC)
            memcpy(prev, iv, 16);
        for (int32_t off = 0; off < il + padn; off += 16) {
            for (int k = 0; k < 16; k++)
                blk[k] = off + k < il ? in[off + k] : (uint8_t)padn;
            if (m == FN_AES_CBC)
                for (int k = 0; k < 16; k++)
                    blk[k] ^= prev[k];
            fn_aes_encrypt_block(&c, blk, blk);
            if (m == FN_AES_CBC)
                memcpy(prev, blk, 16);
            em_str_append(buf, (const char *)blk, 16);
        }
        return EM_OK;
    }
    /* decryption */
    if (m == FN_AES_GCM) {
        if (al > 0 && m != FN_AES_GCM) {
            rc = em_error_set(err, "UNSUPPORTED_FEATURE.AES_MODE_AAD", "mode", ms, "functionName",
                              "`aes_encrypt`", NULL);
            goto fail;
        }
        if (il < 12 + 16) {
            rc = fn_aes_crypto_error("Input data too short to contain an expected tag length of "
                                     "16bytes",
                                     err);
            goto fail;
        }
        int32_t n = il - 12 - 16;
        uint8_t *out = em_malloc((size_t)n + 1), tag[16];
        fn_gcm(&c, in, aad, (size_t)al, in + 12, (size_t)n, false, out, tag);
        if (memcmp(tag, in + 12 + n, 16) != 0) {
            em_free(out);
            rc = fn_aes_crypto_error("Tag mismatch", err);
            goto fail;
        }
        em_str_append(buf, (const char *)out, (size_t)n);
        em_free(out);
        return EM_OK;
    }
    int32_t start = m == FN_AES_CBC ? 16 : 0;
    if (il < start || (il - start) % 16 != 0 || il - start == 0) {
        rc = fn_aes_crypto_error(
            "Input length must be multiple of 16 when decrypting with padded cipher", err);
        goto fail;
    }
    uint8_t prev[16];
    if (m == FN_AES_CBC)
        memcpy(prev, in, 16);
    size_t base = buf->len;
    for (int32_t off = start; off < il; off += 16) {
        uint8_t blk[16];
        fn_aes_decrypt_block(&c, in + off, blk);
        if (m == FN_AES_CBC) {
            for (int k = 0; k < 16; k++)
                blk[k] ^= prev[k];
            memcpy(prev, in + off, 16);
        }
        em_str_append(buf, (const char *)blk, 16);
    }
    uint8_t padn = buf->len > base ? (uint8_t)buf->data[buf->len - 1] : 0;
    bool ok = padn >= 1 && padn <= 16 && buf->len - base >= padn;
    for (size_t k = 0; ok && k < padn; k++)
        if ((uint8_t)buf->data[buf->len - 1 - k] != padn)
            ok = false;
    if (!ok) {
        rc = fn_aes_crypto_error("Given final block not properly padded. Such issues can arise if "
                                 "a bad key is used during decryption.",
                                 err);
        goto fail;
    }
    buf->len -= padn;
    buf->data[buf->len] = '\0';
    return EM_OK;
fail:
    if (try_ && rc == EM_EUSER) {
        em_error_clear(err);
        *null = true;
        return EM_OK;
    }
    return rc;
}

static int fn_eval_aes(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    (void)ctx;
    return fn_misc_drive_str(call, args, n, true, fn_aes_row, out, err);
}

#define FN_AES(nm, mx)                                                                             \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 2, .max_args = mx, .bind = fn_bind_aes,         \
        .eval = fn_eval_aes, .deterministic = true                                                 \
    }

const fn_def fn_hash_aes_defs[] = {
    FN_AES("aes_encrypt", 6),
    FN_AES("aes_decrypt", 5),
    FN_AES("try_aes_decrypt", 5),
};
const int fn_hash_aes_n_defs = (int)(sizeof fn_hash_aes_defs / sizeof fn_hash_aes_defs[0]);
