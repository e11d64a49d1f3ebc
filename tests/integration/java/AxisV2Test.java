// SPDX-License-Identifier: GPL-2.0-or-later
// Apache Axis 1.4 stubs (WSDL2Java from the daemon's V2 WSDL) driving the
// invoice API.  Axis sends multi-reference encoding (href="#id0" to top-level
// <multiRef> elements) for every struct and even for the int/double inside
// orderItemIdQty; a server that ignores href invoices the whole order.
//
// usage: java AxisV2Test USER KEY   (orders of 23-axis-v2.sh, no invoices yet)
// Prints PASS:/FAIL: lines; a FAIL quotes the last request and response.

import Magento.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.axis.AxisFault;
import org.apache.axis.MessageContext;
import org.apache.axis.client.Call;
import org.apache.axis.client.Stub;

public class AxisV2Test {
    static int fails = 0;
    static Mage_Api_Model_Server_V2_HandlerPortType port;

    interface Op<T> {
        T run() throws Exception;
    }

    static String lastRequest() {
        try {
            Call c = ((Stub) port)._getCall();
            MessageContext mc = c == null ? null : c.getMessageContext();
            if (mc == null) return "(none)";
            return mc.getRequestMessage() == null ? "(none)" : mc.getRequestMessage().getSOAPPartAsString();
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    static String lastResponse() {
        try {
            Call c = ((Stub) port)._getCall();
            MessageContext mc = c == null ? null : c.getMessageContext();
            if (mc == null || mc.getResponseMessage() == null) return "(none)";
            return mc.getResponseMessage().getSOAPPartAsString();
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    static boolean ok(String what, boolean cond, String detail) {
        if (cond) {
            System.out.println("PASS: " + what);
        } else {
            fails++;
            System.out.println("FAIL: " + what + (detail.isEmpty() ? "" : "\n    " + detail));
            System.out.println("    request:  " + lastRequest());
            System.out.println("    response: " + lastResponse());
        }
        return cond;
    }

    static boolean eq(String what, Object got, Object want) {
        boolean same = got == null ? want == null : got.equals(want);
        return ok(what, same, "got " + got + ", want " + want);
    }

    static <T> T call(String what, Op<T> op) {
        try {
            return op.run();
        } catch (AxisFault f) {
            ok(what, false, "unexpected AxisFault code=" + f.getFaultCode() + " string=" + f.getFaultString());
        } catch (Exception e) {
            ok(what, false, e.toString());
        }
        return null;
    }

    static void fault(String what, String code, String msg, Op<?> op) {
        try {
            Object r = op.run();
            ok(what, false, "no fault, result " + r + "; want fault " + code + " " + msg);
        } catch (AxisFault f) {
            String local = f.getFaultCode() == null ? null : f.getFaultCode().getLocalPart();
            ok(what + " (AxisFault " + code + " " + msg + ")", code.equals(local) && msg.equals(f.getFaultString()),
               "got faultCode " + f.getFaultCode() + " (local part " + local + ") string " + f.getFaultString());
        } catch (Exception e) {
            ok(what, false, e.toString());
        }
    }

    static List<String> incIds(SalesOrderInvoiceEntity[] l) {
        List<String> r = new ArrayList<>();
        if (l != null) for (SalesOrderInvoiceEntity e : l) r.add(e.getIncrement_id());
        return r;
    }

    public static void main(String[] a) throws Exception {
        String user = a[0], key = a[1];
        MagentoServiceLocator loc = new MagentoServiceLocator();
        System.out.println("service address from the WSDL: " + loc.getMage_Api_Model_Server_V2_HandlerPortAddress());
        port = loc.getMage_Api_Model_Server_V2_HandlerPort();

        fault("login with a wrong key", "2", "Access denied.", () -> port.login(user, "wrong"));
        String sid = call("login", () -> port.login(user, key));
        ok("login returns a 32-hex session id", sid != null && sid.matches("[0-9a-f]{32}"), "got " + sid);

        // partial invoice of 2 units out of 4: itemsQty goes out as multiRef/href
        String inv1 = call("create partial", () -> port.salesOrderInvoiceCreate(sid, "100000201",
                new OrderItemIdQty[] {new OrderItemIdQty(2011, 2.0)}, "axis partial", "1", "0"));
        String req = lastRequest();
        ok("Axis really sent multi-ref encoding (href + multiRef)", req.contains("href=\"#id") && req.contains("<multiRef"),
           "request: " + req);
        eq("create partial returns 100000001", inv1, "100000001");
        SalesOrderInvoiceEntity i1 = call("info of the partial invoice", () -> port.salesOrderInvoiceInfo(sid, "100000001"));
        // sales_order.info through the stub generated from the new WSDL
        SalesOrderEntity o1 = call("salesOrderInfo", () -> port.salesOrderInfo(sid, "100000201"));
        if (o1 != null) {
            eq("order increment_id", o1.getIncrement_id(), "100000201");
            String q = "";
            for (SalesOrderItemEntity it : o1.getItems() == null ? new SalesOrderItemEntity[0] : o1.getItems())
                if ("2011".equals(it.getItem_id()))
                    q = it.getQty_invoiced();
            eq("order item 2011 shows qty_invoiced 2 after the partial invoice", q, "2.0000");
            ok("order info has the billing address and the payment",
               o1.getBilling_address() != null && o1.getBilling_address().getLastname() != null
               && o1.getPayment() != null && o1.getPayment().getMethod() != null,
               "billing " + o1.getBilling_address() + " payment " + o1.getPayment());
        }
        fault("salesOrderInfo of an unknown order", "100", "Requested order not exists.",
              () -> port.salesOrderInfo(sid, "999999999"));
        if (i1 != null) {
            SalesOrderInvoiceItemEntity[] its = i1.getItems();
            ok("partial invoice has one item", its != null && its.length == 1, "items " + Arrays.toString(its));
            if (its != null && its.length == 1) {
                eq("partial invoice item qty is 2 (href followed), not the whole 4", its[0].getQty(), "2.0000");
                eq("item order_item_id", its[0].getOrder_item_id(), "2011");
                eq("item row_total", its[0].getRow_total(), "20.0000");
            }
            eq("partial invoice grand_total = 2 x 10.00 + 20.00 shipping", i1.getGrand_total(), "40.0000");
            eq("partial invoice state OPEN (gateway)", i1.getState(), "1");
            eq("partial invoice order", i1.getOrder_increment_id(), "100000201");
            SalesOrderInvoiceCommentEntity[] cs = i1.getComments();
            ok("partial invoice has its comment", cs != null && cs.length == 1 && "axis partial".equals(cs[0].getComment())
               && "1".equals(cs[0].getIs_customer_notified()),
               "comments " + (cs == null ? "null" : cs.length + (cs.length > 0 ? " " + cs[0].getComment() + "/" + cs[0].getIs_customer_notified() : "")));
        }
        fault("create 3 more of the 2 left", "1", "Invalid qty to invoice item \"Widget 1\"",
              () -> port.salesOrderInvoiceCreate(sid, "100000201", new OrderItemIdQty[] {new OrderItemIdQty(2011, 3.0)},
                                                 null, null, null));

        // full invoices: itemsQty nil, and an empty array
        eq("create with itemsQty nil -> full invoice",
           call("create nil", () -> port.salesOrderInvoiceCreate(sid, "100000202", null, null, null, null)), "100000002");
        eq("create with an empty itemsQty array -> full invoice",
           call("create empty", () -> port.salesOrderInvoiceCreate(sid, "100000203", new OrderItemIdQty[0], null, null, null)),
           "100000003");
        fault("order 100000202 is fully invoiced", "102", "Cannot do invoice for order.",
              () -> port.salesOrderInvoiceCreate(sid, "100000202", null, null, null, null));
        fault("order 100000203 is fully invoiced", "102", "Cannot do invoice for order.",
              () -> port.salesOrderInvoiceCreate(sid, "100000203", new OrderItemIdQty[0], null, null, null));

        SalesOrderInvoiceEntity i2 = call("info of the full checkmo invoice", () -> port.salesOrderInvoiceInfo(sid, "100000002"));
        if (i2 != null) {
            ok("an empty comments list arrives as a length-0 array, not null",
               i2.getComments() != null && i2.getComments().length == 0,
               "comments " + (i2.getComments() == null ? "null" : "length " + i2.getComments().length));
            eq("full checkmo invoice: 3 x 10.00 + 15.00 shipping, PAID",
               i2.getGrand_total() + " " + i2.getSubtotal() + " " + i2.getShipping_amount() + " " + i2.getState(),
               "45.0000 30.0000 15.0000 2");
            eq("full checkmo invoice: its item qty 3",
               i2.getItems() != null && i2.getItems().length == 1 ? i2.getItems()[0].getQty() : "items?", "3.0000");
            eq("invoice fields", Arrays.asList(i2.getIncrement_id(), i2.getStore_id(), i2.getOrder_id(),
                    i2.getOrder_increment_id(), i2.getInvoice_id(), i2.getOrder_currency_code(), i2.getBilling_firstname(),
                    i2.getBilling_lastname(), i2.getOrder_created_at()),
               Arrays.asList("100000002", "1", "202", "100000202", "2", "USD", "Jane", "Doe", "2026-11-20 09:00:00"));
        }

        // list with filters (structs and arrays inside filters go out as multiRefs)
        eq("list all", incIds(call("list all", () -> port.salesOrderInvoiceList(sid, null))),
           Arrays.asList("100000001", "100000002", "100000003"));
        eq("list filter order_id=202 (complex_filter null)",
           incIds(call("list filter", () -> port.salesOrderInvoiceList(sid,
                   new Filters(new AssociativeEntity[] {new AssociativeEntity("order_id", "202")}, null)))),
           Arrays.asList("100000002"));
        eq("list complex_filter state eq 1 (filter null)",
           incIds(call("list complex", () -> port.salesOrderInvoiceList(sid,
                   new Filters(null, new ComplexFilter[] {new ComplexFilter("state", new AssociativeEntity("eq", "1"))})))),
           Arrays.asList("100000001", "100000003"));
        eq("list filter + complex_filter (invoice_id in 1,2 and state 2)",
           incIds(call("list both", () -> port.salesOrderInvoiceList(sid,
                   new Filters(new AssociativeEntity[] {new AssociativeEntity("state", "2")},
                               new ComplexFilter[] {new ComplexFilter("invoice_id", new AssociativeEntity("in", "1,2"))})))),
           Arrays.asList("100000002"));
        SalesOrderInvoiceEntity[] none = call("list none", () -> port.salesOrderInvoiceList(sid,
                new Filters(new AssociativeEntity[] {new AssociativeEntity("order_id", "999")}, null)));
        ok("an empty list arrives as a length-0 array, not null", none != null && none.length == 0,
           none == null ? "null" : "length " + none.length);

        // capture, addComment, faults
        eq("capture the OPEN partial invoice", call("capture", () -> port.salesOrderInvoiceCapture(sid, "100000001")), true);
        SalesOrderInvoiceEntity i1b = call("info after capture", () -> port.salesOrderInvoiceInfo(sid, "100000001"));
        eq("state after capture", i1b == null ? null : i1b.getState(), "2");
        fault("capture again", "104", "Invoice cannot be captured.", () -> port.salesOrderInvoiceCapture(sid, "100000001"));
        eq("addComment", call("addComment", () -> port.salesOrderInvoiceAddComment(sid, "100000002", "from axis", "0", "0")), true);
        SalesOrderInvoiceEntity i2b = call("info after addComment", () -> port.salesOrderInvoiceInfo(sid, "100000002"));
        SalesOrderInvoiceCommentEntity[] cs2 = i2b == null ? null : i2b.getComments();
        ok("the comment is there", cs2 != null && cs2.length == 1 && "from axis".equals(cs2[0].getComment())
           && "0".equals(cs2[0].getIs_customer_notified()), cs2 == null ? "null" : "length " + cs2.length);
        fault("info of an unknown invoice", "100", "Requested invoice does not exist.",
              () -> port.salesOrderInvoiceInfo(sid, "999999999"));
        fault("cancel of a paid invoice", "104", "Invoice cannot be canceled.", () -> port.salesOrderInvoiceCancel(sid, "100000002"));
        fault("create on an unknown order", "103", "Requested order not exists.",
              () -> port.salesOrderInvoiceCreate(sid, "999999999", null, null, null, null));

        eq("endSession", call("endSession", () -> port.endSession(sid)), true);
        fault("the ended session", "5", "Session expired. Try to relogin.", () -> port.salesOrderInvoiceInfo(sid, "100000001"));
        System.exit(fails == 0 ? 0 : 1);
    }
}
