from . import (
    test_daily_report,
    test_daily_report_concurrency,
    test_daily_report_execution,
    test_daily_report_security,
    test_daily_report_ui,
)
