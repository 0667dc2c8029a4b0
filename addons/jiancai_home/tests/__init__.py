from . import test_home, test_home_ui
