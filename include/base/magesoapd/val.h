/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Request-scoped arena and the generic value tree shared by every codec.
 *
 * Domain results (invoice info, list rows, multiCall entries) are built as
 * value trees; each wire codec (SOAP V1/V2/WS-I, XML-RPC, JSON-RPC) encodes
 * the same tree its own way.  Every node and string lives in the arena of
 * the request that built it and dies with arena_reset().
 */
#ifndef MAGESOAPD_VAL_H
#define MAGESOAPD_VAL_H

#include <stddef.h>
#include <stdint.h>

struct arena_block;

struct arena {
    struct arena_block *head; /* newest block first */
    size_t used_total;        /* bytes handed out since the last reset */
    size_t max_total;         /* cap; 0 = unlimited */
    size_t refused;           /* since the last reset: bytes of the first allocation the cap refused */
};

void arena_init(struct arena *a, size_t max_total);
/* Frees every block but the first (kept for reuse) and rewinds it. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);
/* Zeroed memory, 16-byte aligned.  NULL when out of memory or over the cap. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

enum val_type {
    VAL_NULL,   /* PHP NULL: xsi:nil, <nil/>, JSON null */
    VAL_BOOL,   /* PHP bool */
    VAL_INT,    /* integer column: xsd:string in profile magento1, xsd:int in openmage */
    VAL_DEC,    /* DECIMAL(12,4) column, scaled by 10^4: always a string "45.0000" */
    VAL_DOUBLE, /* PHP float (only from requests) */
    VAL_STR,    /* PHP string */
    VAL_LIST,   /* PHP list (keys 0..n-1) */
    VAL_MAP,    /* PHP associative array, ordered */
};

struct val;

struct val_kv {
    const char *key;
    struct val *v;
};

struct val {
    enum val_type t;
    union {
        int b;
        int64_t i; /* VAL_INT, and VAL_DEC scaled by 10^4 */
        double d;
        struct {
            const char *p;
            size_t n;
        } s;
        struct {
            struct val **items;
            size_t n, cap;
        } list;
        struct {
            struct val_kv *kv;
            size_t n, cap;
        } map;
    } u;
};

struct val *val_null(struct arena *a);
struct val *val_bool(struct arena *a, int b);
struct val *val_int(struct arena *a, int64_t i);
struct val *val_dec(struct arena *a, int64_t scaled);
struct val *val_double(struct arena *a, double d);
struct val *val_str(struct arena *a, const char *s);             /* copies */
struct val *val_strn(struct arena *a, const char *s, size_t n);  /* copies */
struct val *val_str_borrow(struct arena *a, const char *s);      /* s must outlive the arena */
struct val *val_list(struct arena *a);
struct val *val_map(struct arena *a);
/* Append; return 0, or -1 when out of memory.  val_map_set keeps the first
 * position of a key and replaces its value (PHP array semantics). */
int val_list_push(struct arena *a, struct val *list, struct val *item);
int val_map_set(struct arena *a, struct val *map, const char *key, struct val *v);
int val_map_push(struct arena *a, struct val *map, const char *key, struct val *v); /* no dedup */
struct val *val_map_get(const struct val *map, const char *key);
/* A map whose keys are exactly "0".."n-1" in order: a PHP list whatever the
 * wire called it (array_keys($v) === range(0, n-1)). */
int val_map_is_list(const struct val *map);

/* PHP-like conversions used when reading arguments. */
int val_is_empty(const struct val *v);           /* PHP empty() */
int val_truthy(const struct val *v);             /* PHP (bool) cast */
/* PHP string cast into the arena ("1" for true, "" for false/NULL, "45.0000"
 * for decimals).  Lists and maps give "Array". */
const char *val_to_cstr(struct arena *a, const struct val *v);

/* ---- streamed lists ----------------------------------------------------------
 * A list answer longer than one page is sent page by page (issue 8): the list
 * an encoder is handed then holds one page of items and declares the total.
 * At most one list per thread is marked (thread-local); an encoder writes
 * VAL_STREAM_BEGIN before its items and VAL_STREAM_END after them, and the
 * bytes between are what one page contributes (the control bytes never occur
 * in an encoded answer: XML cannot carry them, JSON escapes them). */
#define VAL_STREAM_BEGIN "\x01mdsB\x01"
#define VAL_STREAM_END "\x01mdsE\x01"
#define VAL_STREAM_MARK_LEN 6
/* Mark list as a streamed page of total items (NULL: clear). */
void val_stream_mark(const struct val *list, size_t total);
/* 1 if v is the calling thread's marked list. */
int val_stream_is(const struct val *v);
/* The declared length of a list: the total when it is the marked page. */
size_t val_list_total(const struct val *v);

#endif
