from . import test_crm_home
