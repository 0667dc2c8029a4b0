from . import piece_rate_xlsx
