from . import jiancai_lot_match_wizard
from . import jiancai_lot_match_wizard_line
from . import jiancai_lot_split_wizard
from . import jiancai_lot_split_wizard_line
