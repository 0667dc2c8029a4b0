from . import test_custom_spec
from . import test_custom_flow
