# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import abort

from odoo import models
from odoo.http import request

# Pages a rep acting for a buyer must not reach: the buyer's password,
# security settings, account details and account deletion.
BLOCKED_WHILE_ACTING = (
    "/my/security",
    "/my/account",
    "/my/deactivate_account",
    "/web/session/change_password",
    "/web/session/logout",
)


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        rep_id = request.session.get("b2b_acting_rep_id") if request.session.uid else None
        if rep_id:
            # Before the website binds its environment: documents created
            # from here know who really acted (sale.order, audit log).
            request.update_context(b2b_acting_rep_id=rep_id)
        super()._pre_dispatch(rule, args)
        if not rep_id:
            return
        path = request.httprequest.path
        if path.startswith(BLOCKED_WHILE_ACTING) or _unprefixed(path).startswith(BLOCKED_WHILE_ACTING):
            # Logging out ends the acting session instead.
            abort(request.redirect("/b2b/act_for/stop" if path.endswith("/logout") else "/my"))
        readonly = getattr(request.env.cr, "readonly", False)
        if request.httprequest.method == "POST" and not readonly and "/b2b/act_for" not in path:
            request.env["b2b.audit.log"]._b2b_log("act_for_action", description=path)


def _unprefixed(path):
    """``/fr/my/security`` → ``/my/security``: website pages may carry a
    language prefix."""
    parts = path.split("/", 2)
    return f"/{parts[2]}" if len(parts) > 2 and len(parts[1]) in (2, 5) else path
