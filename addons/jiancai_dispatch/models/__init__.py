from . import fleet_vehicle_model_category
from . import jiancai_delivery_slot
from . import jiancai_freight_rule
from . import res_users
from . import stock_picking
from . import stock_picking_batch
from . import sale_order
