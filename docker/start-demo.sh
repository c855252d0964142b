#!/bin/bash
# First start: create the demo database the way `make run` does (French
# company, French accounting, every add-on with demo data); then serve it.
set -euo pipefail
CONF=/etc/odoo/odoo.conf
DB=b2b_demo
export PGHOST=db PGUSER=odoo PGPASSWORD=odoo
until pg_isready -q; do sleep 1; done
if ! psql -lqt | cut -d'|' -f1 | grep -qw "$DB"; then
    modules=$(cd /mnt/extra-addons && ls -d b2b_*/ | tr -d / | paste -sd, -)
    python3 /usr/local/lib/b2b/create_db.py "$CONF" "$DB" FR
    odoo -c "$CONF" -d "$DB" -i l10n_fr_account,payment_demo --load-language=fr_FR --stop-after-init
    odoo -c "$CONF" -d "$DB" -i "$modules" --stop-after-init
fi
exec odoo -c "$CONF" -d "$DB" --db-filter="^$DB\$"
