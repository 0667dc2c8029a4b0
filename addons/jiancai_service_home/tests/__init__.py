from . import test_service_home
