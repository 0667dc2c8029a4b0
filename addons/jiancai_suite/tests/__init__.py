from . import test_gates_across_modules
