/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Exact decimals with four places (Magento's DECIMAL(12,4)), held as int64
 * scaled by 10^4.  45.00 is 450000.  No floating point touches stored money.
 */
#ifndef MAGESOAPD_DEC_H
#define MAGESOAPD_DEC_H

#include <stddef.h>
#include <stdint.h>

#define DEC_SCALE 10000LL
/* Largest magnitude a DECIMAL(12,4) holds: 99999999.9999.  Every amount and
 * quantity magesoapd stores or computes stays within [-DEC_MAX, DEC_MAX]. */
#define DEC_MAX 999999999999LL
/* A quantity no rule accepts (see dec_qty_*): protocol decoders pass it in
 * struct md_qty and the domain refuses it. */
#define DEC_INVALID INT64_MIN

static inline int dec_in_range(int64_t v)
{
    return v >= -DEC_MAX && v <= DEC_MAX;
}

/* "45", "45.5", "-0.25", " 3 ", "1e2"; rounds half away from zero at the
 * fifth place.  Returns 0, or -1 for anything that is not a finite number
 * within DEC_MAX. */
int dec_parse(const char *s, int64_t *out);
int dec_from_double(double d, int64_t *out);
/* "45.0000"; buf needs 24 bytes.  Returns buf. */
char *dec_format(int64_t v, char buf[24]);
/* Round to 2 places (Magento's store rounding), half away from zero. */
int64_t dec_round2(int64_t v);

/* Checked arithmetic: 0 with *out set, or -1 with *out untouched when an
 * operand or the result lies outside [-DEC_MAX, DEC_MAX] (or den == 0). */
int dec_add(int64_t a, int64_t b, int64_t *out);
int dec_sub(int64_t a, int64_t b, int64_t *out);
/* v * num / den rounded half away from zero to 4 places (128-bit product). */
int dec_muldiv(int64_t v, int64_t num, int64_t den, int64_t *out);
/* a × b of two scaled decimals, rounded to 4 places. */
int dec_mul(int64_t a, int64_t b, int64_t *out);
/* dec_round2, refusing a result that rounds past DEC_MAX (99999999.9999 -> 100000000.00). */
int dec_round2_checked(int64_t v, int64_t *out);

/*
 * The one rule for an invoice quantity, in every dialect: a finite number
 * from 0 to DEC_MAX (99999999.9999), rounded half away from zero at the fifth
 * place.  Returns the scaled qty, or DEC_INVALID for NaN, infinities,
 * negatives, anything past DEC_MAX, and strings that are not plain decimal
 * numbers ("abc", "1,5", "", "0x10").  Strings follow dec_parse: blanks
 * around, a sign, one dot and an exponent are allowed.
 */
int64_t dec_qty_from_double(double d);
int64_t dec_qty_from_string(const char *s);
int64_t dec_qty_from_int(long long i);
/* 1 when q is a quantity the rule above accepts. */
static inline int dec_qty_valid(int64_t q)
{
    return q >= 0 && q <= DEC_MAX;
}

#endif
