"""Create an empty Odoo database the way the database manager does, with a
country: the company gets that country and its currency before any add-on
(accounting among them) is installed.

Run with the runtime's Python: ``create_db.py CONFIG DBNAME COUNTRY_CODE``.
"""

import sys

import odoo
from odoo.service import db


def main(config, name, country_code):
    odoo.tools.config.parse_config(["-c", config])
    # The database manager functions refuse to run when listing is disabled.
    odoo.tools.config["list_db"] = True
    # demo=True: every add-on installed later loads its demo data.
    db.exp_create_database(name, True, "en_US", user_password="admin", login="admin", country_code=country_code)


if __name__ == "__main__":
    main(*sys.argv[1:])
