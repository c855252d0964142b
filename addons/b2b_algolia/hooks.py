# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """The built-in search works from installation on."""
    env["b2b.search.document"]._b2b_refresh()
