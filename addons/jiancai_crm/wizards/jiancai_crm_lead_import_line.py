from odoo import fields, models

OUTCOMES = [("new", "New lead"), ("merge", "Merged into a lead"), ("rejected", "Rejected")]


class JiancaiCrmLeadImportLine(models.TransientModel):
    """One row of an uploaded sheet, as checked."""

    _name = "jiancai.crm.lead.import.line"
    _description = "Lead Import Row"
    _order = "row_number"

    wizard_id = fields.Many2one(
        "jiancai.crm.lead.import", required=True, ondelete="cascade", index=True
    )
    row_number = fields.Integer("Row", readonly=True)
    community = fields.Char(readonly=True)
    building = fields.Char(readonly=True)
    room = fields.Char(readonly=True)
    contact_name = fields.Char("Name", readonly=True)
    phone = fields.Char(readonly=True)
    source = fields.Char(readonly=True)
    notes = fields.Char(readonly=True)
    phone_key = fields.Char("Normalised Phone", readonly=True)
    property_key = fields.Char(readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    problem = fields.Char(readonly=True)
    merge_into = fields.Integer(readonly=True)
    partner_id = fields.Integer(readonly=True)
