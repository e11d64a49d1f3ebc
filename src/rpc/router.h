/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The resource router of the untyped "call" API, shared by SOAP V1,
 * XML-RPC and JSON-RPC: Mage_Api_Model_Server_Handler_Abstract (login,
 * call, multiCall, endSession, startSession, resources, globalFaults,
 * resourceFaults) over the sales_order_invoice resource (fact base §2).
 * Arguments and results are generic value trees; every protocol layer only
 * decodes its wire form into them and encodes the result or the fault.
 */
#ifndef MD_RPC_ROUTER_H
#define MD_RPC_ROUTER_H

#include <stddef.h>

#include "magesoapd/domain.h"
#include "magesoapd/fault.h"
#include "magesoapd/val.h"

/* A PHP Error that Magento does not catch (ArgumentCountError, TypeError):
 * SOAP answers it as a SOAP-ENV:Server fault (HTTP 200, captures
 * v1-info-noargs), JSON-RPC as -32602.  The message never names a path. */
#define RR_FAULT_ARGS (-3)

/* The handler's public methods, in the V1 WSDL's operation order. */
enum rr_method {
    RR_LOGIN,
    RR_CALL,
    RR_MULTICALL,
    RR_END_SESSION,
    RR_START_SESSION,
    RR_RESOURCES,
    RR_GLOBAL_FAULTS,
    RR_RESOURCE_FAULTS,
    RR_METHOD_COUNT
};

struct rr_method_info {
    const char *name;      /* "multiCall" */
    int required, max;     /* PHP parameter counts */
    const char *params[3]; /* PHP parameter names, in order */
};

const struct rr_method_info *rr_method(enum rr_method m);
/* Exact (case-sensitive) lookup of a handler method name; -1 if none. */
int rr_method_find(const char *name);

/*
 * Run one handler method with positional arguments, as PHP would call it:
 * params[0..n-1] are the arguments passed (a VAL_NULL entry is an explicit
 * NULL); parameters past n take their PHP defaults.  For resourceFaults the
 * order is the PHP method's: (sessionId, resourceName).
 * 0 with *result (arena), or -1 with f: a Magento fault (code >= 0) or
 * RR_FAULT_ARGS / MD_FAULT_SERVER.
 */
int rr_dispatch(struct md_ctx *ctx, enum rr_method m, struct val *const *params, size_t n,
                struct val **result, struct md_fault *f);

/*
 * call(sessionId, apiPath, args) -- fact base §2.3 steps 2-10.  args NULL:
 * not passed (PHP default array(): the method gets no arguments); a scalar
 * or VAL_NULL: the single first argument; a list: positional arguments; a
 * map: positional by key order (PHP 5/7; the keys are ignored).
 */
int rr_call(struct md_ctx *ctx, const char *sid, const char *api_path, const struct val *args,
            struct val **result, struct md_fault *f);

#endif
