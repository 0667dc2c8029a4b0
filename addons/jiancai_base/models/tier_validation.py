from odoo import models


class TierValidation(models.AbstractModel):
    """Every document reviewed with OCA tier validation passes the *approval* checkpoint
    each time a reviewer approves a tier."""

    _name = "tier.validation"
    _inherit = ["tier.validation", "jiancai.gate.mixin"]

    # a model whose requests nobody may approve themselves sets this to True (the
    # "Four eyes" rule of the approval checkpoint then applies to it)
    _jiancai_four_eyes = False

    def _validate_tier(self, tiers=False):
        self._jiancai_gate_check("approval")
        result = super()._validate_tier(tiers)
        self._jiancai_gate_notify("approval")
        return result

    def _jiancai_gate_four_eyes(self, gate):
        """The person who asked for a review may not approve it (models that opt in)."""
        issues = []
        if not self._jiancai_four_eyes:
            return issues
        for record in self:
            requesters = record.sudo().review_ids.requested_by
            if self.env.user in requesters and not self.env.su:
                issues.append(
                    record._jiancai_gate_issue(
                        self.env._("%(user)s asked for this approval.", user=self.env.user.name),
                        hint=self.env._("Another reviewer of this tier must decide."),
                    )
                )
        return issues
