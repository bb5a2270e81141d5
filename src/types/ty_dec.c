/*
 * ty_dec: 128-bit decimal arithmetic with exact 256-bit intermediates (see ty_dec.h).
 *
 * Magnitudes are handled as unsigned 256-bit numbers (four 64-bit limbs, least significant
 * first) with the sign kept aside; HALF_UP rounding is symmetric, so rounding the magnitude
 * and re-applying the sign is exact.
 */
#include "types/ty_dec.h"

#include "types/ty_num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ty_u256 {
    uint64_t w[4];
} ty_u256;

static ty_u128 ty_dec_abs(ty_i128 v)
{
    return v < 0 ? (ty_u128)0 - (ty_u128)v : (ty_u128)v;
}

#define TY_E18 ((ty_i128)1000000000000000000LL)
static const ty_i128 ty_dec_pow10_table[39] = {
    (ty_i128)1LL,
    (ty_i128)10LL,
    (ty_i128)100LL,
    (ty_i128)1000LL,
    (ty_i128)10000LL,
    (ty_i128)100000LL,
    (ty_i128)1000000LL,
    (ty_i128)10000000LL,
    (ty_i128)100000000LL,
    (ty_i128)1000000000LL,
    (ty_i128)10000000000LL,
    (ty_i128)100000000000LL,
    (ty_i128)1000000000000LL,
    (ty_i128)10000000000000LL,
    (ty_i128)100000000000000LL,
    (ty_i128)1000000000000000LL,
    (ty_i128)10000000000000000LL,
    (ty_i128)100000000000000000LL,
    (ty_i128)1000000000000000000LL,
    TY_E18 *(ty_i128)10LL,
    TY_E18 *(ty_i128)100LL,
    TY_E18 *(ty_i128)1000LL,
    TY_E18 *(ty_i128)10000LL,
    TY_E18 *(ty_i128)100000LL,
    TY_E18 *(ty_i128)1000000LL,
    TY_E18 *(ty_i128)10000000LL,
    TY_E18 *(ty_i128)100000000LL,
    TY_E18 *(ty_i128)1000000000LL,
    TY_E18 *(ty_i128)10000000000LL,
    TY_E18 *(ty_i128)100000000000LL,
    TY_E18 *(ty_i128)1000000000000LL,
    TY_E18 *(ty_i128)10000000000000LL,
    TY_E18 *(ty_i128)100000000000000LL,
    TY_E18 *(ty_i128)1000000000000000LL,
    TY_E18 *(ty_i128)10000000000000000LL,
    TY_E18 *(ty_i128)100000000000000000LL,
    TY_E18 *(ty_i128)1000000000000000000LL,
    TY_E18 *TY_E18 *(ty_i128)10LL,
    TY_E18 *TY_E18 *(ty_i128)100LL,
};

ty_i128 ty_dec_pow10(int n)
{
    if (n < 0)
        return 1;
    return ty_dec_pow10_table[n > 38 ? 38 : n];
}

int ty_dec_digits(ty_i128 v)
{
    ty_u128 m = ty_dec_abs(v);
    int n = 1;
    while (n < 39 && m >= (ty_u128)ty_dec_pow10(n))
        n++;
    return n;
}

bool ty_dec_fits(ty_i128 v, int precision)
{
    if (precision >= 39)
        return true;
    return ty_dec_abs(v) < (ty_u128)ty_dec_pow10(precision);
}

/* ------------------------------------------------------------------------------------------ */
/* u256 helpers                                                                                 */

static ty_u256 ty_u256_from(ty_u128 v)
{
    ty_u256 r = {{(uint64_t)v, (uint64_t)(v >> 64), 0, 0}};
    return r;
}

static bool ty_u256_is_zero(const ty_u256 *a)
{
    return !(a->w[0] | a->w[1] | a->w[2] | a->w[3]);
}

static int ty_u256_cmp(const ty_u256 *a, const ty_u256 *b)
{
    for (int i = 3; i >= 0; i--) {
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    }
    return 0;
}

static bool ty_u256_fits_u128(const ty_u256 *a)
{
    return !(a->w[2] | a->w[3]);
}

static ty_u128 ty_u256_low(const ty_u256 *a)
{
    return ((ty_u128)a->w[1] << 64) | a->w[0];
}

/* a * m for a 64-bit multiplier; returns false on overflow past 256 bits. */
static bool ty_u256_mul_small(ty_u256 *a, uint64_t m)
{
    ty_u128 carry = 0;
    for (int i = 0; i < 4; i++) {
        ty_u128 p = (ty_u128)a->w[i] * m + carry;
        a->w[i] = (uint64_t)p;
        carry = p >> 64;
    }
    return carry == 0;
}

static bool ty_u256_mul_pow10(ty_u256 *a, int n)
{
    while (n > 0) {
        int k = n > 19 ? 19 : n;
        uint64_t m = 1;
        for (int i = 0; i < k; i++)
            m *= 10;
        if (!ty_u256_mul_small(a, m))
            return false;
        n -= k;
    }
    return true;
}

/* a / d (d a 64-bit divisor), remainder returned. */
static uint64_t ty_u256_div_small(ty_u256 *a, uint64_t d)
{
    ty_u128 rem = 0;
    for (int i = 3; i >= 0; i--) {
        ty_u128 cur = (rem << 64) | a->w[i];
        a->w[i] = (uint64_t)(cur / d);
        rem = cur % d;
    }
    return (uint64_t)rem;
}

static ty_u256 ty_u256_mul128(ty_u128 a, ty_u128 b)
{
    uint64_t al = (uint64_t)a, ah = (uint64_t)(a >> 64);
    uint64_t bl = (uint64_t)b, bh = (uint64_t)(b >> 64);
    ty_u128 ll = (ty_u128)al * bl, lh = (ty_u128)al * bh, hl = (ty_u128)ah * bl,
            hh = (ty_u128)ah * bh;
    ty_u256 r = {{0, 0, 0, 0}};
    r.w[0] = (uint64_t)ll;
    ty_u128 mid = (ll >> 64) + (uint64_t)lh + (uint64_t)hl;
    r.w[1] = (uint64_t)mid;
    ty_u128 hi = (mid >> 64) + (lh >> 64) + (hl >> 64) + (uint64_t)hh;
    r.w[2] = (uint64_t)hi;
    r.w[3] = (uint64_t)((hi >> 64) + (hh >> 64));
    return r;
}

static void ty_u256_add(ty_u256 *a, const ty_u256 *b)
{
    ty_u128 carry = 0;
    for (int i = 0; i < 4; i++) {
        ty_u128 s = (ty_u128)a->w[i] + b->w[i] + carry;
        a->w[i] = (uint64_t)s;
        carry = s >> 64;
    }
}

/* a -= b, requires a >= b. */
static void ty_u256_sub(ty_u256 *a, const ty_u256 *b)
{
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t bi = b->w[i] + borrow;
        uint64_t nb = (bi < borrow) || (a->w[i] < bi);
        a->w[i] -= bi;
        borrow = nb;
    }
}

static void ty_u256_shl1(ty_u256 *a)
{
    for (int i = 3; i > 0; i--)
        a->w[i] = (a->w[i] << 1) | (a->w[i - 1] >> 63);
    a->w[0] <<= 1;
}

/* Binary long division: q = n / d, r = n % d (d != 0). */
static void ty_u256_divmod(const ty_u256 *n, const ty_u256 *d, ty_u256 *q, ty_u256 *r)
{
    ty_u256 quo = {{0, 0, 0, 0}}, rem = {{0, 0, 0, 0}};
    for (int bit = 255; bit >= 0; bit--) {
        ty_u256_shl1(&rem);
        rem.w[0] |= (n->w[bit / 64] >> (bit % 64)) & 1;
        if (ty_u256_cmp(&rem, d) >= 0) {
            ty_u256_sub(&rem, d);
            quo.w[bit / 64] |= (uint64_t)1 << (bit % 64);
        }
    }
    if (q)
        *q = quo;
    if (r)
        *r = rem;
}

/* Divides the magnitude by 10^n rounding with mode (sign neg tells FLOOR/CEILING the side). */
static void ty_u256_round_pow10(ty_u256 *a, int n, ty_round mode, bool neg)
{
    if (n <= 0)
        return;
    bool sticky = false; /* any non-zero digit dropped below the last one */
    uint64_t last = 0;
    while (n > 1) {
        int k = n - 1 > 19 ? 19 : n - 1;
        uint64_t m = 1;
        for (int i = 0; i < k; i++)
            m *= 10;
        if (ty_u256_div_small(a, m))
            sticky = true;
        n -= k;
    }
    last = ty_u256_div_small(a, 10);
    bool up;
    switch (mode) {
    case TY_ROUND_HALF_UP:
        up = last >= 5;
        break;
    case TY_ROUND_HALF_EVEN:
        up = last > 5 || (last == 5 && (sticky || (a->w[0] & 1)));
        break;
    case TY_ROUND_DOWN:
        up = false;
        break;
    case TY_ROUND_FLOOR:
        up = neg && (last || sticky);
        break;
    case TY_ROUND_CEILING:
    default:
        up = !neg && (last || sticky);
        break;
    }
    if (up) {
        ty_u256 one = ty_u256_from(1);
        ty_u256_add(a, &one);
    }
}

/* Magnitude + sign back to a checked i128 of at most p digits. */
static bool ty_dec_finish(const ty_u256 *mag, bool neg, int p, ty_i128 *out)
{
    if (!ty_u256_fits_u128(mag))
        return false;
    ty_u128 m = ty_u256_low(mag);
    if (m >= (ty_u128)ty_dec_pow10(p > 38 ? 38 : p))
        return false;
    *out = neg ? -(ty_i128)m : (ty_i128)m;
    return true;
}

bool ty_dec_rescale(ty_i128 v, int from_s, int to_s, ty_round mode, ty_i128 *out)
{
    if (from_s == to_s) {
        *out = v;
        return true;
    }
    bool neg = v < 0;
    ty_u256 m = ty_u256_from(ty_dec_abs(v));
    if (to_s > from_s) {
        if (!ty_u256_mul_pow10(&m, to_s - from_s))
            return false;
    } else {
        ty_u256_round_pow10(&m, from_s - to_s, mode, neg);
    }
    return ty_dec_finish(&m, neg, 38, out);
}

bool ty_dec_change(ty_i128 v, int from_s, int to_p, int to_s, ty_i128 *out)
{
    ty_i128 r;
    if (!ty_dec_rescale(v, from_s, to_s, TY_ROUND_HALF_UP, &r) || !ty_dec_fits(r, to_p))
        return false;
    *out = r;
    return true;
}

/* Signed magnitudes aligned to scale s (both < 10^77, fit in u256). */
static void ty_dec_align(ty_i128 v, int from_s, int s, ty_u256 *m, bool *neg)
{
    *neg = v < 0;
    *m = ty_u256_from(ty_dec_abs(v));
    ty_u256_mul_pow10(m, s - from_s);
}

/*
 * The common case of + and - in 128 bits: the result keeps the larger input scale (out_s == s,
 * so nothing is rounded) and neither aligning nor adding overflows __int128. Exact, so it
 * returns what the 256-bit path would; false (with *out untouched) sends the caller there.
 */
static inline bool ty_dec_addsub_fast(ty_i128 a, int sa, ty_i128 b, int sb, bool subtract,
                                      int out_p, int out_s, bool *ok, ty_i128 *out)
{
    int s = sa > sb ? sa : sb;
    if (out_s != s || out_p > 38 || s - sa > 38 || s - sb > 38)
        return false;
    ty_i128 r;
    if (sa != s && __builtin_mul_overflow(a, ty_dec_pow10_table[s - sa], &a))
        return false;
    if (sb != s && __builtin_mul_overflow(b, ty_dec_pow10_table[s - sb], &b))
        return false;
    if (subtract ? __builtin_sub_overflow(a, b, &r) : __builtin_add_overflow(a, b, &r))
        return false;
    *ok = ty_dec_abs(r) < (ty_u128)ty_dec_pow10_table[out_p < 0 ? 0 : out_p];
    if (*ok)
        *out = r;
    return true;
}

static bool ty_dec_addsub(ty_i128 a, int sa, ty_i128 b, int sb, bool subtract, int out_p, int out_s,
                          ty_i128 *out)
{
    bool ok;
    if (ty_dec_addsub_fast(a, sa, b, sb, subtract, out_p, out_s, &ok, out))
        return ok;
    int s = sa > sb ? sa : sb;
    ty_u256 ma, mb;
    bool na, nb;
    ty_dec_align(a, sa, s, &ma, &na);
    ty_dec_align(b, sb, s, &mb, &nb);
    if (subtract)
        nb = !nb;
    ty_u256 r;
    bool neg;
    if (na == nb) {
        r = ma;
        ty_u256_add(&r, &mb);
        neg = na;
    } else if (ty_u256_cmp(&ma, &mb) >= 0) {
        r = ma;
        ty_u256_sub(&r, &mb);
        neg = na;
    } else {
        r = mb;
        ty_u256_sub(&r, &ma);
        neg = nb;
    }
    if (out_s >= s) {
        if (!ty_u256_mul_pow10(&r, out_s - s))
            return false;
    } else {
        ty_u256_round_pow10(&r, s - out_s, TY_ROUND_HALF_UP, neg);
    }
    if (ty_u256_is_zero(&r))
        neg = false;
    return ty_dec_finish(&r, neg, out_p, out);
}

bool ty_dec_add(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out)
{
    return ty_dec_addsub(a, sa, b, sb, false, out_p, out_s, out);
}

bool ty_dec_sub(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out)
{
    return ty_dec_addsub(a, sa, b, sb, true, out_p, out_s, out);
}

bool ty_dec_mul(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out)
{
    /* 128-bit fast path: both factors within 64 bits (|a * b| < 2^126) and at most 38 digits
       dropped, rounded HALF_UP on the magnitude as below: exactly the 256-bit result. */
    int prod_s = sa + sb;
    if (a >= INT64_MIN && a <= INT64_MAX && b >= INT64_MIN && b <= INT64_MAX && out_s <= prod_s &&
        prod_s - out_s <= 38 && out_p >= 0 && out_p <= 38) {
        ty_i128 p = a * b;
        ty_u128 m = ty_dec_abs(p);
        if (out_s < prod_s) {
            ty_u128 d = (ty_u128)ty_dec_pow10_table[prod_s - out_s];
            ty_u128 q = m / d, rem = m - q * d;
            m = q + (rem >= d - rem ? 1 : 0); /* HALF_UP: rem >= d / 2 */
        }
        if (m >= (ty_u128)ty_dec_pow10_table[out_p])
            return false;
        *out = p < 0 ? -(ty_i128)m : (ty_i128)m;
        return true;
    }
    bool neg = (a < 0) != (b < 0);
    ty_u256 r = ty_u256_mul128(ty_dec_abs(a), ty_dec_abs(b));
    int s = sa + sb;
    if (out_s >= s) {
        if (!ty_u256_mul_pow10(&r, out_s - s))
            return false;
    } else {
        ty_u256_round_pow10(&r, s - out_s, TY_ROUND_HALF_UP, neg);
    }
    if (ty_u256_is_zero(&r))
        neg = false;
    return ty_dec_finish(&r, neg, out_p, out);
}

bool ty_dec_div(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out)
{
    if (b == 0)
        return false;
    bool neg = (a < 0) != (b < 0);
    ty_u128 A = ty_dec_abs(a), B = ty_dec_abs(b);
    /* Q = round(A * 10^k / B), k = sb - sa + out_s */
    int k = sb - sa + out_s;
    ty_u256 q;
    if (k >= 0) {
        ty_u128 qi = A / B, r = A % B;
        q = ty_u256_from(qi);
        for (int i = 0; i < k; i++) {
            r *= 10;
            if (!ty_u256_mul_small(&q, 10))
                return false;
            ty_u256 dgt = ty_u256_from(r / B);
            ty_u256_add(&q, &dgt);
            r %= B;
            if (q.w[3])
                return false; /* far beyond 38 digits */
        }
        if (r * 2 >= B) {
            ty_u256 one = ty_u256_from(1);
            ty_u256_add(&q, &one);
        }
    } else {
        ty_u256 d = ty_u256_from(B);
        if (!ty_u256_mul_pow10(&d, -k)) {
            q = ty_u256_from(0);
        } else {
            ty_u256 twice_a = ty_u256_from(A);
            ty_u256_shl1(&twice_a);
            int c = ty_u256_cmp(&d, &twice_a);
            if (c >= 0) {
                q = ty_u256_from(c == 0 && A != 0 ? 1 : 0);
            } else {
                ty_u128 D = ty_u256_low(&d);
                ty_u128 qi = A / D, r = A % D;
                if (r >= D - r)
                    qi++;
                q = ty_u256_from(qi);
            }
        }
    }
    if (ty_u256_is_zero(&q))
        neg = false;
    return ty_dec_finish(&q, neg, out_p, out);
}

bool ty_dec_rem(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out)
{
    if (b == 0)
        return false;
    int s = sa > sb ? sa : sb;
    ty_u256 ma, mb, r;
    bool na, nb;
    ty_dec_align(a, sa, s, &ma, &na);
    ty_dec_align(b, sb, s, &mb, &nb);
    ty_u256_divmod(&ma, &mb, NULL, &r);
    if (out_s >= s) {
        if (!ty_u256_mul_pow10(&r, out_s - s))
            return false;
    } else {
        ty_u256_round_pow10(&r, s - out_s, TY_ROUND_HALF_UP, na);
    }
    bool neg = na && !ty_u256_is_zero(&r);
    return ty_dec_finish(&r, neg, out_p, out);
}

bool ty_dec_pmod(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out)
{
    int s = sa > sb ? sa : sb;
    ty_i128 r;
    /* remainder at the common scale (it always fits: |r| < |b|) */
    if (!ty_dec_rem(a, sa, b, sb, 39, s, &r))
        return false;
    if (r < 0) {
        ty_i128 r2;
        if (!ty_dec_add(r, s, b, sb, 39, s, &r2) || !ty_dec_rem(r2, s, b, sb, 39, s, &r))
            return false;
    }
    return ty_dec_change(r, s, out_p, out_s, out);
}

bool ty_dec_quot(ty_i128 a, int sa, ty_i128 b, int sb, ty_i128 *out)
{
    if (b == 0)
        return false;
    int s = sa > sb ? sa : sb;
    ty_u256 ma, mb, q;
    bool na, nb;
    ty_dec_align(a, sa, s, &ma, &na);
    ty_dec_align(b, sb, s, &mb, &nb);
    ty_u256_divmod(&ma, &mb, &q, NULL);
    bool neg = (na != nb) && !ty_u256_is_zero(&q);
    return ty_dec_finish(&q, neg, 38, out);
}

/* ------------------------------------------------------------------------------------------ */
/* Text                                                                                         */

/* Decimal digits of m (most significant first) into buf; returns the count. */
static int ty_dec_utoa(ty_u128 m, char *buf)
{
    char tmp[48];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(m % 10));
        m /= 10;
    } while (m);
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

int ty_dec_to_chars(ty_i128 v, int scale, bool plain, char *buf)
{
    char digits[48];
    int nd = ty_dec_utoa(ty_dec_abs(v), digits);
    int pos = 0;
    if (v < 0)
        buf[pos++] = '-';
    int adjusted = -scale + (nd - 1);
    if (!plain && (scale < 0 || adjusted < -6)) {
        buf[pos++] = digits[0];
        if (nd > 1) {
            buf[pos++] = '.';
            memcpy(buf + pos, digits + 1, (size_t)(nd - 1));
            pos += nd - 1;
        }
        pos += snprintf(buf + pos, 16, "E%s%d", adjusted > 0 ? "+" : "", adjusted);
        return pos;
    }
    if (scale <= 0) {
        memcpy(buf + pos, digits, (size_t)nd);
        pos += nd;
        if (v != 0)
            for (int z = 0; z < -scale; z++)
                buf[pos++] = '0';
    } else if (nd > scale) {
        memcpy(buf + pos, digits, (size_t)(nd - scale));
        pos += nd - scale;
        buf[pos++] = '.';
        memcpy(buf + pos, digits + nd - scale, (size_t)scale);
        pos += scale;
    } else {
        buf[pos++] = '0';
        buf[pos++] = '.';
        for (int z = 0; z < scale - nd; z++)
            buf[pos++] = '0';
        memcpy(buf + pos, digits, (size_t)nd);
        pos += nd;
    }
    buf[pos] = '\0';
    return pos;
}

void ty_dec_append(ty_i128 v, int scale, bool plain, em_str *out)
{
    char buf[96];
    int n = ty_dec_to_chars(v, scale, plain, buf);
    em_str_append(out, buf, (size_t)n);
}

/*
 * Rounds the exact value (digits d[0..nd), no leading zeros unless "0") * 10^-scale to to_s
 * (HALF_UP) and checks it against to_p.
 */
static ty_dec_parse_result ty_dec_digits_to(const char *d, int nd, int scale, int to_p, int to_s,
                                            bool neg, ty_i128 *out)
{
    /* keep the digits that land at scale to_s */
    int keep = nd - (scale - to_s); /* digits before the rounding point */
    ty_u128 m = 0;
    bool up = false;
    if (keep <= 0) {
        m = 0;
        up = keep == 0 && nd > 0 && d[0] >= '5';
    } else {
        int take = keep < nd ? keep : nd;
        if (take > 39)
            return TY_DEC_OVERFLOW;
        for (int i = 0; i < take; i++)
            m = m * 10 + (ty_u128)(d[i] - '0');
        if (keep < nd) {
            up = d[keep] >= '5';
        } else {
            /* scale up with zeros */
            for (int i = nd; i < keep; i++) {
                if (m > (ty_u128)ty_dec_pow10(38))
                    return TY_DEC_OVERFLOW;
                m *= 10;
            }
        }
    }
    if (up)
        m++;
    if (m >= (ty_u128)ty_dec_pow10(to_p > 38 ? 38 : to_p))
        return TY_DEC_OVERFLOW;
    *out = neg ? -(ty_i128)m : (ty_i128)m;
    return TY_DEC_OK;
}

/* Parses BigDecimal syntax into significant digits + scale. Digits buffer holds at most
   `cap` digits; more are folded into a sticky tail (only HALF_UP's first dropped digit
   matters, and values longer than cap digits are kept exact up to cap). */
typedef struct ty_dec_text {
    char digits[128];
    int nd;    /* significant digits kept */
    int scale; /* value = digits * 10^-scale */
    bool neg;
    int int_digits; /* precision - scale of the BigDecimal */
} ty_dec_text;

static bool ty_dec_scan(const char *s, size_t len, ty_dec_text *t)
{
    while (len && (unsigned char)s[0] <= ' ')
        s++, len--;
    while (len && (unsigned char)s[len - 1] <= ' ')
        len--;
    if (!len)
        return false;
    size_t i = 0;
    t->neg = false;
    if (s[i] == '+' || s[i] == '-') {
        t->neg = s[i] == '-';
        i++;
    }
    t->nd = 0;
    int frac = 0, total = 0, dropped = 0;
    bool seen_point = false, any = false;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            any = true;
            total++;
            if (seen_point)
                frac++;
            if (t->nd == 0 && c == '0')
                continue; /* leading zero */
            if (t->nd < (int)sizeof t->digits - 1)
                t->digits[t->nd++] = c;
            else
                dropped++;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!any)
        return false;
    long exp = 0;
    if (i < len) {
        if (s[i] != 'e' && s[i] != 'E')
            return false;
        i++;
        bool eneg = false;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            eneg = s[i] == '-';
            i++;
        }
        if (i >= len)
            return false;
        for (; i < len; i++) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            if (exp < 100000000)
                exp = exp * 10 + (s[i] - '0');
        }
        if (eneg)
            exp = -exp;
    }
    (void)total;
    /* digits kept represent digits*10^dropped; scale accordingly */
    long scale = (long)frac - exp - dropped;
    if (scale > 100000000 || scale < -100000000)
        return false;
    t->scale = (int)scale;
    int prec = t->nd ? t->nd + dropped : 1;
    t->int_digits = prec - t->scale;
    t->digits[t->nd] = '\0';
    return true;
}

ty_dec_parse_result ty_dec_parse(const char *s, size_t len, int to_p, int to_s, ty_i128 *out)
{
    ty_dec_text t;
    if (!ty_dec_scan(s, len, &t))
        return TY_DEC_INVALID;
    if (t.int_digits > 38)
        return TY_DEC_TOO_LARGE;
    if (t.nd == 0) {
        *out = 0;
        return to_p - to_s >= 0 ? TY_DEC_OK : TY_DEC_OVERFLOW;
    }
    return ty_dec_digits_to(t.digits, t.nd, t.scale, to_p, to_s, t.neg, out);
}

ty_dec_parse_result ty_dec_parse_exact(const char *s, size_t len, ty_i128 *out, int *precision,
                                       int *scale)
{
    ty_dec_text t;
    if (!ty_dec_scan(s, len, &t))
        return TY_DEC_INVALID;
    if (t.int_digits > 38)
        return TY_DEC_TOO_LARGE;
    int sc = t.scale < 0 ? 0 : t.scale;
    if (sc > 38)
        return TY_DEC_OVERFLOW;
    int prec = t.nd ? t.nd + (sc - t.scale) : 1;
    if (prec < sc)
        prec = sc;
    if (prec > 38)
        return TY_DEC_OVERFLOW;
    ty_dec_parse_result r =
        t.nd ? ty_dec_digits_to(t.digits, t.nd, t.scale, 38, sc, t.neg, out) : TY_DEC_OK;
    if (!t.nd)
        *out = 0;
    if (r == TY_DEC_OK) {
        *precision = prec < 1 ? 1 : prec;
        *scale = sc;
    }
    return r;
}

bool ty_dec_from_double(double d, int to_p, int to_s, ty_i128 *out)
{
    if (isnan(d) || isinf(d))
        return false;
    char digits[24];
    int e10;
    int nd = ty_shortest_digits(d, false, digits, &e10);
    if (nd == 1 && digits[0] == '0') {
        *out = 0;
        return to_p > to_s || to_p >= 1;
    }
    /* value = 0.digits * 10^e10 = digits * 10^(e10 - nd) */
    int scale = nd - e10;
    if (nd - scale > 38)
        return false;
    return ty_dec_digits_to(digits, nd, scale, to_p, to_s, d < 0, out) == TY_DEC_OK;
}

double ty_dec_to_double(ty_i128 v, int scale)
{
    char buf[80];
    char digits[48];
    int nd = ty_dec_utoa(ty_dec_abs(v), digits);
    snprintf(buf, sizeof buf, "%s%.*se%d", v < 0 ? "-" : "", nd, digits, -scale);
    return strtod(buf, NULL);
}

float ty_dec_to_float(ty_i128 v, int scale)
{
    char buf[80];
    char digits[48];
    int nd = ty_dec_utoa(ty_dec_abs(v), digits);
    snprintf(buf, sizeof buf, "%s%.*se%d", v < 0 ? "-" : "", nd, digits, -scale);
    return strtof(buf, NULL);
}

int64_t ty_dec_to_long(ty_i128 v, int scale, bool *fits)
{
    ty_i128 ip = scale > 0 ? v / ty_dec_pow10(scale) : v;
    if (fits)
        *fits = ip >= INT64_MIN && ip <= INT64_MAX;
    return (int64_t)(uint64_t)(ty_u128)ip;
}
