from . import jiancai_lot_match_wizard
from . import jiancai_lot_match_wizard_line
