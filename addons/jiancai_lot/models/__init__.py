from . import product_template
from . import stock_lot
from . import stock_quant
from . import sale_order_line
from . import stock_picking
from . import stock_picking_gate
from . import stock_move
from . import res_config_settings
