/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Decimals, arena and value tree. */
#include "magesoapd/dec.h"
#include "magesoapd/fault.h"
#include "magesoapd/val.h"

#include "t.h"

static void dec_parses_and_formats_magento_amounts(void)
{
    int64_t v;
    char b[24];

    CHECK_EQ_INT(dec_parse("45", &v), 0);
    CHECK_EQ_STR(dec_format(v, b), "45.0000");
    CHECK_EQ_INT(dec_parse(" 379.98 ", &v), 0);
    CHECK_EQ_STR(dec_format(v, b), "379.9800");
    CHECK_EQ_INT(dec_parse("-0.25", &v), 0);
    CHECK_EQ_STR(dec_format(v, b), "-0.2500");
    CHECK_EQ_INT(dec_parse("1.00005", &v), 0); /* half away from zero at the 5th place */
    CHECK_EQ_STR(dec_format(v, b), "1.0001");
    CHECK_EQ_INT(dec_parse("2.5e1", &v), 0);
    CHECK_EQ_STR(dec_format(v, b), "25.0000");
    CHECK_EQ_INT(dec_parse("", &v), -1);
    CHECK_EQ_INT(dec_parse("abc", &v), -1);
    CHECK_EQ_INT(dec_parse("1.2.3", &v), -1);
    CHECK_EQ_INT(dec_parse("100000000", &v), -1); /* over DECIMAL(12,4) */
    CHECK_EQ_INT(dec_parse("99999999.9999", &v), 0);
    CHECK_EQ_STR(dec_format(INT64_MIN + 1, b), "-922337203685477.5807");
}

static void dec_rounds_and_scales(void)
{
    int64_t v;

    CHECK_EQ_INT(dec_round2(123450), 123500);  /* 12.345 -> 12.35 */
    CHECK_EQ_INT(dec_round2(123449), 123400);
    CHECK_EQ_INT(dec_round2(-123450), -123500);
    CHECK_EQ_INT(dec_muldiv(1000000, 1, 3, &v), 0);      /* 100/3 = 33.3333 */
    CHECK_EQ_INT(v, 333333);
    CHECK_EQ_INT(dec_muldiv(200000, 2, 3, &v), 0);       /* 20*2/3 */
    CHECK_EQ_INT(v, 133333);
    CHECK_EQ_INT(dec_muldiv(-200000, 2, 3, &v), 0);
    CHECK_EQ_INT(v, -133333);
    CHECK_EQ_INT(dec_muldiv(5, 1, 2, &v), 0);            /* half away from zero */
    CHECK_EQ_INT(v, 3);
    CHECK_EQ_INT(dec_from_double(2.0, &v), 0);
    CHECK_EQ_INT(v, 20000);
    CHECK_EQ_INT(dec_from_double(1.0 / 0.0, &v), -1);
}

/* decimal(12,4): 99999999.9999 is the largest magnitude; one ulp (0.0001)
 * more is refused by every checked operation, with *out untouched. */
static void dec_checked_arithmetic_stays_in_range(void)
{
    int64_t v = 7;

    CHECK(dec_in_range(DEC_MAX) && dec_in_range(-DEC_MAX));
    CHECK(!dec_in_range(DEC_MAX + 1) && !dec_in_range(-DEC_MAX - 1));
    CHECK(!dec_in_range(DEC_INVALID) && !dec_in_range(INT64_MAX));

    CHECK_EQ_INT(dec_add(DEC_MAX - 1, 1, &v), 0);
    CHECK_EQ_INT(v, DEC_MAX);
    v = 7;
    CHECK_EQ_INT(dec_add(DEC_MAX, 1, &v), -1);
    CHECK_EQ_INT(v, 7);
    CHECK_EQ_INT(dec_add(-DEC_MAX, -1, &v), -1);
    CHECK_EQ_INT(dec_add(DEC_MAX, -DEC_MAX, &v), 0);
    CHECK_EQ_INT(v, 0);
    CHECK_EQ_INT(dec_add(INT64_MAX, 0, &v), -1); /* operand out of range */
    CHECK_EQ_INT(dec_sub(-DEC_MAX + 1, 1, &v), 0);
    CHECK_EQ_INT(v, -DEC_MAX);
    CHECK_EQ_INT(dec_sub(-DEC_MAX, 1, &v), -1);
    CHECK_EQ_INT(dec_sub(0, DEC_INVALID, &v), -1); /* -INT64_MIN never computed */

    /* mul: the issue-8 line, 42,949,692.9597 x 42,949,652.9604, used to wrap to 3,894.98 */
    v = 7;
    CHECK_EQ_INT(dec_mul(429496929597LL, 429496529604LL, &v), -1);
    CHECK_EQ_INT(v, 7);
    CHECK_EQ_INT(dec_mul(DEC_MAX, DEC_SCALE, &v), 0); /* x 1 */
    CHECK_EQ_INT(v, DEC_MAX);
    CHECK_EQ_INT(dec_mul(DEC_MAX, DEC_SCALE + 1, &v), -1); /* x 1.0001 */
    CHECK_EQ_INT(dec_mul(-DEC_MAX, DEC_SCALE, &v), 0);
    CHECK_EQ_INT(v, -DEC_MAX);
    CHECK_EQ_INT(dec_mul(-DEC_MAX, -DEC_SCALE - 1, &v), -1);
    CHECK_EQ_INT(dec_mul(99999999LL * DEC_SCALE, 2 * DEC_SCALE, &v), -1);

    /* div: a small divisor pushes a product past the limit; 0 is refused */
    CHECK_EQ_INT(dec_muldiv(DEC_MAX, DEC_SCALE, DEC_SCALE, &v), 0);
    CHECK_EQ_INT(v, DEC_MAX);
    CHECK_EQ_INT(dec_muldiv(DEC_MAX, DEC_SCALE, DEC_SCALE - 1, &v), -1);
    CHECK_EQ_INT(dec_muldiv(1, DEC_SCALE, 0, &v), -1);
    CHECK_EQ_INT(dec_muldiv(DEC_INVALID, 1, 1, &v), -1);
    CHECK_EQ_INT(dec_muldiv(DEC_MAX, DEC_MAX, DEC_MAX, &v), 0); /* 128-bit product */
    CHECK_EQ_INT(v, DEC_MAX);

    /* round: 99999999.9999 rounds to 100000000.00, past the limit */
    CHECK_EQ_INT(dec_round2_checked(DEC_MAX - 50, &v), 0);
    CHECK_EQ_INT(v, DEC_MAX - 99);
    CHECK_EQ_INT(dec_round2_checked(DEC_MAX, &v), -1);
    CHECK_EQ_INT(dec_round2_checked(-DEC_MAX, &v), -1);
}

/* One qty rule for every dialect: 0 .. 99999999.9999, nothing else. */
static void dec_qty_rule(void)
{
    CHECK_EQ_INT(dec_qty_from_string("1"), 10000);
    CHECK_EQ_INT(dec_qty_from_string(" 2.5 "), 25000);
    CHECK_EQ_INT(dec_qty_from_string("1e2"), 1000000);
    CHECK_EQ_INT(dec_qty_from_string("0"), 0);
    CHECK_EQ_INT(dec_qty_from_string("99999999.9999"), DEC_MAX);
    CHECK_EQ_INT(dec_qty_from_string("99999999.99994"), DEC_MAX); /* rounds down */
    CHECK_EQ_INT(dec_qty_from_string("99999999.99995"), DEC_INVALID); /* rounds past */
    CHECK_EQ_INT(dec_qty_from_string("100000000"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("99999999999999"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("1e308"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("1e999"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("-1"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("-0.0001"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("1,5"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("abc"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string(""), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("0x10"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("NaN"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string("INF"), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_string(NULL), DEC_INVALID);

    CHECK_EQ_INT(dec_qty_from_double(1.5), 15000);
    CHECK_EQ_INT(dec_qty_from_double(0.0), 0);
    CHECK_EQ_INT(dec_qty_from_double(99999999.9999), DEC_MAX);
    CHECK_EQ_INT(dec_qty_from_double(100000000.0), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_double(99999999999999.0), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_double(1e308), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_double(1.0 / 0.0), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_double(-1.0 / 0.0), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_double(0.0 / 0.0), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_double(-1.0), DEC_INVALID);

    CHECK_EQ_INT(dec_qty_from_int(3), 30000);
    CHECK_EQ_INT(dec_qty_from_int(99999999), 999999990000LL);
    CHECK_EQ_INT(dec_qty_from_int(100000000), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_int(-1), DEC_INVALID);
    CHECK_EQ_INT(dec_qty_from_int(INT64_MAX), DEC_INVALID);

    CHECK(dec_qty_valid(0) && dec_qty_valid(DEC_MAX));
    CHECK(!dec_qty_valid(-1) && !dec_qty_valid(DEC_MAX + 1) && !dec_qty_valid(DEC_INVALID));
}

static void val_map_keeps_php_order_and_replaces(void)
{
    struct arena a;
    arena_init(&a, 0);
    struct val *m = val_map(&a);
    CHECK_EQ_INT(val_map_set(&a, m, "b", val_int(&a, 1)), 0);
    CHECK_EQ_INT(val_map_set(&a, m, "a", val_str(&a, "x")), 0);
    CHECK_EQ_INT(val_map_set(&a, m, "b", val_int(&a, 2)), 0);
    CHECK_EQ_INT(m->u.map.n, 2);
    CHECK_EQ_STR(m->u.map.kv[0].key, "b");
    CHECK_EQ_INT(val_map_get(m, "b")->u.i, 2);
    CHECK(val_map_get(m, "zz") == NULL);
    struct val *l = val_list(&a);
    for (int i = 0; i < 100; i++)
        CHECK_EQ_INT(val_list_push(&a, l, val_int(&a, i)), 0);
    CHECK_EQ_INT(l->u.list.n, 100);
    CHECK_EQ_INT(l->u.list.items[99]->u.i, 99);
    arena_reset(&a);
    CHECK_EQ_INT(a.used_total, 0);
    arena_free(&a);
}

static void val_php_truthiness(void)
{
    struct arena a;
    arena_init(&a, 0);
    CHECK(!val_truthy(val_str(&a, "0")));
    CHECK(!val_truthy(val_str(&a, "")));
    CHECK(val_truthy(val_str(&a, "false"))); /* PHP: non-empty string */
    CHECK(val_truthy(val_str(&a, "00")));
    CHECK(!val_truthy(val_null(&a)));
    CHECK(!val_truthy(val_list(&a)));
    CHECK(val_truthy(val_bool(&a, 1)));
    CHECK_EQ_STR(val_to_cstr(&a, val_dec(&a, 450000)), "45.0000");
    CHECK_EQ_STR(val_to_cstr(&a, val_int(&a, -7)), "-7");
    CHECK_EQ_STR(val_to_cstr(&a, val_bool(&a, 1)), "1");
    arena_free(&a);
}

static void arena_cap_refuses_past_the_limit(void)
{
    struct arena a;
    arena_init(&a, 1024);
    CHECK(arena_alloc(&a, 512) != NULL);
    CHECK(arena_alloc(&a, 1024) == NULL);
    arena_free(&a);
}

static void fault_table_has_magento_texts(void)
{
    struct md_fault f;
    md_fault_set(&f, MDF_SESSION_EXPIRED);
    CHECK_EQ_INT(f.code, 5);
    CHECK_EQ_STR(f.msg, "Session expired. Try to relogin.");
    md_fault_set(&f, MDF_STATUS_NOT_CHANGED);
    CHECK_EQ_INT(f.code, 104);
    md_fault_setf(&f, MDF_STATUS_NOT_CHANGED, "Invoice cannot be %s.", "captured");
    CHECK_EQ_STR(f.msg, "Invoice cannot be captured.");
    CHECK_EQ_STR(md_fault_text(MDF_ORDER_NOT_EXISTS), "Requested order not exists.");
}

int main(void)
{
    T_RUN(dec_parses_and_formats_magento_amounts);
    T_RUN(dec_checked_arithmetic_stays_in_range);
    T_RUN(dec_qty_rule);
    T_RUN(dec_rounds_and_scales);
    T_RUN(val_map_keeps_php_order_and_replaces);
    T_RUN(val_php_truthiness);
    T_RUN(arena_cap_refuses_past_the_limit);
    T_RUN(fault_table_has_magento_texts);
    return t_done();
}
