/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SOAP V1 (/api/soap/): login, call, multiCall... -- not implemented yet
 * (issue 3).  Until then every V1 request gets an honest Server fault; the
 * V1 WSDL is already served.
 */
#include "stdsoap2.h"

#include "soap/soap_int.h"

int v1_serve(struct soap_call *c, struct soap *soap)
{
    struct md_fault f;

    (void)soap;
    md_fault_raw(&f, MD_FAULT_SERVER, "SOAP V1 is not implemented yet; use /api/v2_soap/");
    return sop_fault(c, &f);
}
