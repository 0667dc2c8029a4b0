from . import test_concurrency
from . import test_follow_up
from . import test_import
from . import test_online
from . import test_pool
from . import test_ui
from . import test_settings
