from . import jiancai_referral_lookup, jiancai_referral_reject
