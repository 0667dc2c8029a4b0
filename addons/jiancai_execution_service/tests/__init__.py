from . import test_execution_service
