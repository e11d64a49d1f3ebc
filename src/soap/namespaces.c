/* SPDX-License-Identifier: GPL-2.0-or-later */
/* gSOAP's runtime (libgsoapssl) refers to the global `namespaces` table, so
 * this object is linked into every executable directly (CMake md_executable),
 * not through a static archive. */
#include "stdsoap2.h"

/* The one global namespace table gSOAP's library expects.  Input matching is
 * by local name only (SOAP_XML_IGNORENS); output never uses it (soapw writes
 * the answers). */
struct Namespace namespaces[] = {
    {"SOAP-ENV", "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/*soap-envelope",
     NULL},
    {"SOAP-ENC", "http://schemas.xmlsoap.org/soap/encoding/", "http://www.w3.org/*soap-encoding",
     NULL},
    {"xsi", "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/*/XMLSchema-instance",
     NULL},
    {"xsd", "http://www.w3.org/2001/XMLSchema", "http://www.w3.org/*/XMLSchema", NULL},
    {"ns1", "urn:Magento", "urn:OpenMage", NULL},
    {"wsi", "urn:Magento", "urn:OpenMage", NULL},
    {NULL, NULL, NULL, NULL}};
