from . import test_dispatch_flow
from . import test_dispatch_ui
