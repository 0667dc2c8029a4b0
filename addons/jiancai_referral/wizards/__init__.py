from . import jiancai_referral_lookup, jiancai_referral_reject, jiancai_referral_report
