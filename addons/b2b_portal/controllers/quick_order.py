# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from .shop import RESTRICTED_URL

EMPTY_ROWS = 5


class B2bQuickOrderController(http.Controller):
    """Quick order page: rows are checked and priced by b2b.quick.order; this
    only gathers them from the form, the pasted list and the file."""

    @http.route("/shop/quick_order", type="http", auth="user", website=True, methods=["GET"], sitemap=False)
    def quick_order(self, reorder=None, **kwargs):
        if not request.website._b2b_user_can_buy():
            return request.redirect(RESTRICTED_URL)
        if reorder:
            order = request.env["sale.order"].browse(int(reorder) if reorder.isdigit() else 0)
            try:
                # The record rules decide whether this buyer may see the order.
                order.check_access("read")
                rows = order._b2b_reorder_rows()
            except (AccessError, MissingError):
                return request.redirect("/shop/quick_order")
            return self._render(rows, checked=True)
        return self._render([])

    @http.route("/shop/quick_order", type="http", auth="user", website=True, methods=["POST"], sitemap=False)
    def quick_order_check(self, paste="", upload=None, **kwargs):
        if not request.website._b2b_user_can_buy():
            return request.redirect(RESTRICTED_URL)
        quick_order = request.env["b2b.quick.order"]
        rows, error = self._form_rows(), None
        try:
            rows += quick_order._parse_text(paste)
            if upload and upload.filename:
                rows += quick_order._parse_file(upload.filename, upload.read())
        except UserError as exc:
            error = str(exc)
        rows = [dict(row, row=number) for number, row in enumerate(rows, start=1)]
        if kwargs.get("add_to_cart") and not error:
            return self._add_to_cart(rows, self._b2b_next_url(kwargs))
        return self._render(rows, checked=True, error=error, paste=paste if error else "")

    @http.route("/shop/quick_order/lookup", type="json", auth="user", website=True)
    def quick_order_lookup(self, term=""):
        if not request.website._b2b_user_can_buy():
            return []
        return request.env["b2b.quick.order"]._lookup(term, request.website)

    def _form_rows(self):
        form = request.httprequest.form
        return [
            {"sku": sku.strip(), "quantity": quantity.strip()}
            for sku, quantity in zip(form.getlist("sku"), form.getlist("quantity"), strict=False)
            if sku.strip() or quantity.strip()
        ]

    def _b2b_next_url(self, form):
        """Where the buyer goes once every row is in the cart."""
        return "/shop/cart"

    def _add_to_cart(self, rows, next_url="/shop/cart"):
        order = request.website.sale_get_order(force_create=True)
        lines = request.env["b2b.quick.order"]._add_to_cart(rows, order)
        request.session["website_sale_cart_quantity"] = order.cart_quantity
        remaining = [line for line in lines if not line.get("added")]
        if not remaining:
            return request.redirect(next_url)
        added = len(lines) - len(remaining)
        message = request.env._("%(count)s lines were added to your cart.", count=added) if added else None
        rows = [
            {"row": number, "sku": line["sku"], "quantity": str(line["quantity"])}
            for number, line in enumerate(remaining, start=1)
        ]
        return self._render(rows, checked=True, message=message)

    def _render(self, rows, checked=False, error=None, message=None, paste=""):
        order = request.website.sale_get_order() or request.website._b2b_preview_order()
        lines = request.env["b2b.quick.order"]._preview(rows, order) if checked else []
        valid = [line for line in lines if not line["errors"]]
        values = {
            "lines": lines,
            "empty_rows": range(EMPTY_ROWS if lines else EMPTY_ROWS * 2),
            "valid_count": len(valid),
            "error_count": len(lines) - len(valid),
            "total": sum(line["subtotal"] for line in valid),
            "currency": order.currency_id,
            "error": error,
            "message": message,
            "paste": paste,
        }
        return request.render("b2b_portal.quick_order_page", values)
