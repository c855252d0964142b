# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Gated catalog: only approved B2B buyers see prices and use the cart.

The models refuse every price and cart change (product.template,
sale.order); these overrides turn that into a clear page on HTTP routes and
stop price filters and sorts from revealing prices indirectly.
"""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.website_sale.controllers.main import WebsiteSale
from odoo.addons.website_sale.controllers.variant import WebsiteSaleVariantController

RESTRICTED_URL = "/b2b/restricted"


def _user_can_buy():
    return request.website._b2b_user_can_buy()


class B2bWebsiteSale(WebsiteSale):
    @http.route(RESTRICTED_URL, type="http", auth="public", website=True, sitemap=False)
    def b2b_buying_restricted(self, **kwargs):
        return request.render("b2b_portal.buying_restricted", {}, status=403)

    def _get_search_order(self, post):
        if not _user_can_buy() and "price" in (post.get("order") or request.website.shop_default_sort or ""):
            post = dict(post, order="website_sequence asc")
        return super()._get_search_order(post)

    @http.route()
    def shop(self, page=0, category=None, search="", min_price=0.0, max_price=0.0, ppg=False, **post):
        if not _user_can_buy():
            # A price filter would reveal prices through the products it keeps.
            min_price = max_price = 0.0
        return super().shop(
            page=page, category=category, search=search, min_price=min_price, max_price=max_price, ppg=ppg, **post
        )

    @http.route()
    def product(self, product, category="", search="", **kwargs):
        # Only the product page shows quantity breaks: lists and snippets
        # would otherwise price every break of every product they show.
        request.update_context(b2b_price_breaks=True)
        product = product.with_context(b2b_price_breaks=True)  # bound before the context changed
        return super().product(product, category=category, search=search, **kwargs)

    @http.route()
    def cart(self, access_token=None, revive="", **post):
        if not _user_can_buy():
            return request.redirect(RESTRICTED_URL)
        return super().cart(access_token=access_token, revive=revive, **post)

    @http.route()
    def cart_update(self, product_id, add_qty=1, set_qty=0, **kwargs):
        if not _user_can_buy():
            return request.redirect(RESTRICTED_URL)
        return super().cart_update(product_id, add_qty=add_qty, set_qty=set_qty, **kwargs)

    @http.route()
    def pricelist_change(self, pricelist, **post):
        if not _user_can_buy():
            return request.redirect(RESTRICTED_URL)
        if request.website._b2b_assigned_pricelist():
            # A buyer's prices are their company's: nothing to switch.
            return request.redirect(request.httprequest.referrer or "/shop")
        return super().pricelist_change(pricelist, **post)

    @http.route()
    def pricelist(self, promo, **post):
        if not _user_can_buy():
            return request.redirect(RESTRICTED_URL)
        if promo and request.website._b2b_assigned_pricelist():
            return request.redirect(f"{post.get('r', '/shop/cart')}?code_not_available=1")
        return super().pricelist(promo, **post)

    @http.route("/shop/b2b/po_reference", type="http", auth="public", website=True, methods=["POST"], sitemap=False)
    def b2b_po_reference(self, client_order_ref="", **kwargs):
        if not _user_can_buy():
            return request.redirect(RESTRICTED_URL)
        order_sudo = request.website.sale_get_order()
        if order_sudo:
            try:
                order_sudo._b2b_set_po_reference(client_order_ref)
            except UserError as error:
                request.session["b2b_po_error"] = str(error)
        return request.redirect("/shop/cart")

    @http.route("/shop/b2b/credit_review", type="http", auth="user", website=True, methods=["POST"], sitemap=False)
    def b2b_credit_review(self, **kwargs):
        if not _user_can_buy():
            return request.redirect(RESTRICTED_URL)
        order_sudo = request.website.sale_get_order()
        if not order_sudo:
            return request.redirect("/shop/cart")
        try:
            order_sudo._b2b_submit_for_credit_review()
        except UserError:
            return request.redirect("/shop/cart")  # within the limit again: checkout as usual
        request.website.sale_reset()
        return request.render("b2b_portal.credit_review_submitted", {"order": order_sudo})

    def _check_cart(self, order_sudo):
        # Every checkout step (address, delivery, confirmation, payment) asks this.
        if not _user_can_buy():
            return request.redirect(RESTRICTED_URL)
        return super()._check_cart(order_sudo)


class B2bWebsiteSaleVariant(WebsiteSaleVariantController):
    @http.route()
    def get_combination_info_website(self, *args, **kwargs):
        # The product page asks again when another variant is chosen.
        request.update_context(b2b_price_breaks=True)
        return super().get_combination_info_website(*args, **kwargs)
