"""Pure execution-rule arithmetic: working days, daily deadlines, dedup keys. No Odoo import."""
