from . import jiancai_daily_report, jiancai_daily_plan
