from . import test_colour_lot
from . import test_match
from . import test_match_wizard
from . import test_ui
from . import test_stock_shade_xlsx
from . import test_split_and_joint
from . import test_pin
