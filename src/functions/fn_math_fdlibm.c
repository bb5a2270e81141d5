/*
 * fn_math_fdlibm: java.lang.StrictMath's log, log10 and exp, which Spark calls for ln, log2,
 * log10, log(base, x), exp, acosh and asinh. StrictMath is specified to return exactly what the
 * FDLIBM algorithms return; those differ from a correctly rounded libm in the last bit for some
 * arguments (StrictMath.log(3) is 1.0986122886681096, glibc's log(3) 1.0986122886681098), and
 * Spark's results show that bit (log2(3) prints 1.584962500721156). These are the published
 * FDLIBM 5.3 algorithms (argument reduction plus a minimax polynomial) written out for Ember.
 *
 * Bit-exactness needs IEEE double arithmetic without fused multiply-add contraction, which is
 * what the x86-64 baseline compiles to.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "functions/fn_misc_int.h"

static int32_t fn_fd_hi(double x)
{
    uint64_t b;
    memcpy(&b, &x, 8);
    return (int32_t)(b >> 32);
}

static uint32_t fn_fd_lo(double x)
{
    uint64_t b;
    memcpy(&b, &x, 8);
    return (uint32_t)b;
}

static double fn_fd_with_hi(double x, int32_t hi)
{
    uint64_t b;
    memcpy(&b, &x, 8);
    b = ((uint64_t)(uint32_t)hi << 32) | (b & 0xffffffffu);
    memcpy(&x, &b, 8);
    return x;
}

static const double fn_fd_ln2_hi = 6.93147180369123816490e-01;
static const double fn_fd_ln2_lo = 1.90821492927058770002e-10;
static const double fn_fd_two54 = 1.80143985094819840000e+16;

double fn_fd_log(double x)
{
    static const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
                        Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
                        Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                        Lg7 = 1.479819860511658591e-01;
    int32_t hx = fn_fd_hi(x);
    uint32_t lx = fn_fd_lo(x);
    int32_t k = 0;
    if (hx < 0x00100000) { /* x < 2^-1022 */
        if (((hx & 0x7fffffff) | (int32_t)lx) == 0)
            return -INFINITY;
        if (hx < 0)
            return NAN;
        k -= 54;
        x *= fn_fd_two54; /* subnormal: scale up */
        hx = fn_fd_hi(x);
    }
    if (hx >= 0x7ff00000)
        return x + x;
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    int32_t i = (hx + 0x95f64) & 0x100000;
    x = fn_fd_with_hi(x, hx | (i ^ 0x3ff00000)); /* normalise x or x/2 */
    k += i >> 20;
    double f = x - 1.0;
    double dk;
    if ((0x000fffff & (2 + hx)) < 3) { /* |f| < 2^-20 */
        if (f == 0.0) {
            if (k == 0)
                return 0.0;
            dk = (double)k;
            return dk * fn_fd_ln2_hi + dk * fn_fd_ln2_lo;
        }
        double R = f * f * (0.5 - 0.33333333333333333 * f);
        if (k == 0)
            return f - R;
        dk = (double)k;
        return dk * fn_fd_ln2_hi - ((R - dk * fn_fd_ln2_lo) - f);
    }
    double s = f / (2.0 + f);
    dk = (double)k;
    double z = s * s;
    i = hx - 0x6147a;
    double w = z * z;
    int32_t j = 0x6b851 - hx;
    double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    i |= j;
    double R = t2 + t1;
    if (i > 0) {
        double hfsq = 0.5 * f * f;
        if (k == 0)
            return f - (hfsq - s * (hfsq + R));
        return dk * fn_fd_ln2_hi - ((hfsq - (s * (hfsq + R) + dk * fn_fd_ln2_lo)) - f);
    }
    if (k == 0)
        return f - s * (f - R);
    return dk * fn_fd_ln2_hi - ((s * (f - R) - dk * fn_fd_ln2_lo) - f);
}

double fn_fd_log10(double x)
{
    static const double ivln10 = 4.34294481903251816668e-01, log10_2hi = 3.01029995663611771306e-01,
                        log10_2lo = 3.69423907715893078616e-13;
    int32_t hx = fn_fd_hi(x);
    uint32_t lx = fn_fd_lo(x);
    int32_t k = 0;
    if (hx < 0x00100000) {
        if (((hx & 0x7fffffff) | (int32_t)lx) == 0)
            return -INFINITY;
        if (hx < 0)
            return NAN;
        k -= 54;
        x *= fn_fd_two54;
        hx = fn_fd_hi(x);
    }
    if (hx >= 0x7ff00000)
        return x + x;
    k += (hx >> 20) - 1023;
    int32_t i = (int32_t)(((uint32_t)k & 0x80000000u) >> 31);
    hx = (hx & 0x000fffff) | (int32_t)((uint32_t)(0x3ff - i) << 20);
    double y = (double)(k + i);
    x = fn_fd_with_hi(x, hx);
    double z = y * log10_2lo + ivln10 * fn_fd_log(x);
    return z + y * log10_2hi;
}

double fn_fd_exp(double x)
{
    static const double halF[2] = {0.5, -0.5}, huge = 1.0e+300,
                        twom1000 = 9.33263618503218878990e-302,
                        o_threshold = 7.09782712893383973096e+02,
                        u_threshold = -7.45133219101941108420e+02,
                        ln2HI[2] = {6.93147180369123816490e-01, -6.93147180369123816490e-01},
                        ln2LO[2] = {1.90821492927058770002e-10, -1.90821492927058770002e-10},
                        invln2 = 1.44269504088896338700e+00, P1 = 1.66666666666666019037e-01,
                        P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
                        P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
    uint32_t hx = (uint32_t)fn_fd_hi(x);
    int xsb = (int)((hx >> 31) & 1);
    hx &= 0x7fffffff;
    double hi = 0, lo = 0;
    int k = 0;
    if (hx >= 0x40862E42) { /* |x| >= 709.78... */
        if (hx >= 0x7ff00000) {
            if (((hx & 0xfffff) | fn_fd_lo(x)) != 0)
                return x + x; /* NaN */
            return xsb == 0 ? x : 0.0;
        }
        if (x > o_threshold)
            return huge * huge;
        if (x < u_threshold)
            return twom1000 * twom1000;
    }
    if (hx > 0x3fd62e42) {     /* |x| > 0.5 ln2 */
        if (hx < 0x3FF0A2B2) { /* and |x| < 1.5 ln2 */
            hi = x - ln2HI[xsb];
            lo = ln2LO[xsb];
            k = 1 - xsb - xsb;
        } else {
            k = (int)(invln2 * x + halF[xsb]);
            double t = k;
            hi = x - t * ln2HI[0];
            lo = t * ln2LO[0];
        }
        x = hi - lo;
    } else if (hx < 0x3e300000) { /* |x| < 2^-28 */
        if (huge + x > 1.0)
            return 1.0 + x;
    } else {
        k = 0;
    }
    double t = x * x;
    double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    if (k == 0)
        return 1.0 - ((x * c) / (c - 2.0) - x);
    double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
    if (k >= -1021)
        return fn_fd_with_hi(y, (int32_t)((uint32_t)fn_fd_hi(y) + ((uint32_t)k << 20)));
    y = fn_fd_with_hi(y, (int32_t)((uint32_t)fn_fd_hi(y) + ((uint32_t)(k + 1000) << 20)));
    return y * twom1000;
}
