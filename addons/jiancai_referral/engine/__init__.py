"""Pure referral rules: dedup keys, protection dates. No Odoo import."""
