# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import demo_quotes


def post_init_hook(env):
    if env["ir.module.module"].search([("name", "=", "b2b_quotes")]).demo:
        demo_quotes.generate(env)
