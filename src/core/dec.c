/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Four-place exact decimals (see dec.h).  Parsing is strict: digits, one
 * optional dot, optional sign and exponent, surrounding blanks. */
#include "magesoapd/dec.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dec_from_double(double d, int64_t *out)
{
    if (!isfinite(d))
        return -1;
    double scaled = d * (double)DEC_SCALE;
    if (fabs(scaled) >= (double)DEC_MAX + 1.0) /* also keeps llround defined */
        return -1;
    int64_t v = (int64_t)llround(scaled); /* half away from zero */
    if (!dec_in_range(v))
        return -1;
    *out = v;
    return 0;
}

int dec_parse(const char *s, int64_t *out)
{
    const char *p = s;
    int neg = 0, digits = 0;
    int64_t ip = 0; /* integer part */
    int64_t frac = 0;
    int fdigits = 0, round_up = 0;

    if (!s)
        return -1;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    while (isdigit((unsigned char)*p)) {
        if (ip > DEC_MAX / 10)
            return -1;
        ip = ip * 10 + (*p++ - '0');
        digits++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            if (fdigits < 4) {
                frac = frac * 10 + (*p - '0');
                fdigits++;
            } else if (fdigits == 4) {
                round_up = *p >= '5';
                fdigits++;
            }
            p++;
            digits++;
        }
    }
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        /* Rare in practice (PHP floats like 1.0E+25); fall back to double. */
        char *end;
        double d = strtod(s, &end);
        while (isspace((unsigned char)*end))
            end++;
        if (*end)
            return -1;
        return dec_from_double(d, out);
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p)
        return -1;
    while (fdigits < 4) {
        frac *= 10;
        fdigits++;
    }
    if (ip > DEC_MAX / DEC_SCALE)
        return -1;
    int64_t v = ip * DEC_SCALE + frac + round_up;
    if (v > DEC_MAX)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

char *dec_format(int64_t v, char buf[24])
{
    /* no snprintf: this runs for every amount of every answer */
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t ip = a / DEC_SCALE, fp = a % DEC_SCALE;
    char digits[24], *d = digits + sizeof digits;
    char *o = buf;

    do {
        *--d = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    if (v < 0)
        *o++ = '-';
    while (d < digits + sizeof digits)
        *o++ = *d++;
    *o++ = '.';
    o[3] = (char)('0' + fp % 10);
    o[2] = (char)('0' + fp / 10 % 10);
    o[1] = (char)('0' + fp / 100 % 10);
    o[0] = (char)('0' + fp / 1000);
    o[4] = '\0';
    return buf;
}

int64_t dec_round2(int64_t v)
{
    int64_t r = v % 100;

    if (r == 0)
        return v;
    if (v > 0)
        return r >= 50 ? v - r + 100 : v - r;
    return r <= -50 ? v - r - 100 : v - r;
}

int dec_add(int64_t a, int64_t b, int64_t *out)
{
    if (!dec_in_range(a) || !dec_in_range(b) || !dec_in_range(a + b))
        return -1; /* |a + b| <= 2 * DEC_MAX: no int64 overflow */
    *out = a + b;
    return 0;
}

int dec_sub(int64_t a, int64_t b, int64_t *out)
{
    if (!dec_in_range(b))
        return -1;
    return dec_add(a, -b, out);
}

int dec_muldiv(int64_t v, int64_t num, int64_t den, int64_t *out)
{
    if (den == 0 || !dec_in_range(v) || !dec_in_range(num) || !dec_in_range(den))
        return -1;
    __int128 p = (__int128)v * num; /* |p| < 2^80: exact */
    __int128 q = p / den, r = p % den;

    if (r != 0) {
        __int128 twice = r * 2;
        if (twice < 0)
            twice = -twice;
        __int128 aden = den < 0 ? -(__int128)den : den;
        if (twice >= aden)
            q += ((p < 0) != (den < 0)) ? -1 : 1;
    }
    if (q > DEC_MAX || q < -DEC_MAX)
        return -1;
    *out = (int64_t)q;
    return 0;
}

int dec_mul(int64_t a, int64_t b, int64_t *out)
{
    return dec_muldiv(a, b, DEC_SCALE, out);
}

int dec_round2_checked(int64_t v, int64_t *out)
{
    if (!dec_in_range(v))
        return -1;
    int64_t r = dec_round2(v);
    if (!dec_in_range(r))
        return -1;
    *out = r;
    return 0;
}

/* ---- the quantity rule ------------------------------------------------------ */

int64_t dec_qty_from_double(double d)
{
    int64_t q;
    if (dec_from_double(d, &q) != 0 || !dec_qty_valid(q))
        return DEC_INVALID;
    return q;
}

int64_t dec_qty_from_string(const char *s)
{
    int64_t q;
    if (dec_parse(s, &q) != 0 || !dec_qty_valid(q))
        return DEC_INVALID;
    return q;
}

int64_t dec_qty_from_int(long long i)
{
    if (i < 0 || i > DEC_MAX / DEC_SCALE)
        return DEC_INVALID;
    return (int64_t)i * DEC_SCALE;
}
