/** @odoo-module **/
/*
 * A buyer finds an order by its PO reference, sees where it stands, its
 * shipment with the carrier's tracking link, then the shipments page.
 * The test ships order PO-CLAIRE-77 with tracking number EXCLAIRE001.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("b2b_order_tracking", {
    steps: () => [
        {
            trigger: ".o_portal_search_panel input[name=search]",
            run: "edit PO-CLAIRE-77",
        },
        { trigger: ".o_portal_search_panel button[type=submit]", run: "click", expectUnloadPage: true },
        {
            content: "The order found by its PO reference shows its status",
            trigger: "tr:has(td:contains(PO-CLAIRE-77)) .o_b2b_order_status:contains(Invoiced)",
        },
        { trigger: "tr:has(td:contains(PO-CLAIRE-77)) a", run: "click", expectUnloadPage: true },
        { trigger: ".o_b2b_timeline li.o_b2b_step_done[data-step=shipped]" },
        {
            content: "The shipment links to the carrier's tracking page",
            trigger: ".o_b2b_shipment a.o_b2b_tracking_link[href*=EXCLAIRE001]:contains(EXCLAIRE001)",
        },
        { trigger: "#b2b_documents .o_b2b_invoice a[href*='report_type=pdf']" },
        { trigger: "a[href='/my/home']", run: "click", expectUnloadPage: true },
        { trigger: "a[href='/my/shipments']", run: "click", expectUnloadPage: true },
        { trigger: ".o_b2b_shipment:contains(EXCLAIRE001) a.o_b2b_tracking_link" },
    ],
});
