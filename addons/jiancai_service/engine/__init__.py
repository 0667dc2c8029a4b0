"""Pure service rules: working time and SLA deadlines, slots, confirmation codes (no Odoo)."""
