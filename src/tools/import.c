/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Order import (docs/order-import.md): one JSON document of orders in
 * Magento's column names, validated field by field, then stored in one
 * transaction — every order or none.  Unknown fields are refused by name so
 * a typo never passes silently.  Order totals are computed here from the
 * items, shipping and discount; base amounts are amount / base_to_order_rate.
 *
 * Pass 1 (import_parse.c, no database) checks every field and collects the
 * explicit ids; pass 2 (store_import, inside the write transaction) checks
 * against stored orders and inserts.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/domain_int.h"
#include "tools/import_int.h"
#include "magesoapd/dec.h"
#include "tools/tools.h"

int md_import_json_at(struct store *st, const char *json, size_t len, int replace,
                      const char *now, char *err, size_t errlen)
{
    struct arena a;
    struct imp_doc d;
    arena_init(&a, 0);
    err[0] = '\0';
    int rc = imp_parse(&a, json, len, now, &d, err, errlen);
    if (rc == 0) {
        if (store_begin(st) != 0) {
            snprintf(err, errlen, "database busy or unavailable: %s", store_errmsg(st));
            rc = -1;
        } else if (store_import(st, &d, replace, now, err, errlen) != 0) {
            if (!err[0])
                snprintf(err, errlen, "database error: %s", store_errmsg(st));
            store_rollback(st);
            rc = -1;
        } else if (store_commit(st) != 0) {
            snprintf(err, errlen, "commit failed: %s", store_errmsg(st));
            rc = -1;
        }
    }
    arena_free(&a);
    return rc;
}

int md_import_json(struct store *st, const char *json, size_t len, int replace, char *err,
                   size_t errlen)
{
    char now[MD_TIME_LEN];
    md_fmt_time((int64_t)time(NULL), now);
    return md_import_json_at(st, json, len, replace, now, err, errlen);
}

int md_import_file(struct store *st, const char *path, int replace, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, fp);
        if (n < cap)
            break;
        char *bigger = cap < ((size_t)1 << 30) ? realloc(buf, cap * 2) : NULL;
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    int bad_read = ferror(fp);
    fclose(fp);
    if (!buf || bad_read) {
        free(buf);
        snprintf(err, errlen, "%s: %s", path, bad_read ? "read error" : "too large");
        return -1;
    }
    int rc = md_import_json(st, buf, n, replace, err, errlen);
    if (rc != 0 && strncmp(err, path, strlen(path)) != 0) {
        char tmp[1024];
        snprintf(tmp, sizeof tmp, "%s: %s", path, err);
        snprintf(err, errlen, "%s", tmp);
    }
    free(buf);
    return rc;
}
