from . import (
    res_partner,
    jiancai_referral,
    jiancai_referral_milestone,
    jiancai_referral_conflict,
    jiancai_referral_lookup_log,
    jiancai_store_visit,
    jiancai_designer_visit,
    sale_order,
    account_move,
    account_move_line,
    stock_picking,
    res_config_settings,
)
