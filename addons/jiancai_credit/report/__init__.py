from . import jiancai_credit_snapshot_xlsx
