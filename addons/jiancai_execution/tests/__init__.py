from . import test_execution_rule
from . import test_execution_violation
from . import test_execution_gate
from . import test_execution_control_point
from . import test_execution_concurrency
from . import test_execution_ui
