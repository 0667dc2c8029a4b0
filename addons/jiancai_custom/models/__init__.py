from . import product_template
from . import sale_order
from . import sale_order_line
from . import purchase_order_line
