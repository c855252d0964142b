# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Test helpers other B2B add-ons reuse: the demo world's people and
valid application values."""

from odoo.tests.common import new_test_user

VALID_APPLICATION = {
    "name": "Menuiserie Girard SARL",
    "vat": "FR 09 443 123 450",
    "street": "5 rue des Artisans",
    "zip": "38000",
    "city": "Grenoble",
    "contact_name": "Nadia Girard",
    "email": "nadia@menuiserie-girard.example",
    "phone": "04 76 12 34 56",
    "lang": "fr_FR",
    "terms_accepted": "1",
}


class B2bDemoWorldMixin:
    """The demo world's actors, as loaded by b2b_portal's demo data."""

    @classmethod
    def setUpB2bWorld(cls):
        env = cls.env
        cls.france = env.ref("base.fr")
        cls.belgium = env.ref("base.be")
        cls.germany = env.ref("base.de")
        cls.company_dupont = env.ref("b2b_portal.partner_dupont_demo")
        cls.buyer_claire = env.ref("b2b_portal.user_claire_demo")  # admin buyer
        cls.buyer_hugo = env.ref("b2b_portal.user_hugo_demo")  # buyer: his own orders only
        cls.company_mueller = env.ref("b2b_portal.partner_mueller_demo")
        cls.buyer_anna = env.ref("b2b_portal.user_anna_demo")  # admin buyer
        cls.buyer_felix = env.ref("b2b_portal.user_felix_demo")  # buyer; Müller shares orders
        cls.prospect_marco = env.ref("b2b_portal.user_marco_demo")
        cls.rep_julie = env.ref("b2b_portal.user_rep_julie_demo")
        cls.product = env.ref("b2b_portal.product_0001_demo").product_variant_id
        cls.sales_manager = new_test_user(
            env, login="b2b_sales_manager", groups="sales_team.group_sale_manager", name="Sales Manager"
        )

    def application_values(self, **overrides):
        values = dict(VALID_APPLICATION, country_id=str(self.france.id))
        values.update(overrides)
        return values
