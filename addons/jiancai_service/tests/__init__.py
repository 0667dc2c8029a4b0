from . import test_service_flow
from . import test_service_security
from . import test_service_sla
from . import test_service_concurrency
from . import test_service_ui
