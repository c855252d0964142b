# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import new_test_user

from odoo.addons.b2b_quotes.tests.common import QuoteMixin


class RepMixin(QuoteMixin):
    """Julie looks after Dupont, Martin and Garcia; Marc after Peeters and
    Müller (demo data); a B2B manager sees everything."""

    @classmethod
    def setUpReps(cls):
        cls.setUpQuotes()
        cls.rep_marc = cls.env.ref("b2b_portal.user_rep_marc_demo")
        cls.company_martin = cls.env.ref("b2b_portal.partner_martin_demo")
        cls.company_peeters = cls.env.ref("b2b_portal.partner_peeters_demo")
        cls.b2b_manager = new_test_user(
            cls.env, login="b2b_manager_test", groups="b2b_sales_rep.group_b2b_manager", name="B2B Manager"
        )
