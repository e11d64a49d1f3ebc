/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals of the SOAP module.  The gSOAP-generated dispatchers call the
 * operation functions in v2_ops.c / wsi_ops.c; those convert gSOAP's request
 * structs into plain C values and call the sop_* functions here, which run
 * the domain and write the whole response (or fault) with soapw.  Every
 * operation returns SOAP_STOP so gSOAP never serialises anything itself.
 */
#ifndef MD_SOAP_INT_H
#define MD_SOAP_INT_H

#include "http/http.h"
#include "soap/soapw.h"

#include <time.h>

struct soap_call {
    struct worker *w;
    struct http_req *req;
    struct soapw sw;
    int answered; /* an operation wrote the response */
    int protocol_error; /* the answer is a SOAP-ENV:Client/Server fault (HTTP 500) */
};

const char *soap_profile_ns(const struct cfg *cfg);
const char *soap_profile_name(const struct cfg *cfg);

/* Arguments as the wire gave them: NULL = absent or xsi:nil. */
struct sop_filter_pair {
    const char *key, *value;
};
struct sop_filter_complex {
    const char *key, *op, *value;
};

int sop_login(struct soap_call *c, const char *user, const char *key);
int sop_end_session(struct soap_call *c, const char *sid);
int sop_start_session(struct soap_call *c);
int sop_global_faults(struct soap_call *c, const char *sid);
int sop_resource_faults(struct soap_call *c, const char *sid, const char *resource);
int sop_resources(struct soap_call *c, const char *sid);
/* filters == NULL: no filter argument at all. */
int sop_list(struct soap_call *c, const char *sid, int have_filters,
             const struct sop_filter_pair *simple, size_t nsimple,
             const struct sop_filter_complex *cplx, size_t ncplx);
int sop_info(struct soap_call *c, const char *sid, const char *inc);
int sop_create(struct soap_call *c, const char *sid, const char *order_inc,
               const struct md_qty *qty, size_t nqty, const char *comment, const char *email,
               const char *include_comment);
int sop_add_comment(struct soap_call *c, const char *sid, const char *inc, const char *comment,
                    const char *email, const char *include_comment);
int sop_state_change(struct soap_call *c, const char *sid, const char *inc, enum md_method m);

/* Write a fault as the whole answer; returns the value operations return. */
int sop_fault(struct soap_call *c, const struct md_fault *f);

/* v1.c: SOAP V1 call/multiCall/login... on /api/soap/ */
struct soap;
int v1_serve(struct soap_call *c, struct soap *soap);

/* wsdl.c */
void wsdl_set_start_time(time_t t);
const char *wsdl_template(const char *name);
int wsdl_render(struct buf *out, const char *tmpl, const char *ns, const char *name,
                const char *location_escaped);

#endif
