from . import b2b_application_reject
