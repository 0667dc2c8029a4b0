from . import jiancai_home, jiancai_home_room, sale_order
