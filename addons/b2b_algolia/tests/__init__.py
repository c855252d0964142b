from . import test_builtin_search
from . import test_price_bands
from . import test_builtin_price_facet
from . import test_records
from . import test_sync
from . import test_secured_keys
from . import test_search_statistics
