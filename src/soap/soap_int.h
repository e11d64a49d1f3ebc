/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals of the SOAP module.  The gSOAP-generated dispatchers call the
 * operation functions in v2_ops.c / wsi_ops.c; those convert gSOAP's request
 * structs into struct val parts and call sop_run, which runs the one API
 * handler and writes the whole response (or fault) with soapw.  Every
 * operation returns SOAP_STOP so gSOAP never serialises anything itself.
 */
#ifndef MD_SOAP_INT_H
#define MD_SOAP_INT_H

#include "proto/exchange.h"
#include "soap/soapw.h"

#include <time.h>

struct soap_call {
    struct worker *w;
    struct http_req *req;
    struct soapw sw;
    int answered; /* an operation wrote the response */
    int protocol_error; /* the answer is a SOAP-ENV:Client/Server fault (HTTP 500) */
    /* Request parts gSOAP skipped (unknown elements) or the glue could not
     * read (a filter entry without key, operator or value): the first one,
     * and how many.  list faults 101 on them; anything else is logged. */
    char unread[160];
    int nunread, unread_logged;
};
/* Note a request part that was not read (the first one's text is kept). */
void sop_unread(struct soap_call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const char *soap_profile_ns(const struct cfg *cfg);
const char *soap_profile_name(const struct cfg *cfg);

/* Arguments as the wire gave them: NULL = absent or xsi:nil. */
struct sop_filter_pair {
    const char *key, *value;
};
struct sop_filter_complex {
    const char *key, *op, *value;
};
struct sop_qty {
    const int *item_id;
    const double *qty;
};

/* Run method m with the operation's parts in WSDL order (V2 parts or WS-I
 * request children, see the API table); a NULL part (the glue ran out of
 * memory) answers a fault without running anything.  Writes the answer. */
enum api_method;
int sop_run(struct soap_call *c, enum api_method m, struct val *const *parts, size_t nparts);
/* Part builders (arena); NULL only when out of memory. */
struct val *sop_str(struct soap_call *c, const char *s); /* NULL s = VAL_NULL */
/* !have_filters: no filter argument at all (VAL_NULL). */
struct val *sop_filters(struct soap_call *c, int have_filters,
                        const struct sop_filter_pair *simple, size_t nsimple,
                        const struct sop_filter_complex *cplx, size_t ncplx);
struct val *sop_qtys(struct soap_call *c, const struct sop_qty *q, size_t n);

/* Write a fault as the whole answer; returns the value operations return. */
int sop_fault(struct soap_call *c, const struct md_fault *f);

/* v1.c: SOAP V1 call/multiCall/login... on /api/soap/ */
struct soap;
int v1_serve(struct soap_call *c, struct soap *soap);
/* WS-I call / multiCall (wsi_ops.c), op V1_CALL or V1_MULTICALL: the body
 * decoded by libxml2 alone. */
int wsi_run_any(struct soap_call *c, int op);

/* wsdl.c */

const char *wsdl_template(const char *name);
int wsdl_render(struct buf *out, const char *tmpl, const char *ns, const char *name,
                const char *location_escaped);

#endif
