from . import test_roles
from . import test_store
from . import test_notification
from . import test_tracking_link
from . import test_field_photo
from . import test_qr
from . import test_ui
from . import test_gates
