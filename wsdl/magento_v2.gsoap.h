/*
 * magento_v2.gsoap.h -- gSOAP interface (IDL) for the Magento 1 SOAP V2 API,
 * rpc/encoded, invoice-relevant subset.  Must agree with wsdl/v2.wsdl.in
 * (tests/wsdl/check_agreement.py --style v2 proves it).
 *
 * Input to soapcpp2, not a header to #include:
 *   soapcpp2 -c -S -n -x -w -t -pv2 -I/usr/share/gsoap/import wsdl/magento_v2.gsoap.h
 * -t (xsi:type on every element) is needed on the wire: Magento sends
 * xsi:type everywhere in V2, and Axis 1.4 stubs fail to read an answer whose
 * array/struct elements carry no xsi:type ("Invalid element in
 * ...SalesOrderInvoiceItemEntity - item").  -t and -e do not change the
 * generated WSDL's contract (-e only renders arrays as soapenc:Array).
 *
 * Conventions (gSOAP):
 *  - prefix ns1 = urn:Magento.  Accept urn:OpenMage too through the "in"
 *    pattern of the namespace table at run time (the daemon's business).
 *  - In C identifiers '_USCORE' stands for '_' in XML ('__' separates the
 *    prefix, a lone '_' would become '-'): order_item_id ->
 *    order_USCOREitem_USCOREid, complex_filter -> complex_USCOREfilter.
 *  - SOAP-encoded arrays: struct { T *__ptr; int __size; } (soapenc:Array,
 *    wsdl:arrayType="T[]").  Input: any item element name, SOAP-ENC:arrayType,
 *    href/multiRef (Axis) all work.  Output: <x xsi:type="ns1:TArray"><item
 *    xsi:type="ns1:T">..., but WITHOUT SOAP-ENC:arrayType="ns1:T[n]" (soapcpp2
 *    treats a prefixed array struct as a plain sequence on output; PHP and
 *    Axis read it anyway -- add the attribute yourself if byte identity with
 *    Magento matters).
 *  - Occurrence: "1" after a pointer member = minOccurs 1 (the WSDL element has
 *    no minOccurs attribute); a plain pointer = minOccurs 0.  gSOAP enforces
 *    occurrence only under SOAP_XML_STRICT -- do not set it: real clients send
 *    nil or omit values the WSDL calls required.  Output: a NULL "1" pointer is
 *    written as an empty element <x/>, a NULL plain pointer is omitted (what
 *    Magento does with NULL entity fields).
 *  - Operations: all parameters but the last are the request parts in WSDL
 *    order; the last is the single response part <op>Response/<part>.
 *    salesOrderInvoiceInfo returns a struct, so it needs the explicit response
 *    wrapper ns1__salesOrderInvoiceInfoResponse (else soapcpp2 would make the
 *    entity itself the response element).
 *  - startSession has no request parts: only the output parameter.
 */

//gsoap ns1 service name:      MagentoService
//gsoap ns1 service type:      Mage_Api_Model_Server_V2_HandlerPortType
//gsoap ns1 service namespace: urn:Magento
//gsoap ns1 service style:     rpc
//gsoap ns1 service encoding:  encoded
//gsoap ns1 schema namespace:  urn:Magento

/* xsd:boolean, gSOAP's built-in convention */
enum xsd__boolean { false_, true_ };


/* ---- complex types (see v2.wsdl.in <types>) ---- */

struct ns1__ArrayOfString {   /* array of xsd:string */
    char **__ptr;
    int __size;
};

struct ns1__ArrayOfInt {   /* array of xsd:int */
    int *__ptr;
    int __size;
};

struct ns1__associativeEntity {
    char *key 1;
    char *value 1;
};

struct ns1__associativeArray {   /* array of associativeEntity */
    struct ns1__associativeEntity *__ptr;
    int __size;
};

struct ns1__associativeMultiEntity {
    char *key 1;
    struct ns1__ArrayOfString *value 1;
};

struct ns1__associativeMultiArray {   /* array of associativeMultiEntity */
    struct ns1__associativeMultiEntity *__ptr;
    int __size;
};

struct ns1__complexFilter {
    char *key 1;
    struct ns1__associativeEntity *value 1;
};

struct ns1__complexFilterArray {   /* array of complexFilter */
    struct ns1__complexFilter *__ptr;
    int __size;
};

struct ns1__filters {
    struct ns1__associativeArray *filter;
    struct ns1__complexFilterArray *complex_USCOREfilter;
};

struct ns1__apiMethodEntity {
    char *title 1;
    char *path 1;
    char *name 1;
    struct ns1__ArrayOfString *aliases 1;
};

struct ns1__ArrayOfApiMethods {   /* array of apiMethodEntity */
    struct ns1__apiMethodEntity *__ptr;
    int __size;
};

struct ns1__apiEntity {
    char *title 1;
    char *name 1;
    struct ns1__ArrayOfString *aliases 1;
    struct ns1__ArrayOfApiMethods *methods 1;
};

struct ns1__ArrayOfApis {   /* array of apiEntity */
    struct ns1__apiEntity *__ptr;
    int __size;
};

struct ns1__existsFaltureEntity {
    char *code 1;
    char *message 1;
};

struct ns1__ArrayOfExistsFaltures {   /* array of existsFaltureEntity */
    struct ns1__existsFaltureEntity *__ptr;
    int __size;
};

struct ns1__orderItemIdQty {
    /* pointers so a missing field is NULL (the entry is then skipped, as
     * Magento does); `1` keeps minOccurs=1 in the generated schema */
    int *order_USCOREitem_USCOREid 1;
    double *qty 1;
};

struct ns1__orderItemIdQtyArray {   /* array of orderItemIdQty */
    struct ns1__orderItemIdQty *__ptr;
    int __size;
};

struct ns1__salesOrderInvoiceItemEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *weee_USCOREtax_USCOREapplied;
    char *qty;
    char *cost;
    char *price;
    char *tax_USCOREamount;
    char *row_USCOREtotal;
    char *base_USCOREprice;
    char *base_USCOREtax_USCOREamount;
    char *base_USCORErow_USCOREtotal;
    char *base_USCOREweee_USCOREtax_USCOREapplied_USCOREamount;
    char *base_USCOREweee_USCOREtax_USCOREapplied_USCORErow_USCOREamount;
    char *weee_USCOREtax_USCOREapplied_USCOREamount;
    char *weee_USCOREtax_USCOREapplied_USCORErow_USCOREamount;
    char *weee_USCOREtax_USCOREdisposition;
    char *weee_USCOREtax_USCORErow_USCOREdisposition;
    char *base_USCOREweee_USCOREtax_USCOREdisposition;
    char *base_USCOREweee_USCOREtax_USCORErow_USCOREdisposition;
    char *sku;
    char *name;
    char *order_USCOREitem_USCOREid;
    char *product_USCOREid;
    char *item_USCOREid;
};

struct ns1__salesOrderInvoiceItemEntityArray {   /* array of salesOrderInvoiceItemEntity */
    struct ns1__salesOrderInvoiceItemEntity *__ptr;
    int __size;
};

struct ns1__salesOrderInvoiceCommentEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *comment;
    char *is_USCOREcustomer_USCOREnotified;
    char *comment_USCOREid;
};

struct ns1__salesOrderInvoiceCommentEntityArray {   /* array of salesOrderInvoiceCommentEntity */
    struct ns1__salesOrderInvoiceCommentEntity *__ptr;
    int __size;
};

struct ns1__salesOrderInvoiceEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *store_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *global_USCOREcurrency_USCOREcode;
    char *base_USCOREcurrency_USCOREcode;
    char *store_USCOREcurrency_USCOREcode;
    char *order_USCOREcurrency_USCOREcode;
    char *store_USCOREto_USCOREbase_USCORErate;
    char *store_USCOREto_USCOREorder_USCORErate;
    char *base_USCOREto_USCOREglobal_USCORErate;
    char *base_USCOREto_USCOREorder_USCORErate;
    char *subtotal;
    char *base_USCOREsubtotal;
    char *base_USCOREgrand_USCOREtotal;
    char *discount_USCOREamount;
    char *base_USCOREdiscount_USCOREamount;
    char *shipping_USCOREamount;
    char *base_USCOREshipping_USCOREamount;
    char *tax_USCOREamount;
    char *base_USCOREtax_USCOREamount;
    char *billing_USCOREaddress_USCOREid;
    char *billing_USCOREfirstname;
    char *billing_USCORElastname;
    char *order_USCOREid;
    char *order_USCOREincrement_USCOREid;
    char *order_USCOREcreated_USCOREat;
    char *state;
    char *grand_USCOREtotal;
    char *invoice_USCOREid;
    struct ns1__salesOrderInvoiceItemEntityArray *items;
    struct ns1__salesOrderInvoiceCommentEntityArray *comments;
};

struct ns1__salesOrderInvoiceEntityArray {   /* array of salesOrderInvoiceEntity */
    struct ns1__salesOrderInvoiceEntity *__ptr;
    int __size;
};

/* ---- response wrapper: a struct-typed single output part needs an explicit
        response struct, otherwise soapcpp2 would use the struct itself as the
        response element (gSOAP guide "How to specify output parameters with
        compound data types") ---- */
struct ns1__salesOrderInvoiceInfoResponse {
    struct ns1__salesOrderInvoiceEntity result;
};

/* ---- operations: int ns1__<op>(struct soap*, in..., out) in the generated code ---- */

//gsoap ns1 service method-documentation: endSession End web service session
int ns1__endSession(char *sessionId, enum xsd__boolean *endSessionReturn);

//gsoap ns1 service method-documentation: login Login user and retrieve session id
int ns1__login(char *username, char *apiKey, char **loginReturn);

//gsoap ns1 service method-documentation: startSession Start web service session
int ns1__startSession(char **startSessionReturn);

//gsoap ns1 service method-documentation: resources List of available resources
int ns1__resources(char *sessionId, struct ns1__ArrayOfApis *resourcesReturn);

//gsoap ns1 service method-documentation: globalFaults List of global faults
int ns1__globalFaults(char *sessionId, struct ns1__ArrayOfExistsFaltures *globalFaultsReturn);

//gsoap ns1 service method-documentation: resourceFaults List of resource faults
int ns1__resourceFaults(char *resourceName, char *sessionId, struct ns1__ArrayOfExistsFaltures *resourceFaultsReturn);

//gsoap ns1 service method-documentation: salesOrderInvoiceList Retrieve list of invoices by filters
int ns1__salesOrderInvoiceList(char *sessionId, struct ns1__filters *filters, struct ns1__salesOrderInvoiceEntityArray *result);

//gsoap ns1 service method-documentation: salesOrderInvoiceInfo Retrieve invoice information
int ns1__salesOrderInvoiceInfo(char *sessionId, char *invoiceIncrementId, struct ns1__salesOrderInvoiceInfoResponse *response);

//gsoap ns1 service method-documentation: salesOrderInvoiceCreate Create new invoice for order
int ns1__salesOrderInvoiceCreate(char *sessionId, char *invoiceIncrementId, struct ns1__orderItemIdQtyArray *itemsQty, char *comment, char *email, char *includeComment, char **result);

//gsoap ns1 service method-documentation: salesOrderInvoiceAddComment Add new comment to shipment
int ns1__salesOrderInvoiceAddComment(char *sessionId, char *invoiceIncrementId, char *comment, char *email, char *includeComment, enum xsd__boolean *result);

//gsoap ns1 service method-documentation: salesOrderInvoiceCapture Capture invoice
int ns1__salesOrderInvoiceCapture(char *sessionId, char *invoiceIncrementId, enum xsd__boolean *result);

//gsoap ns1 service method-documentation: salesOrderInvoiceVoid Void invoice
int ns1__salesOrderInvoiceVoid(char *sessionId, char *invoiceIncrementId, enum xsd__boolean *result);

//gsoap ns1 service method-documentation: salesOrderInvoiceCancel Cancel invoice
int ns1__salesOrderInvoiceCancel(char *sessionId, char *invoiceIncrementId, enum xsd__boolean *result);
