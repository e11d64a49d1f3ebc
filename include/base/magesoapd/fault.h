/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Magento API faults: the numeric code clients read from <faultcode> and the
 * exact message.  Every protocol layer turns a struct md_fault into its own
 * wire form; the domain never formats wire bytes.
 */
#ifndef MAGESOAPD_FAULT_H
#define MAGESOAPD_FAULT_H

#define MD_FAULT_MSG_MAX 512

/* Global faults (Mage/Api/etc/api.xml), the invoice resource's faults, then
 * the order resource's (sales_order, Mage/Sales/etc/api.xml). */
#define MD_FAULTS(X)                                                                   \
    X(UNKNOWN, 0, "Unknown Error")                                                     \
    X(INTERNAL, 1, "Internal Error. Please see log for details.")                      \
    X(ACCESS_DENIED, 2, "Access denied.")                                              \
    X(PATH_INVALID, 3, "Invalid api path.")                                            \
    X(PATH_NOT_CALLABLE, 4, "Resource path is not callable.")                          \
    X(SESSION_EXPIRED, 5, "Session expired. Try to relogin.")                          \
    X(PARAM_MISSING, 6, "Required parameter is missing, for more details see \"exception.log\".") \
    X(NOT_EXISTS, 100, "Requested invoice does not exist.")                            \
    X(INVALID_FILTER, 101, "Invalid filter given. Details in error message.")          \
    X(DATA_INVALID, 102, "Invalid data given. Details in error message.")              \
    X(ORDER_NOT_EXISTS, 103, "Requested order not exists.")                            \
    X(STATUS_NOT_CHANGED, 104, "Invoice status not changed")                          \
    X(ORD_NOT_EXISTS, 100, "Requested order not exists.")                              \
    X(ORD_INVALID_FILTER, 101, "Invalid filters given. Details in error message.")     \
    X(ORD_DATA_INVALID, 102, "Invalid data given. Details in error message.")          \
    X(ORD_STATUS_NOT_CHANGED, 103, "Order status not changed. Details in error message.")

enum md_fault_id {
#define MD_FAULT_ENUM(name, code, text) MDF_##name,
    MD_FAULTS(MD_FAULT_ENUM)
#undef MD_FAULT_ENUM
        MDF_COUNT
};

/* code < 0 means a protocol-level fault (SOAP-ENV:Client / SOAP-ENV:Server)
 * rather than a Magento API fault; see MD_FAULT_CLIENT / MD_FAULT_SERVER. */
#define MD_FAULT_CLIENT (-1)
#define MD_FAULT_SERVER (-2)
/* An Idempotency-Key sent again with another request (domain.h md_idem_*):
 * SOAP-ENV:Client (HTTP 500), XML-RPC faultCode / JSON-RPC error code
 * MD_IDEM_FAULT_CODE, REST HTTP 422.  (-3 is api.h's API_FAULT_ARGS.) */
#define MD_FAULT_IDEM_CONFLICT (-4)
#define MD_IDEM_FAULT_CODE 422

struct md_fault {
    int code;
    char msg[MD_FAULT_MSG_MAX];
};

int md_fault_code(enum md_fault_id id);
const char *md_fault_text(enum md_fault_id id);
/* Fill f with the default message of id; returns -1 (for `return md_fault_set(...)`). */
int md_fault_set(struct md_fault *f, enum md_fault_id id);
/* Same code as id, custom message. */
int md_fault_setf(struct md_fault *f, enum md_fault_id id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Arbitrary code (protocol faults), custom message. */
int md_fault_raw(struct md_fault *f, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
