# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import OrderedDict
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sale.controllers.portal import CustomerPortal


class B2bOrderPortal(CustomerPortal):
    """Orders a buyer can search, follow step by step with their shipments
    and documents, and a page with all the company's shipments. Record rules
    decide what each buyer sees."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_shipment_count" in counters:
            pickings = request.env["stock.picking"]
            values["b2b_shipment_count"] = (
                pickings.search_count(pickings._b2b_portal_domain(), limit=1) if pickings.has_access("read") else 0
            )
        return values

    # ------------------------------------------------------------ ORDERS LIST
    def _b2b_order_searchbar(self):
        today = fields.Date.context_today(request.env.user)
        return {
            "inputs": {
                "all": {"input": "all", "label": request.env._("Search in order and PO references")},
                "name": {"input": "name", "label": request.env._("Search in order references")},
                "client_order_ref": {
                    "input": "client_order_ref",
                    "label": request.env._("Search in your PO references"),
                },
            },
            "filters": {
                "all": {"label": request.env._("All"), "domain": []},
                "last_30": {
                    "label": request.env._("Last 30 days"),
                    "domain": [("date_order", ">=", today - timedelta(days=30))],
                },
                "last_365": {
                    "label": request.env._("Last 12 months"),
                    "domain": [("date_order", ">=", today - timedelta(days=365))],
                },
                "to_ship": {
                    "label": request.env._("Not shipped yet"),
                    "domain": [("delivery_status", "in", ("pending", "started"))],
                },
                "partial": {
                    "label": request.env._("Partially shipped"),
                    "domain": [("delivery_status", "=", "partial")],
                },
                "shipped": {"label": request.env._("Shipped"), "domain": [("delivery_status", "=", "full")]},
                "to_invoice": {
                    "label": request.env._("Not fully invoiced"),
                    "domain": [("invoice_status", "=", "to invoice")],
                },
            },
        }

    def _prepare_orders_domain(self, partner):
        # Odoo lists the orders a contact of the company follows; orders a rep
        # entered may have no such follower. List the company's orders too
        # (the record rules still narrow them to what each buyer may see).
        domain = expression.OR(
            [
                super()._prepare_orders_domain(partner),
                [("partner_id", "child_of", partner.commercial_partner_id.id), ("state", "=", "sale")],
            ]
        )
        searchbar = self._b2b_order_searchbar()
        params = request.params
        filterby = params.get("filterby")
        if filterby in searchbar["filters"]:
            domain = expression.AND([domain, searchbar["filters"][filterby]["domain"]])
        search, search_in = (params.get("search") or "").strip(), params.get("search_in") or "all"
        if search and search_in in searchbar["inputs"]:
            searched = ["name", "client_order_ref"] if search_in == "all" else [search_in]
            domain = expression.AND([domain, expression.OR([[(field, "ilike", search)] for field in searched])])
        return domain

    def _prepare_sale_portal_rendering_values(
        self, page=1, date_begin=None, date_end=None, sortby=None, quotation_page=False, **kwargs
    ):
        values = super()._prepare_sale_portal_rendering_values(
            page=page, date_begin=date_begin, date_end=date_end, sortby=sortby, quotation_page=quotation_page, **kwargs
        )
        if quotation_page:
            return values
        searchbar = self._b2b_order_searchbar()
        search, search_in = kwargs.get("search") or "", kwargs.get("search_in") or "all"
        filterby = kwargs.get("filterby") if kwargs.get("filterby") in searchbar["filters"] else "all"
        # Page links keep the search and the filter.
        orders = request.env["sale.order"]
        values["pager"] = portal_pager(
            url="/my/orders",
            total=orders.search_count(self._prepare_orders_domain(request.env.user.partner_id)),
            page=page,
            step=self._items_per_page,
            url_args={"search": search, "search_in": search_in, "filterby": filterby, "sortby": sortby},
        )
        values.update(
            {
                "searchbar_inputs": searchbar["inputs"],
                "search_in": search_in,
                "search": search,
                "searchbar_filters": OrderedDict(searchbar["filters"]),
                "filterby": filterby,
            }
        )
        return values

    # ------------------------------------------------------------ ORDER PAGE
    def _get_page_view_values(self, document, access_token, values, session_history, no_breadcrumbs, **kwargs):
        values = super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kwargs
        )
        if document._name == "sale.order" and document.state == "sale":
            values.update(self._b2b_order_follow_up(document))
        return values

    def _b2b_order_follow_up(self, order_sudo):
        # The order comes from _document_check_access as superuser (or via
        # its access token): its invoices, deliveries and requests are
        # searched again as the current user, so that only those the record
        # rules grant are listed; sudo afterwards only for rendering (carriers,
        # products, partners portal users cannot read one by one).
        env = request.env
        return {
            "b2b_timeline": order_sudo._b2b_timeline(),
            "b2b_invoices": _visible(
                env["account.move"],
                [("id", "in", order_sudo.invoice_ids.ids), ("state", "=", "posted")],
                "invoice_date desc, id desc",
            ),
            "b2b_deliveries": _visible(
                env["stock.picking"],
                [("id", "in", order_sudo.picking_ids.ids), *env["stock.picking"]._b2b_portal_domain()],
                "scheduled_date, id",
            ),
            "b2b_modification_requests": _visible(env["b2b.modification.request"], [("order_id", "=", order_sudo.id)]),
            "b2b_can_request_modification": not env.user._is_public()
            and env["sale.order"].browse(order_sudo.id).has_access("read"),
            # The company and its delivery addresses, for the buyer to choose from.
            "b2b_addresses": order_sudo.partner_id.commercial_partner_id._b2b_delivery_addresses(),
            "b2b_modification_error": request.session.pop("b2b_modification_error", None),
        }

    @http.route("/my/orders/<int:order_id>/modification", type="http", auth="user", website=True, methods=["POST"])
    def portal_order_modification(self, order_id, **post):
        order = request.env["sale.order"].browse(order_id)
        try:
            values = {
                "kind": post.get("kind"),
                "line_id": int(post.get("line_id") or 0) or False,
                "new_quantity": float((post.get("new_quantity") or "0").replace(",", ".")),
                "new_date": fields.Date.to_date(post.get("new_date") or None),
                "new_address_id": int(post.get("new_address_id") or 0) or False,
                "reason": post.get("reason"),
            }
            request.env["b2b.modification.request"]._b2b_submit(order, values)
        except (AccessError, MissingError):
            return request.redirect("/my")
        except ValueError:
            request.session["b2b_modification_error"] = request.env._("A quantity or a date is not valid.")
        except UserError as error:
            request.session["b2b_modification_error"] = str(error)
        return request.redirect(f"/my/orders/{order_id}#b2b_modifications")

    # ------------------------------------------------------------ SHIPMENTS
    @http.route(["/my/shipments", "/my/shipments/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_shipments(self, page=1, **kwargs):
        pickings = request.env["stock.picking"]
        domain = pickings._b2b_portal_domain()
        total = pickings.search_count(domain) if pickings.has_access("read") else 0
        pager = portal_pager(url="/my/shipments", total=total, page=page, step=self._items_per_page)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_shipments",
                # sudo after the search under the record rules: rendering reads
                # carriers and orders that portal users cannot read directly.
                "shipments": pickings.search(
                    domain, order="scheduled_date desc, id desc", limit=self._items_per_page, offset=pager["offset"]
                ).sudo()
                if total
                else pickings,
                "pager": pager,
                "default_url": "/my/shipments",
            }
        )
        return request.render("b2b_portal.portal_my_shipments", values)


def _visible(model, domain, order=None):
    """Records of ``domain`` the current user may read, ready to render."""
    if not model.has_access("read"):
        return model
    return model.search(domain, order=order).sudo()
