from . import test_dispatch_flow
from . import test_dispatch_ui
from . import test_dispatch_booking
from . import test_dispatch_concurrency
from . import test_dispatch_numbers
from . import test_dispatch_gates
from . import test_dispatch_polish
from . import test_dispatch_boxes
