from . import test_execution_dispatch
