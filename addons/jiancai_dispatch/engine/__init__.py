"""Pure dispatch rules: freight, its split, capacity, receipt codes, lateness (no Odoo)."""
