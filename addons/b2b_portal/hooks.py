# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import demo_world


def post_init_hook(env):
    if env["ir.module.module"].search([("name", "=", "b2b_portal")]).demo:
        demo_world.generate(env)
