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

/* ---- sales_order types (scripts/order_types.py idl-v2) ---- */

struct ns1__salesOrderAddressEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *address_USCOREtype;
    char *firstname;
    char *middlename;
    char *lastname;
    char *company;
    char *street;
    char *city;
    char *region;
    char *postcode;
    char *country_USCOREid;
    char *telephone;
    char *fax;
    char *region_USCOREid;
    char *address_USCOREid;
};

struct ns1__salesOrderItemEntity {
    char *item_USCOREid;
    char *order_USCOREid;
    char *quote_USCOREitem_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *product_USCOREid;
    char *product_USCOREtype;
    char *product_USCOREoptions;
    char *weight;
    char *is_USCOREvirtual;
    char *sku;
    char *name;
    char *applied_USCORErule_USCOREids;
    char *free_USCOREshipping;
    char *is_USCOREqty_USCOREdecimal;
    char *no_USCOREdiscount;
    char *qty_USCOREcanceled;
    char *qty_USCOREinvoiced;
    char *qty_USCOREordered;
    char *qty_USCORErefunded;
    char *qty_USCOREshipped;
    char *cost;
    char *price;
    char *base_USCOREprice;
    char *original_USCOREprice;
    char *base_USCOREoriginal_USCOREprice;
    char *tax_USCOREpercent;
    char *tax_USCOREamount;
    char *base_USCOREtax_USCOREamount;
    char *tax_USCOREinvoiced;
    char *base_USCOREtax_USCOREinvoiced;
    char *discount_USCOREpercent;
    char *discount_USCOREamount;
    char *base_USCOREdiscount_USCOREamount;
    char *discount_USCOREinvoiced;
    char *base_USCOREdiscount_USCOREinvoiced;
    char *amount_USCORErefunded;
    char *base_USCOREamount_USCORErefunded;
    char *row_USCOREtotal;
    char *base_USCORErow_USCOREtotal;
    char *row_USCOREinvoiced;
    char *base_USCORErow_USCOREinvoiced;
    char *row_USCOREweight;
    char *gift_USCOREmessage_USCOREid;
    char *gift_USCOREmessage;
    char *gift_USCOREmessage_USCOREavailable;
    char *base_USCOREtax_USCOREbefore_USCOREdiscount;
    char *tax_USCOREbefore_USCOREdiscount;
    char *weee_USCOREtax_USCOREapplied;
    char *weee_USCOREtax_USCOREapplied_USCOREamount;
    char *weee_USCOREtax_USCOREapplied_USCORErow_USCOREamount;
    char *base_USCOREweee_USCOREtax_USCOREapplied_USCOREamount;
    char *base_USCOREweee_USCOREtax_USCOREapplied_USCORErow_USCOREamount;
    char *weee_USCOREtax_USCOREdisposition;
    char *weee_USCOREtax_USCORErow_USCOREdisposition;
    char *base_USCOREweee_USCOREtax_USCOREdisposition;
    char *base_USCOREweee_USCOREtax_USCORErow_USCOREdisposition;
};

struct ns1__salesOrderItemEntityArray {   /* array of salesOrderItemEntity */
    struct ns1__salesOrderItemEntity *__ptr;
    int __size;
};

struct ns1__salesOrderPaymentEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *amount_USCOREordered;
    char *shipping_USCOREamount;
    char *base_USCOREamount_USCOREordered;
    char *base_USCOREshipping_USCOREamount;
    char *method;
    char *po_USCOREnumber;
    char *cc_USCOREtype;
    char *cc_USCOREnumber_USCOREenc;
    char *cc_USCORElast4;
    char *cc_USCOREowner;
    char *cc_USCOREexp_USCOREmonth;
    char *cc_USCOREexp_USCOREyear;
    char *cc_USCOREss_USCOREstart_USCOREmonth;
    char *cc_USCOREss_USCOREstart_USCOREyear;
    char *payment_USCOREid;
};

struct ns1__salesOrderStatusHistoryEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *is_USCOREcustomer_USCOREnotified;
    char *status;
    char *comment;
};

struct ns1__salesOrderStatusHistoryEntityArray {   /* array of salesOrderStatusHistoryEntity */
    struct ns1__salesOrderStatusHistoryEntity *__ptr;
    int __size;
};

struct ns1__salesOrderEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *store_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *customer_USCOREid;
    char *tax_USCOREamount;
    char *shipping_USCOREamount;
    char *discount_USCOREamount;
    char *subtotal;
    char *grand_USCOREtotal;
    char *total_USCOREpaid;
    char *total_USCORErefunded;
    char *total_USCOREqty_USCOREordered;
    char *total_USCOREcanceled;
    char *total_USCOREinvoiced;
    char *total_USCOREonline_USCORErefunded;
    char *total_USCOREoffline_USCORErefunded;
    char *base_USCOREtax_USCOREamount;
    char *base_USCOREshipping_USCOREamount;
    char *base_USCOREdiscount_USCOREamount;
    char *base_USCOREsubtotal;
    char *base_USCOREgrand_USCOREtotal;
    char *base_USCOREtotal_USCOREpaid;
    char *base_USCOREtotal_USCORErefunded;
    char *base_USCOREtotal_USCOREqty_USCOREordered;
    char *base_USCOREtotal_USCOREcanceled;
    char *base_USCOREtotal_USCOREinvoiced;
    char *base_USCOREtotal_USCOREonline_USCORErefunded;
    char *base_USCOREtotal_USCOREoffline_USCORErefunded;
    char *billing_USCOREaddress_USCOREid;
    char *billing_USCOREfirstname;
    char *billing_USCORElastname;
    char *shipping_USCOREaddress_USCOREid;
    char *shipping_USCOREfirstname;
    char *shipping_USCORElastname;
    char *billing_USCOREname;
    char *shipping_USCOREname;
    char *store_USCOREto_USCOREbase_USCORErate;
    char *store_USCOREto_USCOREorder_USCORErate;
    char *base_USCOREto_USCOREglobal_USCORErate;
    char *base_USCOREto_USCOREorder_USCORErate;
    char *weight;
    char *store_USCOREname;
    char *remote_USCOREip;
    char *status;
    char *state;
    char *applied_USCORErule_USCOREids;
    char *global_USCOREcurrency_USCOREcode;
    char *base_USCOREcurrency_USCOREcode;
    char *store_USCOREcurrency_USCOREcode;
    char *order_USCOREcurrency_USCOREcode;
    char *shipping_USCOREmethod;
    char *shipping_USCOREdescription;
    char *customer_USCOREemail;
    char *customer_USCOREfirstname;
    char *customer_USCORElastname;
    char *quote_USCOREid;
    char *is_USCOREvirtual;
    char *customer_USCOREgroup_USCOREid;
    char *customer_USCOREnote_USCOREnotify;
    char *customer_USCOREis_USCOREguest;
    char *email_USCOREsent;
    char *order_USCOREid;
    char *gift_USCOREmessage_USCOREid;
    char *gift_USCOREmessage;
    struct ns1__salesOrderAddressEntity *shipping_USCOREaddress;
    struct ns1__salesOrderAddressEntity *billing_USCOREaddress;
    struct ns1__salesOrderItemEntityArray *items;
    struct ns1__salesOrderPaymentEntity *payment;
    struct ns1__salesOrderStatusHistoryEntityArray *status_USCOREhistory;
};

struct ns1__salesOrderListEntity {
    char *increment_USCOREid;
    char *store_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *customer_USCOREid;
    char *tax_USCOREamount;
    char *shipping_USCOREamount;
    char *discount_USCOREamount;
    char *subtotal;
    char *grand_USCOREtotal;
    char *total_USCOREpaid;
    char *total_USCORErefunded;
    char *total_USCOREqty_USCOREordered;
    char *total_USCOREcanceled;
    char *total_USCOREinvoiced;
    char *total_USCOREonline_USCORErefunded;
    char *total_USCOREoffline_USCORErefunded;
    char *base_USCOREtax_USCOREamount;
    char *base_USCOREshipping_USCOREamount;
    char *base_USCOREdiscount_USCOREamount;
    char *base_USCOREsubtotal;
    char *base_USCOREgrand_USCOREtotal;
    char *base_USCOREtotal_USCOREpaid;
    char *base_USCOREtotal_USCORErefunded;
    char *base_USCOREtotal_USCOREqty_USCOREordered;
    char *base_USCOREtotal_USCOREcanceled;
    char *base_USCOREtotal_USCOREinvoiced;
    char *base_USCOREtotal_USCOREonline_USCORErefunded;
    char *base_USCOREtotal_USCOREoffline_USCORErefunded;
    char *billing_USCOREaddress_USCOREid;
    char *billing_USCOREfirstname;
    char *billing_USCORElastname;
    char *shipping_USCOREaddress_USCOREid;
    char *shipping_USCOREfirstname;
    char *shipping_USCORElastname;
    char *billing_USCOREname;
    char *shipping_USCOREname;
    char *store_USCOREto_USCOREbase_USCORErate;
    char *store_USCOREto_USCOREorder_USCORErate;
    char *base_USCOREto_USCOREglobal_USCORErate;
    char *base_USCOREto_USCOREorder_USCORErate;
    char *weight;
    char *store_USCOREname;
    char *remote_USCOREip;
    char *status;
    char *state;
    char *applied_USCORErule_USCOREids;
    char *global_USCOREcurrency_USCOREcode;
    char *base_USCOREcurrency_USCOREcode;
    char *store_USCOREcurrency_USCOREcode;
    char *order_USCOREcurrency_USCOREcode;
    char *shipping_USCOREmethod;
    char *shipping_USCOREdescription;
    char *customer_USCOREemail;
    char *customer_USCOREfirstname;
    char *customer_USCORElastname;
    char *quote_USCOREid;
    char *is_USCOREvirtual;
    char *customer_USCOREgroup_USCOREid;
    char *customer_USCOREnote_USCOREnotify;
    char *customer_USCOREis_USCOREguest;
    char *email_USCOREsent;
    char *order_USCOREid;
    char *gift_USCOREmessage_USCOREid;
    char *coupon_USCOREcode;
    char *protect_USCOREcode;
    char *base_USCOREdiscount_USCOREcanceled;
    char *base_USCOREdiscount_USCOREinvoiced;
    char *base_USCOREdiscount_USCORErefunded;
    char *base_USCOREshipping_USCOREcanceled;
    char *base_USCOREshipping_USCOREinvoiced;
    char *base_USCOREshipping_USCORErefunded;
    char *base_USCOREshipping_USCOREtax_USCOREamount;
    char *base_USCOREshipping_USCOREtax_USCORErefunded;
    char *base_USCOREsubtotal_USCOREcanceled;
    char *base_USCOREsubtotal_USCOREinvoiced;
    char *base_USCOREsubtotal_USCORErefunded;
    char *base_USCOREtax_USCOREcanceled;
    char *base_USCOREtax_USCOREinvoiced;
    char *base_USCOREtax_USCORErefunded;
    char *base_USCOREtotal_USCOREinvoiced_USCOREcost;
    char *discount_USCOREcanceled;
    char *discount_USCOREinvoiced;
    char *discount_USCORErefunded;
    char *shipping_USCOREcanceled;
    char *shipping_USCOREinvoiced;
    char *shipping_USCORErefunded;
    char *shipping_USCOREtax_USCOREamount;
    char *shipping_USCOREtax_USCORErefunded;
    char *subtotal_USCOREcanceled;
    char *subtotal_USCOREinvoiced;
    char *subtotal_USCORErefunded;
    char *tax_USCOREcanceled;
    char *tax_USCOREinvoiced;
    char *tax_USCORErefunded;
    char *can_USCOREship_USCOREpartially;
    char *can_USCOREship_USCOREpartially_USCOREitem;
    char *edit_USCOREincrement;
    char *forced_USCOREdo_USCOREshipment_USCOREwith_USCOREinvoice;
    char *payment_USCOREauthorization_USCOREexpiration;
    char *paypal_USCOREipn_USCOREcustomer_USCOREnotified;
    char *quote_USCOREaddress_USCOREid;
    char *adjustment_USCOREnegative;
    char *adjustment_USCOREpositive;
    char *base_USCOREadjustment_USCOREnegative;
    char *base_USCOREadjustment_USCOREpositive;
    char *base_USCOREshipping_USCOREdiscount_USCOREamount;
    char *base_USCOREsubtotal_USCOREincl_USCOREtax;
    char *base_USCOREtotal_USCOREdue;
    char *payment_USCOREauthorization_USCOREamount;
    char *shipping_USCOREdiscount_USCOREamount;
    char *subtotal_USCOREincl_USCOREtax;
    char *total_USCOREdue;
    char *customer_USCOREdob;
    char *customer_USCOREmiddlename;
    char *customer_USCOREprefix;
    char *customer_USCOREsuffix;
    char *customer_USCOREtaxvat;
    char *discount_USCOREdescription;
    char *ext_USCOREcustomer_USCOREid;
    char *ext_USCOREorder_USCOREid;
    char *hold_USCOREbefore_USCOREstate;
    char *hold_USCOREbefore_USCOREstatus;
    char *original_USCOREincrement_USCOREid;
    char *relation_USCOREchild_USCOREid;
    char *relation_USCOREchild_USCOREreal_USCOREid;
    char *relation_USCOREparent_USCOREid;
    char *relation_USCOREparent_USCOREreal_USCOREid;
    char *x_USCOREforwarded_USCOREfor;
    char *customer_USCOREnote;
    char *total_USCOREitem_USCOREcount;
    char *customer_USCOREgender;
    char *hidden_USCOREtax_USCOREamount;
    char *base_USCOREhidden_USCOREtax_USCOREamount;
    char *shipping_USCOREhidden_USCOREtax_USCOREamount;
    char *base_USCOREshipping_USCOREhidden_USCOREtax_USCOREamount;
    char *hidden_USCOREtax_USCOREinvoiced;
    char *base_USCOREhidden_USCOREtax_USCOREinvoiced;
    char *hidden_USCOREtax_USCORErefunded;
    char *base_USCOREhidden_USCOREtax_USCORErefunded;
    char *shipping_USCOREincl_USCOREtax;
    char *base_USCOREshipping_USCOREincl_USCOREtax;
    char *base_USCOREcustomer_USCOREbalance_USCOREamount;
    char *customer_USCOREbalance_USCOREamount;
    char *base_USCOREcustomer_USCOREbalance_USCOREinvoiced;
    char *customer_USCOREbalance_USCOREinvoiced;
    char *base_USCOREcustomer_USCOREbalance_USCORErefunded;
    char *customer_USCOREbalance_USCORErefunded;
    char *base_USCOREcustomer_USCOREbalance_USCOREtotal_USCORErefunded;
    char *customer_USCOREbalance_USCOREtotal_USCORErefunded;
    char *gift_USCOREcards;
    char *base_USCOREgift_USCOREcards_USCOREamount;
    char *gift_USCOREcards_USCOREamount;
    char *base_USCOREgift_USCOREcards_USCOREinvoiced;
    char *gift_USCOREcards_USCOREinvoiced;
    char *base_USCOREgift_USCOREcards_USCORErefunded;
    char *gift_USCOREcards_USCORErefunded;
    char *reward_USCOREpoints_USCOREbalance;
    char *base_USCOREreward_USCOREcurrency_USCOREamount;
    char *reward_USCOREcurrency_USCOREamount;
    char *base_USCOREreward_USCOREcurrency_USCOREamount_USCOREinvoiced;
    char *reward_USCOREcurrency_USCOREamount_USCOREinvoiced;
    char *base_USCOREreward_USCOREcurrency_USCOREamount_USCORErefunded;
    char *reward_USCOREcurrency_USCOREamount_USCORErefunded;
    char *reward_USCOREpoints_USCOREbalance_USCORErefunded;
    char *reward_USCOREpoints_USCOREbalance_USCOREto_USCORErefund;
    char *reward_USCOREsalesrule_USCOREpoints;
    char *firstname;
    char *lastname;
    char *telephone;
    char *postcode;
};

struct ns1__salesOrderListEntityArray {   /* array of salesOrderListEntity */
    struct ns1__salesOrderListEntity *__ptr;
    int __size;
};


/* ---- response wrapper: a struct-typed single output part needs an explicit
        response struct, otherwise soapcpp2 would use the struct itself as the
        response element (gSOAP guide "How to specify output parameters with
        compound data types") ---- */
struct ns1__salesOrderInvoiceInfoResponse {
    struct ns1__salesOrderInvoiceEntity result;
};
struct ns1__salesOrderInfoResponse {
    struct ns1__salesOrderEntity result;
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

//gsoap ns1 service method-documentation: salesOrderList Retrieve list of orders by filters
int ns1__salesOrderList(char *sessionId, struct ns1__filters *filters, struct ns1__salesOrderListEntityArray *result);

//gsoap ns1 service method-documentation: salesOrderInfo Retrieve order information
int ns1__salesOrderInfo(char *sessionId, char *orderIncrementId, struct ns1__salesOrderInfoResponse *response);

//gsoap ns1 service method-documentation: salesOrderAddComment Add comment to order
int ns1__salesOrderAddComment(char *sessionId, char *orderIncrementId, char *status, char *comment, char *notify, enum xsd__boolean *result);

//gsoap ns1 service method-documentation: salesOrderHold Hold order
int ns1__salesOrderHold(char *sessionId, char *orderIncrementId, enum xsd__boolean *result);

//gsoap ns1 service method-documentation: salesOrderUnhold Unhold order
int ns1__salesOrderUnhold(char *sessionId, char *orderIncrementId, enum xsd__boolean *result);

//gsoap ns1 service method-documentation: salesOrderCancel Cancel order
int ns1__salesOrderCancel(char *sessionId, char *orderIncrementId, enum xsd__boolean *result);
