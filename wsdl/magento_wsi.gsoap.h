/*
 * magento_wsi.gsoap.h -- gSOAP interface (IDL) for the Magento 1 SOAP V2 API in
 * WS-I compliance mode: document/literal wrapped, invoice-relevant subset.
 * Must agree with wsdl/wsi.wsdl.in (tests/wsdl/check_agreement.py --style wsi).
 *
 * Input to soapcpp2, not a header to #include:
 *   soapcpp2 -c -S -n -x -w -pwsi -I/usr/share/gsoap/import wsdl/magento_wsi.gsoap.h
 * (no -t: Magento's WS-I messages carry no xsi:type.)
 *
 * Conventions (gSOAP):
 *  - prefix wsi = urn:Magento; schema form unqualified: only the wrapper
 *    elements (struct _wsi__X = global element X) are namespace-qualified,
 *    their children are not (Magento sets no elementFormDefault).
 *  - '_USCORE' in a C identifier = '_' in XML (complex_USCOREfilter).
 *  - Arrays: struct { int __sizecomplexObjectArray; T *complexObjectArray; }
 *    = sequence of <complexObjectArray> minOccurs 0 maxOccurs unbounded.
 *  - Occurrence: "1" after a pointer = minOccurs 1, plain pointer = minOccurs 0;
 *    non-pointer members are minOccurs 1.  gSOAP checks occurrence only under
 *    SOAP_XML_STRICT -- leave it off (.NET proxies omit the required itemsQty).
 *  - Operations are "bare": int __wsi__<op>(struct _wsi__<in> *, struct
 *    _wsi__<out> *) -- the double underscore keeps soapcpp2 from adding an
 *    operation wrapper, the two structs ARE the request/response elements.
 *  - startSession has an empty input message.  CAUTION: soapcpp2 therefore
 *    generates wsi_serve_request() with startSession as the catch-all branch
 *    (any body element that matches nothing else, and an empty body, is served
 *    as startSession).  Call wsi_serve_request() only when the body is empty
 *    (after soap_begin_serve(), soap_peek_element() returns SOAP_NO_TAG and
 *    soap->tag is "") or its first element is one of the *Param wrapper
 *    elements below; otherwise answer "unknown operation" yourself.
 */

//gsoap wsi service name:      MagentoService
//gsoap wsi service type:      PortType
//gsoap wsi service namespace: urn:Magento
//gsoap wsi service style:     document
//gsoap wsi service encoding:  literal
//gsoap wsi schema namespace:  urn:Magento
//gsoap wsi schema form:       unqualified

/* xsd:boolean, gSOAP's built-in convention */
enum xsd__boolean { false_, true_ };


/* ---- complex types (see wsi.wsdl.in <xsd:complexType>) ---- */

struct wsi__ArrayOfString {   /* array of xsd:string */
    int __sizecomplexObjectArray;
    char **complexObjectArray;
};

struct wsi__ArrayOfInt {   /* array of xsd:int */
    int __sizecomplexObjectArray;
    int *complexObjectArray;
};

struct wsi__associativeEntity {
    char *key 1;
    char *value 1;
};

struct wsi__associativeArray {   /* array of associativeEntity */
    int __sizecomplexObjectArray;
    struct wsi__associativeEntity *complexObjectArray;
};

struct wsi__associativeMultiEntity {
    char *key 1;
    struct wsi__ArrayOfString *value 1;
};

struct wsi__associativeMultiArray {   /* array of associativeMultiEntity */
    int __sizecomplexObjectArray;
    struct wsi__associativeMultiEntity *complexObjectArray;
};

struct wsi__complexFilter {
    char *key 1;
    struct wsi__associativeEntity *value 1;
};

struct wsi__complexFilterArray {   /* array of complexFilter */
    int __sizecomplexObjectArray;
    struct wsi__complexFilter *complexObjectArray;
};

struct wsi__filters {
    struct wsi__associativeArray *filter;
    struct wsi__complexFilterArray *complex_USCOREfilter;
};

struct wsi__apiMethodEntity {
    char *title 1;
    char *path 1;
    char *name 1;
    struct wsi__ArrayOfString *aliases 1;
};

struct wsi__ArrayOfApiMethods {   /* array of apiMethodEntity */
    int __sizecomplexObjectArray;
    struct wsi__apiMethodEntity *complexObjectArray;
};

struct wsi__apiEntity {
    char *title 1;
    char *name 1;
    struct wsi__ArrayOfString *aliases 1;
    struct wsi__ArrayOfApiMethods *methods 1;
};

struct wsi__ArrayOfApis {   /* array of apiEntity */
    int __sizecomplexObjectArray;
    struct wsi__apiEntity *complexObjectArray;
};

struct wsi__existsFaltureEntity {
    char *code 1;
    char *message 1;
};

struct wsi__ArrayOfExistsFaltures {   /* array of existsFaltureEntity */
    int __sizecomplexObjectArray;
    struct wsi__existsFaltureEntity *complexObjectArray;
};

struct wsi__orderItemIdQty {
    /* pointers so a missing field is NULL (the entry is then skipped, as
     * Magento does); `1` keeps minOccurs=1 in the generated schema */
    int *order_USCOREitem_USCOREid 1;
    double *qty 1;
};

struct wsi__orderItemIdQtyArray {   /* array of orderItemIdQty */
    int __sizecomplexObjectArray;
    struct wsi__orderItemIdQty *complexObjectArray;
};

struct wsi__salesOrderInvoiceItemEntity {
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

struct wsi__salesOrderInvoiceItemEntityArray {   /* array of salesOrderInvoiceItemEntity */
    int __sizecomplexObjectArray;
    struct wsi__salesOrderInvoiceItemEntity *complexObjectArray;
};

struct wsi__salesOrderInvoiceCommentEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *comment;
    char *is_USCOREcustomer_USCOREnotified;
    char *comment_USCOREid;
};

struct wsi__salesOrderInvoiceCommentEntityArray {   /* array of salesOrderInvoiceCommentEntity */
    int __sizecomplexObjectArray;
    struct wsi__salesOrderInvoiceCommentEntity *complexObjectArray;
};

struct wsi__salesOrderInvoiceEntity {
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
    struct wsi__salesOrderInvoiceItemEntityArray *items;
    struct wsi__salesOrderInvoiceCommentEntityArray *comments;
};

struct wsi__salesOrderInvoiceEntityArray {   /* array of salesOrderInvoiceEntity */
    int __sizecomplexObjectArray;
    struct wsi__salesOrderInvoiceEntity *complexObjectArray;
};

/* ---- sales_order types (scripts/order_types.py idl-wsi) ---- */

struct wsi__salesOrderAddressEntity {
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

struct wsi__salesOrderItemEntity {
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

struct wsi__salesOrderItemEntityArray {   /* array of salesOrderItemEntity */
    int __sizecomplexObjectArray;
    struct wsi__salesOrderItemEntity *complexObjectArray;
};

struct wsi__salesOrderPaymentEntity {
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

struct wsi__salesOrderStatusHistoryEntity {
    char *increment_USCOREid;
    char *parent_USCOREid;
    char *created_USCOREat;
    char *updated_USCOREat;
    char *is_USCOREactive;
    char *is_USCOREcustomer_USCOREnotified;
    char *status;
    char *comment;
};

struct wsi__salesOrderStatusHistoryEntityArray {   /* array of salesOrderStatusHistoryEntity */
    int __sizecomplexObjectArray;
    struct wsi__salesOrderStatusHistoryEntity *complexObjectArray;
};

struct wsi__salesOrderEntity {
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
    struct wsi__salesOrderAddressEntity *shipping_USCOREaddress;
    struct wsi__salesOrderAddressEntity *billing_USCOREaddress;
    struct wsi__salesOrderItemEntityArray *items;
    struct wsi__salesOrderPaymentEntity *payment;
    struct wsi__salesOrderStatusHistoryEntityArray *status_USCOREhistory;
};

struct wsi__salesOrderListEntity {
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

struct wsi__salesOrderListEntityArray {   /* array of salesOrderListEntity */
    int __sizecomplexObjectArray;
    struct wsi__salesOrderListEntity *complexObjectArray;
};


/* ---- wrapper elements (see wsi.wsdl.in <xsd:element>); request children are
        pointers (NULL = absent), response "result" is embedded where possible ---- */

/* call / multiCall: the xsd:anyType children are taken as literal XML
 * (_XML) so gSOAP accepts any content; wsi_ops.c decodes the values from
 * the request body with the V1 value decoder (v1_decode_wsi), which sees
 * the namespace declarations an _XML fragment would lose. */
struct _wsi__callParam {
    char *sessionId 1;
    char *apiPath 1;
    _XML args 1;
};
struct _wsi__callResponseParam {
    _XML result 1;
};

struct _wsi__multiCallParam {
    char *sessionId 1;
    _XML calls 1;
    _XML options 1;
};
struct _wsi__multiCallResponseParam {
    _XML result 1;
};

struct _wsi__endSessionParam {
    char *sessionId 1;
};
struct _wsi__endSessionResponseParam {
    enum xsd__boolean result;
};

struct _wsi__loginParam {
    char *username 1;
    char *apiKey 1;
};
struct _wsi__loginResponseParam {
    char *result 1;
};

struct _wsi__startSessionResponseParam {
    char *result 1;
};

struct _wsi__resourcesRequestParam {
    char *sessionId 1;
};
struct _wsi__resourcesResponseParam {
    struct wsi__ArrayOfApis result;
};

struct _wsi__globalFaultsParam {
    char *sessionId 1;
};
struct _wsi__globalFaultsResponseParam {
    struct wsi__ArrayOfExistsFaltures result;
};

struct _wsi__resourceFaultsParam {
    char *sessionId 1;
    char *resourceName 1;
};
struct _wsi__resourceFaultsResponseParam {
    struct wsi__ArrayOfExistsFaltures result;
};

struct _wsi__salesOrderInvoiceListRequestParam {
    char *sessionId 1;
    struct wsi__filters *filters;
};
struct _wsi__salesOrderInvoiceListResponseParam {
    struct wsi__salesOrderInvoiceEntityArray result;
};

struct _wsi__salesOrderInvoiceInfoRequestParam {
    char *sessionId 1;
    char *invoiceIncrementId 1;
};
struct _wsi__salesOrderInvoiceInfoResponseParam {
    struct wsi__salesOrderInvoiceEntity result;
};

struct _wsi__salesOrderInvoiceCreateRequestParam {
    char *sessionId 1;
    char *invoiceIncrementId 1;
    struct wsi__orderItemIdQtyArray *itemsQty 1;
    char *comment;
    char *email;
    char *includeComment;
};
struct _wsi__salesOrderInvoiceCreateResponseParam {
    char *result 1;
};

struct _wsi__salesOrderInvoiceAddCommentRequestParam {
    char *sessionId 1;
    char *invoiceIncrementId 1;
    char *comment 1;
    char *email;
    char *includeComment;
};
struct _wsi__salesOrderInvoiceAddCommentResponseParam {
    char *result 1;
};

struct _wsi__salesOrderInvoiceCaptureRequestParam {
    char *sessionId 1;
    char *invoiceIncrementId 1;
};
struct _wsi__salesOrderInvoiceCaptureResponseParam {
    char *result 1;
};

struct _wsi__salesOrderInvoiceVoidRequestParam {
    char *sessionId 1;
    char *invoiceIncrementId 1;
};
struct _wsi__salesOrderInvoiceVoidResponseParam {
    char *result 1;
};

struct _wsi__salesOrderInvoiceCancelRequestParam {
    char *sessionId 1;
    char *invoiceIncrementId 1;
};
struct _wsi__salesOrderInvoiceCancelResponseParam {
    char *result 1;
};

struct _wsi__salesOrderListRequestParam {
    char *sessionId 1;
    struct wsi__filters *filters;
};
struct _wsi__salesOrderListResponseParam {
    struct wsi__salesOrderListEntityArray result;
};

struct _wsi__salesOrderInfoRequestParam {
    char *sessionId 1;
    char *orderIncrementId 1;
};
struct _wsi__salesOrderInfoResponseParam {
    struct wsi__salesOrderEntity result;
};

struct _wsi__salesOrderAddCommentRequestParam {
    char *sessionId 1;
    char *orderIncrementId 1;
    char *status 1;
    char *comment;
    int *notify;
};
struct _wsi__salesOrderAddCommentResponseParam {
    int result;
};

struct _wsi__salesOrderHoldRequestParam {
    char *sessionId 1;
    char *orderIncrementId 1;
};
struct _wsi__salesOrderHoldResponseParam {
    int result;
};

struct _wsi__salesOrderUnholdRequestParam {
    char *sessionId 1;
    char *orderIncrementId 1;
};
struct _wsi__salesOrderUnholdResponseParam {
    int result;
};

struct _wsi__salesOrderCancelRequestParam {
    char *sessionId 1;
    char *orderIncrementId 1;
};
struct _wsi__salesOrderCancelResponseParam {
    int result;
};

/* ---- operations (document/literal, "bare": the parameters are the wrapper
        elements themselves); int __wsi__<op>(struct soap*, in, out) ---- */

//gsoap wsi service method-documentation: call Call api functionality
int __wsi__call(struct _wsi__callParam *wsi__callParam, struct _wsi__callResponseParam *wsi__callResponseParam);

//gsoap wsi service method-documentation: multiCall Multiple calls of resource functionality
int __wsi__multiCall(struct _wsi__multiCallParam *wsi__multiCallParam, struct _wsi__multiCallResponseParam *wsi__multiCallResponseParam);

//gsoap wsi service method-documentation: endSession End web service session
int __wsi__endSession(struct _wsi__endSessionParam *wsi__endSessionParam, struct _wsi__endSessionResponseParam *wsi__endSessionResponseParam);

//gsoap wsi service method-documentation: login Login user and retrieve session id
int __wsi__login(struct _wsi__loginParam *wsi__loginParam, struct _wsi__loginResponseParam *wsi__loginResponseParam);

//gsoap wsi service method-documentation: startSession Start web service session
int __wsi__startSession(struct _wsi__startSessionResponseParam *wsi__startSessionResponseParam);

//gsoap wsi service method-documentation: resources List of available resources
int __wsi__resources(struct _wsi__resourcesRequestParam *wsi__resourcesRequestParam, struct _wsi__resourcesResponseParam *wsi__resourcesResponseParam);

//gsoap wsi service method-documentation: globalFaults List of global faults
int __wsi__globalFaults(struct _wsi__globalFaultsParam *wsi__globalFaultsParam, struct _wsi__globalFaultsResponseParam *wsi__globalFaultsResponseParam);

//gsoap wsi service method-documentation: resourceFaults List of resource faults
int __wsi__resourceFaults(struct _wsi__resourceFaultsParam *wsi__resourceFaultsParam, struct _wsi__resourceFaultsResponseParam *wsi__resourceFaultsResponseParam);

//gsoap wsi service method-documentation: salesOrderInvoiceList Retrieve list of invoices by filters
int __wsi__salesOrderInvoiceList(struct _wsi__salesOrderInvoiceListRequestParam *wsi__salesOrderInvoiceListRequestParam, struct _wsi__salesOrderInvoiceListResponseParam *wsi__salesOrderInvoiceListResponseParam);

//gsoap wsi service method-documentation: salesOrderInvoiceInfo Retrieve invoice information
int __wsi__salesOrderInvoiceInfo(struct _wsi__salesOrderInvoiceInfoRequestParam *wsi__salesOrderInvoiceInfoRequestParam, struct _wsi__salesOrderInvoiceInfoResponseParam *wsi__salesOrderInvoiceInfoResponseParam);

//gsoap wsi service method-documentation: salesOrderInvoiceCreate Create new invoice for order
int __wsi__salesOrderInvoiceCreate(struct _wsi__salesOrderInvoiceCreateRequestParam *wsi__salesOrderInvoiceCreateRequestParam, struct _wsi__salesOrderInvoiceCreateResponseParam *wsi__salesOrderInvoiceCreateResponseParam);

//gsoap wsi service method-documentation: salesOrderInvoiceAddComment Add new comment to shipment
int __wsi__salesOrderInvoiceAddComment(struct _wsi__salesOrderInvoiceAddCommentRequestParam *wsi__salesOrderInvoiceAddCommentRequestParam, struct _wsi__salesOrderInvoiceAddCommentResponseParam *wsi__salesOrderInvoiceAddCommentResponseParam);

//gsoap wsi service method-documentation: salesOrderInvoiceCapture Capture invoice
int __wsi__salesOrderInvoiceCapture(struct _wsi__salesOrderInvoiceCaptureRequestParam *wsi__salesOrderInvoiceCaptureRequestParam, struct _wsi__salesOrderInvoiceCaptureResponseParam *wsi__salesOrderInvoiceCaptureResponseParam);

//gsoap wsi service method-documentation: salesOrderInvoiceVoid Void invoice
int __wsi__salesOrderInvoiceVoid(struct _wsi__salesOrderInvoiceVoidRequestParam *wsi__salesOrderInvoiceVoidRequestParam, struct _wsi__salesOrderInvoiceVoidResponseParam *wsi__salesOrderInvoiceVoidResponseParam);

//gsoap wsi service method-documentation: salesOrderInvoiceCancel Cancel invoice
int __wsi__salesOrderInvoiceCancel(struct _wsi__salesOrderInvoiceCancelRequestParam *wsi__salesOrderInvoiceCancelRequestParam, struct _wsi__salesOrderInvoiceCancelResponseParam *wsi__salesOrderInvoiceCancelResponseParam);

//gsoap wsi service method-documentation: salesOrderList Retrieve list of orders by filters
int __wsi__salesOrderList(struct _wsi__salesOrderListRequestParam *wsi__salesOrderListRequestParam, struct _wsi__salesOrderListResponseParam *wsi__salesOrderListResponseParam);

//gsoap wsi service method-documentation: salesOrderInfo Retrieve order information
int __wsi__salesOrderInfo(struct _wsi__salesOrderInfoRequestParam *wsi__salesOrderInfoRequestParam, struct _wsi__salesOrderInfoResponseParam *wsi__salesOrderInfoResponseParam);

//gsoap wsi service method-documentation: salesOrderAddComment Add comment to order
int __wsi__salesOrderAddComment(struct _wsi__salesOrderAddCommentRequestParam *wsi__salesOrderAddCommentRequestParam, struct _wsi__salesOrderAddCommentResponseParam *wsi__salesOrderAddCommentResponseParam);

//gsoap wsi service method-documentation: salesOrderHold Hold order
int __wsi__salesOrderHold(struct _wsi__salesOrderHoldRequestParam *wsi__salesOrderHoldRequestParam, struct _wsi__salesOrderHoldResponseParam *wsi__salesOrderHoldResponseParam);

//gsoap wsi service method-documentation: salesOrderUnhold Unhold order
int __wsi__salesOrderUnhold(struct _wsi__salesOrderUnholdRequestParam *wsi__salesOrderUnholdRequestParam, struct _wsi__salesOrderUnholdResponseParam *wsi__salesOrderUnholdResponseParam);

//gsoap wsi service method-documentation: salesOrderCancel Cancel order
int __wsi__salesOrderCancel(struct _wsi__salesOrderCancelRequestParam *wsi__salesOrderCancelRequestParam, struct _wsi__salesOrderCancelResponseParam *wsi__salesOrderCancelResponseParam);
