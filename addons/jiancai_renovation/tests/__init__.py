from . import test_renovation_flow
from . import test_renovation_security
from . import test_renovation_pages
from . import test_renovation_concurrency
from . import test_renovation_backend
