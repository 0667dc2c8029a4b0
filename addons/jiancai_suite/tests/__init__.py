from . import test_gates_across_modules
from . import test_demo_dealer
from . import test_story
from . import test_story_execution
from . import test_story_service
from . import test_story_crm
from . import test_story_home
from . import test_story_renovation
