/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The benchmark baseline: a bare gSOAP service with the same operation
 * element as ours, answering a canned result (literal XML). */
//gsoap ns1 service name: Baseline
//gsoap ns1 service namespace: urn:Magento
//gsoap ns1 service style: rpc
//gsoap ns1 service encoding: encoded
//gsoap ns1 schema namespace: urn:Magento
struct ns1__salesOrderInvoiceInfoResponse {
    _XML result;
};
int ns1__salesOrderInvoiceInfo(char *sessionId, char *invoiceIncrementId,
                               struct ns1__salesOrderInvoiceInfoResponse *response);
