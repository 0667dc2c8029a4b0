"""Pure rules of daily reports: the plan typed on a phone, completion, the day (no Odoo)."""
