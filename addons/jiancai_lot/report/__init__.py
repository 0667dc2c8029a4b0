from . import stock_quant_shade_xlsx
