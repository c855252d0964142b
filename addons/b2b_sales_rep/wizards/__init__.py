from . import b2b_order_paste
