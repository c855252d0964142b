# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    def rate_shipment(self, order):
        result = super().rate_shipment(order)
        threshold = order._b2b_agreement().free_shipping_threshold
        if result.get("success") and threshold and order._b2b_goods_amount() >= threshold:
            result["price"] = 0.0
            result["warning_message"] = self.env._(
                "Shipping is free under your agreement from %(amount)s.",
                amount=order.currency_id.format(threshold),
            )
        return result
