/* SPDX-License-Identifier: GPL-2.0-or-later */
/* JSON <-> value tree with jansson (codec.h). */
#include "rpc/codec.h"

#include "magesoapd/dec.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

struct jd {
    struct arena *a;
    const struct codec_limits *lim;
    size_t values;
    struct md_fault *f;
};

static struct val *jd_fail(struct jd *d, const char *what)
{
    md_fault_raw(d->f, MD_FAULT_CLIENT, "%s", what);
    return NULL;
}

static struct val *conv(struct jd *d, const json_t *j, int depth)
{
    struct val *v;

    if (depth > d->lim->max_depth)
        return jd_fail(d, "JSON nested too deeply");
    if (++d->values > d->lim->max_values)
        return jd_fail(d, "too many values in the request");
    switch (json_typeof(j)) {
    case JSON_NULL:
        return val_null(d->a);
    case JSON_TRUE:
        return val_bool(d->a, 1);
    case JSON_FALSE:
        return val_bool(d->a, 0);
    case JSON_INTEGER:
        return val_int(d->a, (int64_t)json_integer_value(j));
    case JSON_REAL:
        return val_double(d->a, json_real_value(j));
    case JSON_STRING:
        if ((int64_t)json_string_length(j) > d->lim->max_string)
            return jd_fail(d, "string too long");
        return val_strn(d->a, json_string_value(j), json_string_length(j));
    case JSON_ARRAY: {
        size_t n = json_array_size(j);
        if (n > (size_t)d->lim->max_items)
            return jd_fail(d, "array too long");
        v = val_list(d->a);
        for (size_t i = 0; v && i < n; i++) {
            struct val *item = conv(d, json_array_get(j, i), depth + 1);
            if (!item)
                return NULL;
            if (val_list_push(d->a, v, item))
                return jd_fail(d, "out of memory");
        }
        return v ? v : jd_fail(d, "out of memory");
    }
    case JSON_OBJECT: {
        const char *key;
        json_t *member;
        if (json_object_size(j) > (size_t)d->lim->max_items)
            return jd_fail(d, "object too large");
        v = val_map(d->a);
        if (!v)
            return jd_fail(d, "out of memory");
        /* jansson keeps insertion order: PHP's array order */
        json_object_foreach((json_t *)j, key, member) {
            struct val *item = conv(d, member, depth + 1);
            char *k;
            if (!item)
                return NULL;
            k = arena_strdup(d->a, key);
            if (!k || val_map_set(d->a, v, k, item))
                return jd_fail(d, "out of memory");
        }
        return v;
    }
    }
    return jd_fail(d, "unknown JSON type");
}

struct val *jc_to_val(struct arena *a, const struct codec_limits *lim, const struct json_t *j,
                      struct md_fault *f)
{
    struct jd d = {a, lim, 0, f};

    return conv(&d, j, 1);
}

struct json_t *jc_from_val(const struct val *v, int intcols)
{
    char tmp[32];
    json_t *j;

    if (!v)
        return json_null();
    switch (v->t) {
    case VAL_NULL:
        return json_null();
    case VAL_BOOL:
        return json_boolean(v->u.b);
    case VAL_INT:
        if (intcols)
            return json_integer((json_int_t)v->u.i);
        snprintf(tmp, sizeof tmp, "%lld", (long long)v->u.i);
        return json_string(tmp);
    case VAL_DEC:
        return json_string(dec_format(v->u.i, tmp));
    case VAL_DOUBLE:
        return json_real(v->u.d);
    case VAL_STR:
        /* invalid UTF-8 cannot travel in JSON; PHP's json_encode would fail too */
        j = json_stringn(v->u.s.p, v->u.s.n);
        return j ? j : json_stringn_nocheck(v->u.s.p, 0);
    case VAL_LIST: {
        /* one page of a streamed list (val.h): its items framed by two
         * marker strings, which the dump writes as "\u0001mdsB\u0001" ... */
        int streamed = val_stream_is(v);
        j = json_array();
        if (j && streamed && json_array_append_new(j, json_string(VAL_STREAM_BEGIN))) {
            json_decref(j);
            return NULL;
        }
        for (size_t i = 0; j && i < v->u.list.n; i++) {
            if (json_array_append_new(j, jc_from_val(v->u.list.items[i], intcols))) {
                json_decref(j);
                return NULL;
            }
        }
        if (j && streamed && json_array_append_new(j, json_string(VAL_STREAM_END))) {
            json_decref(j);
            return NULL;
        }
        return j;
    }
    case VAL_MAP:
        if (!v->u.map.n || val_map_is_list(v)) {
            j = json_array();
            for (size_t i = 0; j && i < v->u.map.n; i++) {
                if (json_array_append_new(j, jc_from_val(v->u.map.kv[i].v, intcols))) {
                    json_decref(j);
                    return NULL;
                }
            }
            return j;
        }
        j = json_object();
        for (size_t i = 0; j && i < v->u.map.n; i++) {
            if (json_object_set_new(j, v->u.map.kv[i].key,
                                    jc_from_val(v->u.map.kv[i].v, intcols))) {
                json_decref(j);
                return NULL;
            }
        }
        return j;
    }
    return json_null();
}
