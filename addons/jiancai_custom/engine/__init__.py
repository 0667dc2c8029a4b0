"""Pure logic of made-to-measure goods (no Odoo import)."""
