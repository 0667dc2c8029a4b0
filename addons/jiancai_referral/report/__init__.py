from . import referral_settlement_xlsx
