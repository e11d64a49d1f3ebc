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
/* Largest magnitude a DECIMAL(12,4) holds: 99999999.9999. */
#define DEC_MAX 999999999999LL

/* "45", "45.5", "-0.25", " 3 ", "1e2"; rounds half away from zero at the
 * fifth place.  Returns 0, or -1 for anything that is not a finite number
 * within DEC_MAX. */
int dec_parse(const char *s, int64_t *out);
int dec_from_double(double d, int64_t *out);
/* "45.0000"; buf needs 24 bytes.  Returns buf. */
char *dec_format(int64_t v, char buf[24]);
/* Round to 2 places (Magento's store rounding), half away from zero. */
int64_t dec_round2(int64_t v);
/* v * num / den rounded half away from zero to 4 places; den != 0. */
int64_t dec_muldiv(int64_t v, int64_t num, int64_t den);

#endif
