/* SPDX-License-Identifier: GPL-2.0-or-later */
/* JSON <-> value tree: types, key order, limits, profile typing of results. */
#include "rpc/codec.h"

#include "t.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static struct arena A;
static struct codec_limits LIM = {64, 10000, 1 << 20, 200000};

static struct val *from(const char *text)
{
    json_error_t e;
    struct md_fault f;
    json_t *j = json_loads(text, JSON_DECODE_ANY, &e);
    struct val *v = j ? jc_to_val(&A, &LIM, j, &f) : NULL;

    json_decref(j);
    return v;
}

static const char *to(const struct val *v, int intcols)
{
    static char out[4096];
    json_t *j = jc_from_val(v, intcols);
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;

    snprintf(out, sizeof out, "%s", s ? s : "(null)");
    free(s);
    json_decref(j);
    return out;
}

/* seed 002's create arguments */
static void test_to_val(void)
{
    struct val *v = from("[\"100000001\", {\"1\": 2}, \"Invoice created\", true, true, null, 1.5]");

    CHECK(v && v->t == VAL_LIST && v->u.list.n == 7);
    if (!v || v->t != VAL_LIST || v->u.list.n != 7)
        return;
    CHECK(v->u.list.items[0]->t == VAL_STR);
    const struct val *m = v->u.list.items[1];
    CHECK(m->t == VAL_MAP && m->u.map.n == 1 && !strcmp(m->u.map.kv[0].key, "1"));
    CHECK(m->u.map.kv[0].v->t == VAL_INT && m->u.map.kv[0].v->u.i == 2);
    CHECK(v->u.list.items[3]->t == VAL_BOOL && v->u.list.items[3]->u.b);
    CHECK(v->u.list.items[5]->t == VAL_NULL);
    CHECK(v->u.list.items[6]->t == VAL_DOUBLE && v->u.list.items[6]->u.d == 1.5);
}

/* object members keep their order; a repeated key keeps its first place */
static void test_key_order(void)
{
    struct val *v = from("{\"z\": 1, \"a\": 2, \"m\": 3, \"a\": 4}");

    CHECK(v && v->t == VAL_MAP && v->u.map.n == 3);
    if (!v || v->t != VAL_MAP || v->u.map.n != 3)
        return;
    CHECK_EQ_STR(v->u.map.kv[0].key, "z");
    CHECK_EQ_STR(v->u.map.kv[1].key, "a");
    CHECK_EQ_INT(v->u.map.kv[1].v->u.i, 4);
    CHECK_EQ_STR(v->u.map.kv[2].key, "m");
}

static void test_limits(void)
{
    struct codec_limits lim = {3, 2, 4, 100};
    struct md_fault f;
    json_error_t e;
    json_t *deep = json_loads("[[[[1]]]]", 0, &e), *wide = json_loads("[1,2,3]", 0, &e),
           *longs = json_loads("[\"abcdef\"]", 0, &e);

    CHECK(jc_to_val(&A, &lim, deep, &f) == NULL);
    CHECK(jc_to_val(&A, &lim, wide, &f) == NULL);
    CHECK(jc_to_val(&A, &lim, longs, &f) == NULL);
    CHECK_EQ_INT(f.code, MD_FAULT_CLIENT);
    json_decref(deep);
    json_decref(wide);
    json_decref(longs);
}

/* fact base §8.6: integer columns as numbers (openmage) or strings (magento1) */
static void test_from_val(void)
{
    struct val *l = val_list(&A), *m = val_map(&A);

    val_map_push(&A, m, "order_id", val_int(&A, 3));
    val_map_push(&A, m, "increment_id", val_str(&A, "100000001"));
    val_map_push(&A, m, "grand_total", val_dec(&A, 450000));
    val_map_push(&A, m, "transaction_id", val_null(&A));
    val_map_push(&A, m, "items", val_list(&A));
    val_map_push(&A, m, "empty", val_map(&A));
    val_map_push(&A, m, "ok", val_bool(&A, 1));
    val_list_push(&A, l, m);
    CHECK_EQ_STR(to(l, 1), "[{\"order_id\":3,\"increment_id\":\"100000001\",\"grand_total\":"
                           "\"45.0000\",\"transaction_id\":null,\"items\":[],\"empty\":[],"
                           "\"ok\":true}]");
    CHECK_EQ_STR(to(l, 0), "[{\"order_id\":\"3\",\"increment_id\":\"100000001\",\"grand_total\":"
                           "\"45.0000\",\"transaction_id\":null,\"items\":[],\"empty\":[],"
                           "\"ok\":true}]");
}

int main(void)
{
    arena_init(&A, 0);
    T_RUN(test_to_val);
    T_RUN(test_key_order);
    T_RUN(test_limits);
    T_RUN(test_from_val);
    arena_free(&A);
    return t_done();
}
