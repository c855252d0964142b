from . import portal, quick_order
