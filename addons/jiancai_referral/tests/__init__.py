from . import (
    test_referral,
    test_concurrency,
    test_lookup,
    test_milestone,
    test_security,
    test_portal,
)
