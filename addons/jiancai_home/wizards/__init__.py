from . import jiancai_home_quote
