from . import test_service_referral
