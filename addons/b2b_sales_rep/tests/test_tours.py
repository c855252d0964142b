# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import RepMixin


@tagged("post_install", "-at_install")
class TestCockpitTour(RepMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpReps()
        cls.rep_julie.partner_id.lang = "en_US"

    def test_cockpit_shows_an_expiring_agreement_and_creates_the_activity(self):
        agreement = self.env.ref("b2b_portal.agreement_dupont_demo")
        agreement.date_end = fields.Date.today() + timedelta(days=15)
        self.env["b2b.account"]._b2b_refresh()
        activities = self.company_dupont.activity_ids
        self.start_tour("/odoo/b2b-accounts", "b2b_cockpit_activity", login=self.rep_julie.login)
        created = self.company_dupont.activity_ids - activities
        self.assertTrue(created.filtered(lambda activity: "agreement ends" in activity.note))
        self.assertEqual(created.user_id, self.rep_julie)
