from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class JiancaiCreditApproval(models.Model):
    """A request to let one delivery (or order) pass over its credit limit."""

    _name = "jiancai.credit.approval"
    _description = "Credit Approval Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "id desc"
    _state_field = "state"
    _state_from = ["draft", "pending"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False
    _jiancai_four_eyes = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("pending", "Waiting for Approval"),
            ("approved", "Approved"),
            ("used", "Used"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, index=True, tracking=True
    )
    order_id = fields.Many2one("sale.order", "Sales Order", index="btree_not_null")
    picking_id = fields.Many2one("stock.picking", "Delivery", index="btree_not_null")
    requested_by_id = fields.Many2one(
        "res.users", "Requested by", default=lambda self: self.env.user, readonly=True
    )
    amount = fields.Monetary("Amount to Let Pass", required=True, tracking=True)
    excess = fields.Monetary("Over the Limit by")
    reason_blocked = fields.Text("Why it Was Blocked", readonly=True)
    note = fields.Text("Salesperson's Note")
    reject_reason = fields.Text(tracking=True)
    valid_until = fields.Datetime(readonly=True, tracking=True)

    @api.constrains("amount", "excess")
    def _check_amounts(self):
        for rec in self:
            if rec.amount <= 0 or rec.excess < 0:
                raise UserError(self.env._("The amount of a credit approval must be positive."))

    @api.model
    def _jiancai_protected_fields(self):
        # the state moves only through the tier review (action_* below, as superuser)
        return super()._jiancai_protected_fields() | {
            "state",
            "requested_by_id",
            "reject_reason",
            "valid_until",
        }

    @api.model
    def _get_under_validation_exceptions(self):
        return super()._get_under_validation_exceptions() + self._jiancai_own_fields()

    @api.model
    def _get_after_validation_exceptions(self):
        return super()._get_after_validation_exceptions() + self._jiancai_own_fields()

    @api.model
    def _jiancai_own_fields(self):
        """Fields our workflow writes while / after the tiers are reviewed."""
        return ["state", "reject_reason", "valid_until"]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["name"] = self.env["ir.sequence"].next_by_code("jiancai.credit.approval") or "/"
        return super().create(vals_list)

    # ---------------------------------------------------------------- actions
    def _ensure_state(self, allowed, verb):
        for rec in self:
            if rec.state not in allowed:
                state = dict(self._fields["state"]._description_selection(self.env))[rec.state]
                raise UserError(
                    self.env._(
                        "Credit approval %(name)s is %(state)s: it cannot be %(verb)s.",
                        name=rec.name,
                        state=state,
                        verb=verb,
                    )
                )

    def action_submit(self):
        self._ensure_state(["draft"], self.env._("submitted"))
        self.check_access("read")
        for rec in self:
            if (
                not self.env.su
                and rec.requested_by_id != self.env.user
                and not self._jiancai_is_reviewer()
            ):
                raise UserError(
                    self.env._("Only %(user)s submits this request.", user=rec.requested_by_id.name)
                )
            # the warehouse may not edit requests: the review is asked as superuser,
            # still in the name of the user (tier.review.requested_by)
            rec.sudo().request_validation()
            rec.sudo().state = "pending"
            finance = self.env.ref("jiancai_base.group_finance").sudo().all_user_ids
            self.env["jiancai.notification"].sudo().notify(
                finance,
                lambda env, rec=rec: env._(
                    "Credit approval asked: %(name)s", name=rec.partner_id.display_name
                ),
                lambda env, rec=rec: env._(
                    "%(user)s asks to let %(amount)s pass for %(partner)s: %(url)s",
                    user=rec.requested_by_id.name,
                    amount=rec.currency_id.format(rec.amount),
                    partner=rec.partner_id.display_name,
                    url=rec._jiancai_phone_url(),
                ),
                record=rec,
            )
        return True

    def _jiancai_is_reviewer(self):
        return self.env.user.has_group("jiancai_base.group_finance") or self.env.user.has_group(
            "jiancai_base.group_general_manager"
        )

    def _jiancai_waiting_for(self):
        """Who decides next, e.g. "Finance" (the next tier's name)."""
        self.ensure_one()
        review = self.sudo().review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
        return review.sorted("sequence")[-1:].name or self.env._("the reviewers")

    def _jiancai_phone_url(self):
        self.ensure_one()
        base = self.get_base_url()
        return f"{base}/jc/credit/approval/{self.id}"

    def action_approve(self):
        """Approve the current tier; once every tier approved, the request passes."""
        self._ensure_state(["pending"], self.env._("approved"))
        for rec in self:
            if not rec.can_review:
                raise UserError(
                    self.env._("You are not the next reviewer of %(name)s.", name=rec.name)
                )
            rec.validate_tier()
            if rec.validation_status == "validated":
                rec._jiancai_approved()
        return True

    def _jiancai_approved(self):
        hours = int(
            self.env["ir.config_parameter"].sudo().get_param("jiancai_credit.approval_hours", 24)
            or 24
        )
        self.invalidate_recordset(["need_validation", "validation_status"])
        self.sudo().write(
            {"state": "approved", "valid_until": fields.Datetime.now() + timedelta(hours=hours)}
        )
        for rec in self:

            def body(env, rec=rec):
                return env._(
                    "Credit approval %(name)s: %(amount)s may pass until %(until)s.",
                    name=rec.name,
                    amount=rec.currency_id.format(rec.amount),
                    until=fields.Datetime.to_string(rec.valid_until),
                )

            rec._jiancai_log_everywhere(body(self.env))
            self.env["jiancai.notification"].sudo().notify(
                rec.requested_by_id, lambda env: env._("Credit approved"), body, record=rec
            )

    def action_reject(self, reason=None):
        self._ensure_state(["pending"], self.env._("rejected"))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the salesperson a reason for the rejection."))
        for rec in self:
            if not rec.can_review:
                raise UserError(
                    self.env._("You are not the next reviewer of %(name)s.", name=rec.name)
                )
            rec.reject_tier()
            rec.invalidate_recordset(["need_validation", "validation_status"])
            rec.sudo().write({"state": "rejected", "reject_reason": reason})

            def body(env, rec=rec):
                return env._(
                    "Credit approval %(name)s rejected: %(reason)s", name=rec.name, reason=reason
                )

            rec._jiancai_log_everywhere(body(self.env))
            self.env["jiancai.notification"].sudo().notify(
                rec.requested_by_id, lambda env: env._("Credit rejected"), body, record=rec
            )
        return True

    def action_cancel(self):
        self._ensure_state(["draft", "pending", "approved"], self.env._("cancelled"))
        self.check_access("write")
        self.invalidate_recordset(["need_validation", "validation_status"])
        self.sudo().write({"state": "cancel"})
        return True

    def _jiancai_log_everywhere(self, body):
        self.ensure_one()
        self.message_post(body=body)
        for record in (self.order_id, self.picking_id, self.partner_id.commercial_partner_id):
            if record:
                record.sudo().message_post(body=body)

    # ---------------------------------------------------------------- use
    @api.model
    def _find_valid(self, order, picking, amount):
        domain = [
            ("state", "=", "approved"),
            ("order_id", "=", order.id),
            ("valid_until", ">=", fields.Datetime.now()),
            ("amount", ">=", amount - 0.005),
        ]
        if picking:
            domain.append(("picking_id", "in", [picking.id, False]))
        else:
            domain.append(("picking_id", "=", False))
        return self.sudo().search(domain, limit=1, order="amount")

    @api.model
    def _find_pending(self, order, picking):
        """The request already waiting for this document, if any."""
        domain = [("state", "in", ("draft", "pending")), ("order_id", "=", order.id)]
        if picking:
            domain.append(("picking_id", "in", [picking.id, False]))
        else:
            domain.append(("picking_id", "=", False))
        return self.sudo().search(domain, limit=1, order="state desc, id desc")

    def _consume(self, picking=None):
        self.ensure_one()
        self.sudo().state = "used"
        self._jiancai_log_everywhere(
            self.env._(
                "Credit approval %(name)s used by %(doc)s.",
                name=self.name,
                doc=(picking or self.order_id).display_name,
            )
        )


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + ["jiancai.credit.approval"]
