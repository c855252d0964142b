from . import act_for
