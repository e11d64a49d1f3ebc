/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The request journal (src/http/journal.c): masking of secrets by value and
 * by name, the ring's eviction, ids and filters. */
#include "t.h"

#include "http/obs.h"

#include <stdlib.h>

static char *mask(const char *s, struct md_trace *t)
{
    size_t n;
    return journal_mask(s, strlen(s), t, &n);
}

static void masks_secret_values_anywhere(void)
{
    struct md_trace t;
    trace_reset(&t);
    trace_set(&t);
    trace_secret("S3cret-Key");
    trace_secret("0123456789abcdef0123456789abcdef");
    trace_secret("ab"); /* too short to mask */
    trace_set(NULL);
    char *m = mask("[\"apiUser\",\"S3cret-Key\"] <string>0123456789abcdef0123456789abcdef</string> ab", &t);
    CHECK(m && !strcmp(m, "[\"apiUser\",\"***\"] <string>***</string> ab"));
    free(m);
}

static void masks_long_secrets_past_their_prefix(void)
{
    struct md_trace t;
    char key[300], body[400];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    trace_reset(&t);
    trace_set(&t);
    trace_secret(key);
    trace_set(NULL);
    snprintf(body, sizeof body, "x %s y", key);
    char *m = mask(body, &t);
    CHECK(m && !strcmp(m, "x *** y"));
    free(m);
}

static void masks_by_element_and_member_name(void)
{
    struct md_trace t;
    trace_reset(&t);
    char *m = mask("<ns1:login><username>u</username><apiKey xsi:type=\"xsd:string\">k&amp;y</apiKey>"
                   "<sessionId>abc</sessionId><other>v</other></ns1:login>",
                   &t);
    CHECK(m && !strcmp(m, "<ns1:login><username>u</username><apiKey xsi:type=\"xsd:string\">*******</apiKey>"
                          "<sessionId>***</sessionId><other>v</other></ns1:login>"));
    free(m);
    m = mask("{\"username\": \"u\", \"password\": \"p\\\"w\", \"x\": \"password\"}", &t);
    CHECK(m && !strcmp(m, "{\"username\": \"u\", \"password\": \"****\", \"x\": \"password\"}"));
    free(m);
}

static struct jentry *entry(int dialect, const char *methods, int fault)
{
    struct jentry *e = calloc(1, sizeof *e);
    e->dialect = dialect;
    snprintf(e->methods, sizeof e->methods, "%s", methods);
    e->fault = fault;
    e->req_body = strdup("req");
    e->req_len = 3;
    return e;
}

static void ring_keeps_the_last_n_with_ids(void)
{
    struct jentry copy, **v, *e;
    size_t n;

    CHECK_EQ_INT(journal_init(3), 0);
    journal_add(entry(OD_XMLRPC, "login", TRACE_NO_FAULT), &copy);
    CHECK_EQ_INT(copy.id, 1);
    CHECK(copy.req_body == NULL);
    journal_add(entry(OD_SOAP_V2, "sales_order_invoice.create", 103), &copy);
    journal_add(entry(OD_XMLRPC, "multiCall,sales_order_invoice.info", 100), &copy);
    journal_add(entry(OD_REST, "sales_order_invoice.create", TRACE_NO_FAULT), &copy);
    CHECK_EQ_INT(copy.id, 4);
    n = journal_query(0, NULL, NULL, NULL, 0, 100, &v);
    CHECK_EQ_INT(n, 3);
    CHECK(n == 3 && v[0]->id == 2 && v[2]->id == 4 && !v[0]->req_body);
    journal_entries_free(v, n);
    n = journal_query(0, "xmlrpc", NULL, NULL, 0, 100, &v);
    CHECK(n == 1 && v[0]->id == 3);
    journal_entries_free(v, n);
    n = journal_query(0, NULL, "create", NULL, 0, 100, &v);
    CHECK_EQ_INT(n, 2);
    journal_entries_free(v, n);
    n = journal_query(0, NULL, NULL, "any", 0, 100, &v);
    CHECK_EQ_INT(n, 2);
    journal_entries_free(v, n);
    n = journal_query(0, NULL, NULL, "103", 0, 100, &v);
    CHECK(n == 1 && v[0]->id == 2);
    journal_entries_free(v, n);
    n = journal_query(3, NULL, NULL, NULL, 0, 100, &v);
    CHECK(n == 1 && v[0]->id == 4);
    journal_entries_free(v, n);
    n = journal_query(0, NULL, NULL, NULL, 1, 2, &v); /* the newest 2, with bodies */
    CHECK(n == 2 && v[0]->id == 3 && v[1]->req_body && !strcmp(v[1]->req_body, "req"));
    journal_entries_free(v, n);
    CHECK(journal_get(1) == NULL);
    e = journal_get(2);
    CHECK(e && e->fault == 103 && e->req_body && !strcmp(e->req_body, "req"));
    journal_entry_free(e);
    journal_free();
}

int main(void)
{
    T_RUN(masks_secret_values_anywhere);
    T_RUN(masks_long_secrets_past_their_prefix);
    T_RUN(masks_by_element_and_member_name);
    T_RUN(ring_keeps_the_last_n_with_ids);
    return t_done();
}
