/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared SOAP Header and Fault for all services (soapcpp2 -penv): the
 * per-service dispatchers keep their serializers static, and gSOAP's runtime
 * needs one global set of the fault/header functions.  Nothing else here. */
