/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Arena allocator and value tree (see val.h).  The arena hands out memory
 * from chained blocks; a reset keeps the first block so a busy worker does
 * not go back to malloc for every request.
 */
#include "magesoapd/val.h"
#include "magesoapd/dec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_MIN 16384

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

void arena_init(struct arena *a, size_t max_total)
{
    a->head = NULL;
    a->used_total = 0;
    a->max_total = max_total;
    a->refused = 0;
}

void arena_reset(struct arena *a)
{
    struct arena_block *b = a->head, *keep = NULL;

    while (b) {
        struct arena_block *next = b->next;
        if (!next) {
            keep = b; /* the oldest block is the first one allocated */
        } else {
            free(b);
        }
        b = next;
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
    a->used_total = 0;
    a->refused = 0;
}

void arena_free(struct arena *a)
{
    struct arena_block *b = a->head;

    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

static void *arena_alloc_raw(struct arena *a, size_t n);

void *arena_alloc(struct arena *a, size_t n)
{
    void *p = arena_alloc_raw(a, n);

    if (p)
        memset(p, 0, n);
    return p;
}

/* Not zeroed: for bytes written at once (strings). */
static void *arena_alloc_raw(struct arena *a, size_t n)
{
    struct arena_block *b = a->head;
    size_t need = (n + 15) & ~(size_t)15;

    if (need < n)
        return NULL;
    if (a->max_total && a->used_total + need > a->max_total) {
        if (!a->refused)
            a->refused = need;
        return NULL;
    }
    if (!b || b->size - b->used < need) {
        size_t size = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
        if (b && b->size * 2 > size && b->size < (1u << 20))
            size = b->size * 2;
        b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used_total += need;
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_raw(a, n + 1);

    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    if ((size_t)n < sizeof small)
        return arena_strndup(a, small, (size_t)n);
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

static struct val *val_new(struct arena *a, enum val_type t)
{
    struct val *v = arena_alloc(a, sizeof *v);

    if (v)
        v->t = t;
    return v;
}

struct val *val_null(struct arena *a)
{
    return val_new(a, VAL_NULL);
}

struct val *val_bool(struct arena *a, int b)
{
    struct val *v = val_new(a, VAL_BOOL);

    if (v)
        v->u.b = !!b;
    return v;
}

struct val *val_int(struct arena *a, int64_t i)
{
    struct val *v = val_new(a, VAL_INT);

    if (v)
        v->u.i = i;
    return v;
}

struct val *val_dec(struct arena *a, int64_t scaled)
{
    struct val *v = val_new(a, VAL_DEC);

    if (v)
        v->u.i = scaled;
    return v;
}

struct val *val_double(struct arena *a, double d)
{
    struct val *v = val_new(a, VAL_DOUBLE);

    if (v)
        v->u.d = d;
    return v;
}

struct val *val_strn(struct arena *a, const char *s, size_t n)
{
    struct val *v = val_new(a, VAL_STR);

    if (!v)
        return NULL;
    v->u.s.p = arena_strndup(a, s, n);
    if (!v->u.s.p)
        return NULL;
    v->u.s.n = n;
    return v;
}

struct val *val_str(struct arena *a, const char *s)
{
    return val_strn(a, s ? s : "", s ? strlen(s) : 0);
}

struct val *val_str_borrow(struct arena *a, const char *s)
{
    struct val *v = val_new(a, VAL_STR);

    if (v) {
        v->u.s.p = s;
        v->u.s.n = strlen(s);
    }
    return v;
}

struct val *val_list(struct arena *a)
{
    return val_new(a, VAL_LIST);
}

struct val *val_map(struct arena *a)
{
    return val_new(a, VAL_MAP);
}

/* Grow an arena array of elem-sized items to at least n+1 slots. */
static int grow(struct arena *a, void **items, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 8;
    void *p = arena_alloc(a, ncap * elem);
    if (!p)
        return -1;
    if (n)
        memcpy(p, *items, n * elem);
    *items = p;
    *cap = ncap;
    return 0;
}

int val_list_push(struct arena *a, struct val *list, struct val *item)
{
    if (!list || !item || list->t != VAL_LIST)
        return -1;
    if (grow(a, (void **)&list->u.list.items, &list->u.list.cap, list->u.list.n,
             sizeof(struct val *)))
        return -1;
    list->u.list.items[list->u.list.n++] = item;
    return 0;
}

int val_map_push(struct arena *a, struct val *map, const char *key, struct val *v)
{
    if (!map || !v || !key || map->t != VAL_MAP)
        return -1;
    if (grow(a, (void **)&map->u.map.kv, &map->u.map.cap, map->u.map.n, sizeof(struct val_kv)))
        return -1;
    map->u.map.kv[map->u.map.n].key = key;
    map->u.map.kv[map->u.map.n].v = v;
    map->u.map.n++;
    return 0;
}

int val_map_set(struct arena *a, struct val *map, const char *key, struct val *v)
{
    if (!map || map->t != VAL_MAP || !key || !v)
        return -1;
    for (size_t i = 0; i < map->u.map.n; i++) {
        if (strcmp(map->u.map.kv[i].key, key) == 0) {
            map->u.map.kv[i].v = v;
            return 0;
        }
    }
    return val_map_push(a, map, key, v);
}

struct val *val_map_get(const struct val *map, const char *key)
{
    if (!map || map->t != VAL_MAP)
        return NULL;
    for (size_t i = 0; i < map->u.map.n; i++)
        if (strcmp(map->u.map.kv[i].key, key) == 0)
            return map->u.map.kv[i].v;
    return NULL;
}

int val_map_is_list(const struct val *m)
{
    char idx[24];

    for (size_t i = 0; i < m->u.map.n; i++) {
        snprintf(idx, sizeof idx, "%zu", i);
        if (strcmp(m->u.map.kv[i].key, idx) != 0)
            return 0;
    }
    return 1;
}

int val_is_empty(const struct val *v)
{
    if (!v)
        return 1;
    switch (v->t) {
    case VAL_NULL:
        return 1;
    case VAL_BOOL:
        return !v->u.b;
    case VAL_INT:
    case VAL_DEC:
        return v->u.i == 0;
    case VAL_DOUBLE:
        return v->u.d == 0.0;
    case VAL_STR:
        return v->u.s.n == 0 || (v->u.s.n == 1 && v->u.s.p[0] == '0');
    case VAL_LIST:
        return v->u.list.n == 0;
    case VAL_MAP:
        return v->u.map.n == 0;
    }
    return 1;
}

int val_truthy(const struct val *v)
{
    return !val_is_empty(v);
}

const char *val_to_cstr(struct arena *a, const struct val *v)
{
    char buf[40];

    if (!v)
        return "";
    switch (v->t) {
    case VAL_NULL:
        return "";
    case VAL_BOOL:
        return v->u.b ? "1" : "";
    case VAL_INT:
        return arena_printf(a, "%lld", (long long)v->u.i);
    case VAL_DEC:
        return arena_strdup(a, dec_format(v->u.i, buf));
    case VAL_DOUBLE:
        /* PHP's float-to-string uses the shortest round-trip form (precision 17, trimmed). */
        snprintf(buf, sizeof buf, "%.15g", v->u.d);
        return arena_strdup(a, buf);
    case VAL_STR:
        return v->u.s.p;
    case VAL_LIST:
    case VAL_MAP:
        return "Array";
    }
    return "";
}

/* ---- streamed lists ----------------------------------------------------------- */

static _Thread_local const struct val *t_stream_list;
static _Thread_local size_t t_stream_total;

void val_stream_mark(const struct val *list, size_t total)
{
    t_stream_list = list;
    t_stream_total = total;
}

int val_stream_is(const struct val *v)
{
    return v && v == t_stream_list;
}

size_t val_list_total(const struct val *v)
{
    if (!v || v->t != VAL_LIST)
        return 0;
    return v == t_stream_list ? t_stream_total : v->u.list.n;
}
