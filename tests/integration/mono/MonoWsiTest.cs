// SPDX-License-Identifier: GPL-2.0-or-later
// A .NET-style client: the proxy class that Mono's `wsdl` generates from the
// daemon's WS-I WSDL (MagentoService.cs), compiled with mcs.  Such proxies
// send `Expect: 100-continue`, reset the namespace on every child
// (xmlns=""), leave a null itemsQty out although the WSDL says minOccurs=1,
// and read <faultcode>100</faultcode> as SoapException.Code.Name "100".
//
// usage: mono MonoWsiTest.exe ENDPOINT_URL USER KEY
// (orders of 24-mono-wsi.sh, no invoices yet).  Prints PASS:/FAIL: lines.
using System;
using System.Collections.Generic;
using System.Web.Services.Protocols;

public class MonoWsiTest
{
    static int fails = 0;

    static bool Ok(string what, bool cond, string detail)
    {
        if (cond) {
            Console.WriteLine("PASS: " + what);
        } else {
            fails++;
            Console.WriteLine("FAIL: " + what + (detail.Length > 0 ? "\n    " + detail : ""));
        }
        return cond;
    }

    static bool Eq(string what, object got, object want)
    {
        bool same = got == null ? want == null : got.Equals(want);
        return Ok(what, same, "got " + (got ?? "null") + ", want " + (want ?? "null"));
    }

    static T Call<T>(string what, Func<T> f)
    {
        try {
            return f();
        } catch (SoapException e) {
            Ok(what, false, "unexpected SoapException code=" + e.Code + " message=" + e.Message);
        } catch (Exception e) {
            Ok(what, false, e.GetType().Name + ": " + e.Message);
        }
        return default(T);
    }

    static void Fault(string what, string code, string msg, Action f)
    {
        try {
            f();
            Ok(what, false, "no fault; want " + code + " " + msg);
        } catch (SoapException e) {
            Ok(what + " (SoapException " + code + " " + msg + ")",
               e.Code.Name == code && e.Code.Namespace == "" && e.Message == msg,
               "got Code.Name=" + e.Code.Name + " Code.Namespace=" + e.Code.Namespace + " Message=" + e.Message);
        } catch (Exception e) {
            Ok(what, false, e.GetType().Name + ": " + e.Message);
        }
    }

    static string Ids(salesOrderInvoiceEntity[] l)
    {
        if (l == null) return "null";
        var r = new List<string>();
        foreach (var e in l) r.Add(e.increment_id);
        return string.Join(",", r.ToArray());
    }

    public static int Main(string[] a)
    {
        var svc = new MagentoService();
        svc.Url = a[0];
        svc.Timeout = 20000;

        Fault("login with a wrong key", "2", "Access denied.", () => svc.login(a[1], "wrong"));
        string sid = Call("login", () => svc.login(a[1], a[2]));
        Ok("login returns a 32-hex session id", sid != null && System.Text.RegularExpressions.Regex.IsMatch(sid, "^[0-9a-f]{32}$"),
           "got " + sid);

        // itemsQty null: the proxy leaves the element out; the store invoices everything
        string inv = Call("create with itemsQty null", () => svc.salesOrderInvoiceCreate(sid, "100000301", null, null, null, null));
        Eq("create with itemsQty null -> 100000001", inv, "100000001");
        var e1 = Call("info", () => svc.salesOrderInvoiceInfo(sid, "100000001"));
        if (e1 != null) {
            var q = new List<string>();
            if (e1.items != null) foreach (var it in e1.items) q.Add(it.order_item_id + "x" + it.qty);
            Eq("the whole order was invoiced (both items, full qty)", string.Join(",", q.ToArray()), "3011x2.0000,3012x3.0000");
            Eq("totals: 5 x 10.00 + 25.00 shipping, PAID (checkmo)",
               e1.subtotal + " " + e1.shipping_amount + " " + e1.grand_total + " " + e1.state, "50.0000 25.0000 75.0000 2");
            Eq("info fields", e1.increment_id + " " + e1.order_increment_id + " " + e1.order_id + " " + e1.invoice_id
               + " " + e1.billing_firstname + " " + e1.order_currency_code, "100000001 100000301 301 1 Jane USD");
            Ok("no comments -> empty array or null", e1.comments == null || e1.comments.Length == 0,
               "comments length " + (e1.comments == null ? -1 : e1.comments.Length));
        }
        // sales_order.info through the proxy generated from the new WS-I WSDL
        var o1 = Call("salesOrderInfo", () => svc.salesOrderInfo(sid, "100000301"));
        if (o1 != null) {
            var oq = new List<string>();
            if (o1.items != null) foreach (var it in o1.items) oq.Add(it.item_id + "x" + it.qty_invoiced);
            Eq("order items show qty_invoiced", string.Join(",", oq.ToArray()), "3011x2.0000,3012x3.0000");
            Ok("order info has the billing address and the payment",
               o1.billing_address != null && o1.billing_address.lastname != null && o1.payment != null
               && o1.payment.method != null, "billing/payment missing");
        }
        Fault("salesOrderInfo of an unknown order", "100", "Requested order not exists.",
              () => svc.salesOrderInfo(sid, "999999999"));
        Fault("create again on the fully invoiced order", "102", "Cannot do invoice for order.",
              () => svc.salesOrderInvoiceCreate(sid, "100000301", null, null, null, null));

        // partial with itemsQty given (complexObjectArray children with xmlns="")
        var qty = new orderItemIdQty();
        qty.order_item_id = 3021;
        qty.qty = 1;
        string inv2 = Call("create partial", () => svc.salesOrderInvoiceCreate(sid, "100000302", new[] { qty }, "mono partial", "0", "0"));
        Eq("create partial -> 100000002", inv2, "100000002");
        var e2 = Call("info partial", () => svc.salesOrderInvoiceInfo(sid, "100000002"));
        if (e2 != null) {
            Eq("partial: 1 of 2 at 10.00 + the whole 10.00 shipping, OPEN (gateway)",
               (e2.items != null && e2.items.Length == 1 ? e2.items[0].qty : "items?") + " " + e2.grand_total + " " + e2.state,
               "1.0000 20.0000 1");
            Eq("partial: its comment", e2.comments != null && e2.comments.Length == 1
               ? e2.comments[0].comment + "/" + e2.comments[0].is_customer_notified : "comments?", "mono partial/0");
        }

        // list with filters
        var f = new filters();
        var cf = new complexFilter();
        cf.key = "state";
        cf.value = new associativeEntity();
        cf.value.key = "eq";
        cf.value.value = "1";
        f.complex_filter = new[] { cf };
        Eq("list complex_filter state eq 1", Ids(Call("list", () => svc.salesOrderInvoiceList(sid, f))), "100000002");
        var f2 = new filters();
        var ae = new associativeEntity();
        ae.key = "order_id";
        ae.value = "301";
        f2.filter = new[] { ae };
        Eq("list filter order_id=301", Ids(Call("list", () => svc.salesOrderInvoiceList(sid, f2))), "100000001");
        Eq("list all", Ids(Call("list all", () => svc.salesOrderInvoiceList(sid, null))), "100000001,100000002");

        // capture: a fault read by a .NET-style client, then a real capture
        Fault("capture of an unknown invoice", "100", "Requested invoice does not exist.",
              () => svc.salesOrderInvoiceCapture(sid, "999999999"));
        Fault("capture of a paid (checkmo) invoice", "104", "Invoice cannot be captured.",
              () => svc.salesOrderInvoiceCapture(sid, "100000001"));
        Eq("capture of the OPEN gateway invoice -> \"1\"", Call("capture", () => svc.salesOrderInvoiceCapture(sid, "100000002")), "1");
        var e3 = Call("info after capture", () => svc.salesOrderInvoiceInfo(sid, "100000002"));
        Eq("state after capture", e3 == null ? null : e3.state, "2");
        Eq("addComment -> \"1\"", Call("addComment", () => svc.salesOrderInvoiceAddComment(sid, "100000001", "from mono", null, null)), "1");

        Eq("endSession -> true", Call("endSession", () => svc.endSession(sid)), true);
        Fault("the ended session", "5", "Session expired. Try to relogin.", () => svc.salesOrderInvoiceInfo(sid, "100000001"));
        return fails == 0 ? 0 : 1;
    }
}
