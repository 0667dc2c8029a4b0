from odoo import fields, models
from odoo.exceptions import AccessError


class JiancaiFieldPhoto(models.Model):
    _inherit = "jiancai.field.photo"

    jiancai_case_published = fields.Boolean(
        "Published as a Case",
        help="The customer agreed: guides may show this photo to neighbours of the same "
        "community (without the customer's name or phone).",
    )

    def action_jiancai_toggle_case(self):
        """A store manager publishes a photo as a case (the customer agreed), or withdraws it."""
        if not self.env.user.has_group("jiancai_base.group_store_manager"):
            raise AccessError(self.env._("Only store managers publish case photos."))
        self.check_access("read")
        for photo in self.sudo():
            photo.jiancai_case_published = not photo.jiancai_case_published
        return True
