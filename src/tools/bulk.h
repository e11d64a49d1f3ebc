/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bulk seeding (`magesoapd bulk-seed`): a large, consistent store for the
 * benchmark and for large-store tests, built in one transaction.
 *
 * A few template orders are made in a private in-memory database by the
 * normal import, create, capture and cancel code; their rows are then
 * cloned with new ids, increment ids and dates through store_bulk_load
 * (prepared INSERTs on SQLite, COPY on PostgreSQL).
 * Every seeded row is therefore exactly what the API itself would have
 * written, and every seeded invoice answers info, list, capture...
 */
#ifndef MD_DOMAIN_BULK_H
#define MD_DOMAIN_BULK_H

#include <stdint.h>
#include <stdio.h>

struct cfg;
struct store;

struct md_bulk_opts {
    int64_t orders;         /* invoiced orders to add */
    int invoices_per_order; /* 1..items_per_order: K-1 partial invoices + one for the rest */
    int items_per_order;    /* 1..16 */
    int64_t open_orders;    /* extra uninvoiced orders (store 1, gateway payment) */
    int64_t days;           /* created_at spread, ending at end_time */
    int64_t end_time;       /* unix seconds; 0 = now */
};

struct md_bulk_result {
    int64_t orders, invoices, open_orders, rows;
    int64_t by_state[4];                  /* invoices per state 1..3 */
    int64_t by_store[3];                  /* invoices per store 1..2 */
    char first_inv[3][32], last_inv[3][32]; /* per store 1..2 ("" = none) */
    int64_t first_open_order_id, first_open_item_id; /* open orders: contiguous */
    char first_open_inc[32], last_open_inc[32];
    char first_created[20], last_created[20];       /* order created_at range */
    double seconds;
};

/* Defaults: 1 invoice per order, 2 items, 730 days, no open orders. */
void md_bulk_defaults(struct md_bulk_opts *o);
/* Add the orders and invoices to st in one transaction.  0, or -1 + err. */
int md_bulk_seed(struct store *st, const struct cfg *cfg, const struct md_bulk_opts *o,
                 struct md_bulk_result *r, char *err, size_t errlen);
/* The result as `key=value` lines (for scripts). */
void md_bulk_print(const struct md_bulk_opts *o, const struct md_bulk_result *r, FILE *out);

#endif
