"""Pure rules of the customer's home: room areas measured on site, tiles with waste (no Odoo)."""
