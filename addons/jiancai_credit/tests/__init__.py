from . import test_credit_limits
from . import test_credit_approval
from . import test_credit_prepay
from . import test_credit_concurrency
from . import test_credit_http
from . import test_credit_portal
from . import test_credit_snapshot
from . import test_credit_statement
