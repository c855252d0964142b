# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    # The cockpit is filled at once rather than at the first cron run.
    env["b2b.account"]._b2b_refresh()
