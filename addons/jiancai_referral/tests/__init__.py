from . import (
    test_referral,
    test_concurrency,
    test_lookup,
    test_milestone,
    test_security,
    test_portal,
    test_portal_studio,
    test_reference,
    test_designer_visit,
    test_designer_visit_ui,
    test_referral_report,
)
