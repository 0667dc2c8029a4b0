from . import jiancai_renovation_template
from . import jiancai_renovation_phase_template
from . import jiancai_renovation_phase_template_check
from . import jiancai_renovation_check
from . import project_project
from . import project_task
