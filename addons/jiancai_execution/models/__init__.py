from . import jiancai_execution_rule
from . import jiancai_execution_violation
from . import jiancai_gate_mixin
