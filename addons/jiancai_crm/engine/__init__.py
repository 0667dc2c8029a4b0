"""Pure lead rules: the pool (公海池) and the Excel import's row checks. No Odoo import."""
