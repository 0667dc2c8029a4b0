from odoo import api, models
from odoo.exceptions import AccessError

DECIDED = ("approved", "rejected")


class TierReview(models.Model):
    """OCA gives every employee full rights on reviews; only a tier's reviewer decides it.

    Without this, anyone could mark the other tiers of their own request approved over
    RPC, and one real approval would finish the review.
    """

    _inherit = "tier.review"

    def _jiancai_check_decision(self, vals):
        if self.env.su or not (vals.get("status") in DECIDED or vals.get("done_by")):
            return
        user = self.env.user
        if vals.get("done_by", user.id) != user.id or any(
            user not in review.reviewer_ids for review in self
        ):
            raise AccessError(self.env._("Only a reviewer of this tier approves or rejects it."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("status") in DECIDED or vals.get("done_by") for vals in vals_list
        ):
            raise AccessError(self.env._("A review starts undecided."))
        return super().create(vals_list)

    def write(self, vals):
        self._jiancai_check_decision(vals)
        return super().write(vals)
