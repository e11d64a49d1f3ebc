/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Invoice notifications: the mail (recipient, subject, body with the item
 * lines) written to the store's e-mail outbox inside the caller's write
 * transaction; delivery is left to whatever reads the outbox.
 */
#include <stdio.h>
#include <string.h>

#include "domain/domain_int.h"
#include "magesoapd/dec.h"

#define STORE_NAME "Main Website Store"

/* The item lines of an invoice for the mail body. */
static void body_items(const struct store_mail_line *l, size_t nl, char *buf, size_t len)
{
    size_t n = strlen(buf);
    for (size_t i = 0; i < nl && n < len; i++) {
        char q[24], r[24];
        int w = snprintf(buf + n, len - n, "  %s x %s (%s): %s\n", dec_format(l[i].qty, q),
                         l[i].name, l[i].sku, dec_format(l[i].row_total, r));
        if (w < 0)
            break;
        n += (size_t)w;
    }
}

int md_outbox_invoice(struct store *st, struct arena *a, const struct md_order *o,
                      int64_t invoice_id, const char *inv_inc, int update, const char *comment,
                      const char *now)
{
    char subject[256], body[4096], total[24], name[256];
    struct store_mail_line *lines = NULL;
    size_t nlines = 0;
    int64_t grand = 0;
    if (store_invoice_mail_lines(st, a, invoice_id, &grand, &lines, &nlines) != 0)
        return -1;
    snprintf(name, sizeof name, "%s %s", o->customer_firstname ? o->customer_firstname : "",
             o->customer_lastname ? o->customer_lastname : "");
    if (update)
        snprintf(subject, sizeof subject, "%s: Invoice # %s update", STORE_NAME, inv_inc);
    else
        snprintf(subject, sizeof subject, "%s: Invoice # %s for Order # %s", STORE_NAME,
                 inv_inc, o->increment_id);
    snprintf(body, sizeof body,
             "Dear %s,\n\n%s\nInvoice # %s for Order # %s\nGrand total: %s %s\n\nItems:\n",
             name,
             update ? "Your invoice has been updated." : "Thank you for your order.", inv_inc,
             o->increment_id, dec_format(grand, total),
             o->order_currency_code ? o->order_currency_code : "");
    body_items(lines, nlines, body, sizeof body);
    if (comment && *comment) {
        size_t n = strlen(body);
        snprintf(body + n, sizeof body - n, "\nComment:\n%s\n", comment);
    }
    struct store_mail m = {
        .kind = update ? "invoice_update" : "invoice_new",
        .store_id = o->store_id,
        .order_id = o->entity_id,
        .invoice_id = invoice_id,
        .recipient = o->customer_email,
        .recipient_name = name,
        .subject = subject,
        .body = body,
        .created_at = now,
    };
    return store_outbox_add(st, &m);
}
