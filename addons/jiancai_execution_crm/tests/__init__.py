from . import test_execution_crm
