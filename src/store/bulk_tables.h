/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tables of a bulk load (store.h, enum store_bulk_table), shared by
 * both backends: name, primary key and the query for one order's rows
 * (? = the order's entity_id), in primary-key order.
 */
#ifndef MD_STORE_BULK_TABLES_H
#define MD_STORE_BULK_TABLES_H

#include "magesoapd/store.h"

static const struct {
    const char *name, *pk, *select;
} sb_tables[SB_NTABLES] = {
    [SB_ORDER] = {"sales_flat_order", "entity_id",
                  "SELECT * FROM sales_flat_order WHERE entity_id = ?"},
    [SB_ITEM] = {"sales_flat_order_item", "item_id",
                 "SELECT * FROM sales_flat_order_item WHERE order_id = ? ORDER BY item_id"},
    [SB_ADDR] = {"sales_flat_order_address", "entity_id",
                 "SELECT * FROM sales_flat_order_address WHERE parent_id = ? ORDER BY entity_id"},
    [SB_PAY] = {"sales_flat_order_payment", "entity_id",
                "SELECT * FROM sales_flat_order_payment WHERE parent_id = ? ORDER BY entity_id"},
    [SB_TXN] = {"sales_payment_transaction", "transaction_id",
                "SELECT * FROM sales_payment_transaction WHERE order_id = ? "
                "ORDER BY transaction_id"},
    [SB_HIST] = {"sales_flat_order_status_history", "entity_id",
                 "SELECT * FROM sales_flat_order_status_history WHERE parent_id = ? "
                 "ORDER BY entity_id"},
    [SB_INV] = {"sales_flat_invoice", "entity_id",
                "SELECT * FROM sales_flat_invoice WHERE order_id = ? ORDER BY entity_id"},
    [SB_INVITEM] = {"sales_flat_invoice_item", "entity_id",
                    "SELECT * FROM sales_flat_invoice_item WHERE parent_id IN "
                    "(SELECT entity_id FROM sales_flat_invoice WHERE order_id = ?) "
                    "ORDER BY entity_id"},
    [SB_COMMENT] = {"sales_flat_invoice_comment", "entity_id",
                    "SELECT * FROM sales_flat_invoice_comment WHERE parent_id IN "
                    "(SELECT entity_id FROM sales_flat_invoice WHERE order_id = ?) "
                    "ORDER BY entity_id"},
};

#endif
