/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An order import document as the importer (src/tools) parses it and the
 * store writes it (store_import): plain values, every total computed, ids 0
 * where the file named none.
 */
#ifndef MAGESOAPD_IMPORT_H
#define MAGESOAPD_IMPORT_H

#include <stddef.h>
#include <stdint.h>

struct imp_addr {
    int present;
    const char *firstname, *middlename, *lastname, *street, *city, *region, *postcode,
        *country_id, *telephone, *email;
    /* optional (migration 004) */
    const char *prefix, *suffix, *company, *fax;
    int64_t region_id; /* MD_NULL when absent */
};

struct imp_item {
    int64_t item_id, parent_item_id, product_id, weight; /* 0 / MD_NULL when absent */
    const char *product_type, *sku, *name, *description;
    int64_t is_qty_decimal, qty_ordered, price, tax_amount, tax_percent, discount_amount;
    /* computed */
    int64_t base_price, price_incl_tax, base_price_incl_tax, row_total, base_row_total;
    int64_t row_total_incl_tax, base_row_total_incl_tax, base_tax_amount,
        base_discount_amount, is_virtual;
};

struct imp_payment {
    const char *method, *decline;
    int64_t is_gateway, can_capture, can_capture_partial, can_void;
    /* optional (migration 004): purchase order and card details as Magento
     * keeps them (never a full card number) */
    const char *po_number, *cc_type, *cc_owner, *cc_last4, *cc_exp_month, *cc_exp_year;
};

/* A status-history row given in the file (shown by sales_order.info). */
struct imp_history {
    const char *status, *comment, *created_at;
    int64_t is_customer_notified; /* MD_NULL when absent */
};

/* Order totals computed from items, shipping and discount. */
struct imp_totals {
    int64_t subtotal, base_subtotal, subtotal_incl_tax, base_subtotal_incl_tax;
    int64_t base_shipping_amount, base_shipping_tax_amount, shipping_incl_tax,
        base_shipping_incl_tax;
    int64_t shipping_discount_amount, base_shipping_discount_amount;
    int64_t discount_amount, base_discount_amount; /* stored negative */
    int64_t tax_amount, base_tax_amount, grand_total, base_grand_total, total_qty_ordered;
};

struct imp_order {
    size_t pos; /* 1-based position in the file, for messages */
    const char *inc, *created_at, *state, *status;
    const char *customer_email, *customer_firstname, *customer_lastname;
    const char *global_currency_code, *base_currency_code, *store_currency_code,
        *order_currency_code;
    int64_t order_id, store_id;
    int64_t base_to_order_rate, base_to_global_rate, store_to_order_rate, store_to_base_rate;
    int64_t shipping_amount, shipping_tax_amount, discount_amount;
    const char *discount_description;
    /* optional customer and order fields (migration 004); ids MD_NULL when absent */
    int64_t customer_id, customer_group_id, customer_is_guest, customer_gender;
    const char *customer_middlename, *customer_prefix, *customer_suffix, *customer_dob,
        *customer_taxvat, *customer_note, *remote_ip, *store_name, *shipping_method,
        *shipping_description;
    struct imp_history *history;
    size_t nhistory;
    struct imp_payment pay;
    struct imp_addr billing, shipping;
    struct imp_item *items;
    size_t nitems;
    struct imp_totals t;
};

struct imp_doc {
    struct imp_order *orders;
    size_t norders;
};

/* "order \"100000016\" (#1)" or "order #3". */
void imp_where(const struct imp_order *o, char *out, size_t len);

#endif
