from . import (
    audit_hooks,
    b2b_account,
    b2b_audit_log,
    b2b_notification,
    b2b_quote_report,
    ir_http,
    res_users,
    sale_order,
)
