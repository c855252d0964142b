# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import split_every

from .models.b2b_search_price import BATCH_SIZE


def post_init_hook(env):
    """The built-in search works from installation on, prices included."""
    env["b2b.search.document"]._b2b_refresh()
    templates = env["product.template"].with_context(active_test=True).search([("sale_ok", "=", True)])
    for template_ids in split_every(BATCH_SIZE, templates.ids):
        env["b2b.search.price"]._b2b_refresh(template_ids)
