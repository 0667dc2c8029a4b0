from . import test_execution_referral
