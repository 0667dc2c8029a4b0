from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from ..engine.decision import (
    CUSTOMER,
    SALESPERSON,
    STORE,
    Level,
    decide_confirmation,
    decide_delivery,
)
from ..engine.exposure import Exposure, OrderLine, exposure


class JiancaiCreditService(models.AbstractModel):
    """Reads the exposure from the database in a constant number of queries."""

    _name = "jiancai.credit.service"
    _description = "Credit control service"

    # ---------------------------------------------------------------- exposure
    @api.model
    def _exposure_by_partner(self, partner_ids):
        """{commercial partner id: Exposure} in the current company's currency."""
        partner_ids = list(set(partner_ids))
        result = defaultdict(Exposure)
        if not partner_ids:
            return result
        company = self.env.company
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            SQL(
                """
                SELECT m.commercial_partner_id, m.move_type, SUM(m.amount_residual_signed)
                  FROM account_move m
                 WHERE m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.amount_residual_signed != 0
                   AND m.company_id = %(company)s
                   AND m.commercial_partner_id = ANY(%(partners)s)
                 GROUP BY m.commercial_partner_id, m.move_type
                """,
                company=company.id,
                partners=partner_ids,
            )
        )
        invoices, refunds = defaultdict(list), defaultdict(list)
        for partner_id, move_type, residual in cr.fetchall():
            (invoices if move_type == "out_invoice" else refunds)[partner_id].append(residual)
        cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, -SUM(l.amount_residual)
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                  JOIN account_account a ON a.id = l.account_id
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.parent_state = 'posted'
                   AND a.account_type = 'asset_receivable'
                   AND m.move_type = 'entry'
                   AND NOT l.reconciled
                   AND l.amount_residual < 0
                   AND l.company_id = %(company)s
                   AND p.commercial_partner_id = ANY(%(partners)s)
                 GROUP BY p.commercial_partner_id
                """,
                company=company.id,
                partners=partner_ids,
            )
        )
        payments = dict(cr.fetchall())
        cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, l.product_uom_qty, l.qty_delivered,
                       l.qty_invoiced, l.price_total, COALESCE(o.currency_rate, 1.0)
                  FROM sale_order_line l
                  JOIN sale_order o ON o.id = l.order_id
                  JOIN res_partner p ON p.id = o.partner_invoice_id
                 WHERE o.state = 'sale'
                   AND o.company_id = %(company)s
                   AND l.display_type IS NULL
                   AND NOT COALESCE(l.is_downpayment, FALSE)
                   AND l.qty_invoiced < GREATEST(l.product_uom_qty, l.qty_delivered)
                   AND p.commercial_partner_id = ANY(%(partners)s)
                """,
                company=company.id,
                partners=partner_ids,
            )
        )
        lines = defaultdict(list)
        for partner_id, qty, delivered, invoiced, total, rate in cr.fetchall():
            lines[partner_id].append(
                OrderLine(qty, delivered, invoiced, total, rate if rate > 0 else 1.0)
            )
        for partner_id in partner_ids:
            result[partner_id] = exposure(
                invoice_residuals=invoices[partner_id],
                credit_note_residuals=refunds[partner_id],
                order_lines=lines[partner_id],
                unallocated_payments=[payments.get(partner_id) or 0.0],
            )
        return result

    @api.model
    def _receivable_statement(self, partner):
        """The statement of a commercial partner: (rows oldest first, closing balance).

        The closing balance is the receivable part of the partner's exposure
        (:meth:`_exposure_by_partner`), the one definition of what a customer owes. The rows
        are the posted receivable journal items of the partner and its contacts in the
        current company, each with its running balance. Payments registered without a
        journal entry (waiting for the bank statement) are listed for information and, like
        in the exposure, not counted.
        """
        partner = partner.commercial_partner_id
        env = self.env
        move_lines = (
            env["account.move.line"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("company_id", "=", env.company.id),
                    ("parent_state", "=", "posted"),
                    ("account_id.account_type", "=", "asset_receivable"),
                ],
                order="date, id",
            )
        )
        rows = []
        for line in move_lines:
            move = line.move_id
            if move.move_type == "out_invoice":
                kind = env._("Invoice")
            elif move.move_type == "out_refund":
                kind = env._("Credit Note")
            elif move.origin_payment_id or line.payment_id:
                kind = env._("Payment")
            else:
                kind = env._("Other")
            rows.append(
                {
                    "date": line.date,
                    "kind": kind,
                    "name": move.name,
                    "due": line.date_maturity if move.is_invoice() else False,
                    "amount": line.balance,
                    "counted": True,
                }
            )
        unbooked = (
            env["account.payment"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("company_id", "=", env.company.id),
                    ("partner_type", "=", "customer"),
                    ("move_id", "=", False),
                    ("state", "in", ("in_process", "paid")),
                ]
            )
        )
        for payment in unbooked:
            rows.append(
                {
                    "date": payment.date,
                    "kind": env._("Payment (awaiting bank)"),
                    "name": payment.name,
                    "due": False,
                    "amount": -payment.amount_company_currency_signed,
                    "counted": False,
                }
            )
        rows.sort(key=lambda row: row["date"])
        running = 0.0
        for row in rows:
            if row["counted"]:
                running += row["amount"]
            row["balance"] = running
        closing = self._exposure_by_partner([partner.id])[partner.id].receivable
        return rows, closing

    @api.model
    def _level_partners(self, kind, ids):
        """{level id: commercial partner ids} for salespersons / stores."""
        if kind == CUSTOMER:
            return {i: [i] for i in ids}
        column = SQL.identifier("user_id" if kind == SALESPERSON else "jiancai_store_id")
        self.env.cr.execute(
            SQL(
                """
                SELECT %(column)s, array_agg(id) FROM res_partner
                 WHERE %(column)s = ANY(%(ids)s) AND id = commercial_partner_id
                 GROUP BY %(column)s
                """,
                column=column,
                ids=list(ids),
            )
        )
        found = dict(self.env.cr.fetchall())
        return {i: found.get(i, []) for i in ids}

    @api.model
    def _exposure_of_levels(self, kind, ids):
        members = self._level_partners(kind, ids)
        by_partner = self._exposure_by_partner(
            [p for partners in members.values() for p in partners]
        )
        result = {}
        for level_id, partners in members.items():
            total = Exposure()
            for partner_id in partners:
                total += by_partner[partner_id]
            result[level_id] = total
        return result

    @api.model
    def _partners_with_documents(self):
        """Commercial partner ids with open documents in the current company (one query)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT m.commercial_partner_id FROM account_move m
                 WHERE m.state = 'posted' AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.amount_residual_signed != 0 AND m.company_id = %(company)s
                 UNION
                SELECT p.commercial_partner_id
                  FROM account_move_line l
                  JOIN account_account a ON a.id = l.account_id
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.parent_state = 'posted' AND a.account_type = 'asset_receivable'
                   AND NOT l.reconciled AND l.amount_residual < 0
                   AND l.company_id = %(company)s
                 UNION
                SELECT p.commercial_partner_id
                  FROM sale_order o JOIN res_partner p ON p.id = o.partner_invoice_id
                 WHERE o.state = 'sale' AND o.company_id = %(company)s
                   AND o.invoice_status != 'invoiced'
                """,
                company=self.env.company.id,
            )
        )
        return [row[0] for row in self.env.cr.fetchall() if row[0]]

    # ---------------------------------------------------------------- levels
    @api.model
    def _levels_for(self, partner):
        """The credit levels of a commercial partner, exposure read once."""
        partner = partner.commercial_partner_id.sudo()
        user, team = partner.user_id, partner.jiancai_store_id
        members = {CUSTOMER: [partner.id]}
        members.update(
            {(SALESPERSON, k): v for k, v in self._level_partners(SALESPERSON, user.ids).items()}
        )
        members.update({(STORE, k): v for k, v in self._level_partners(STORE, team.ids).items()})
        all_ids = {p for partners in members.values() for p in partners}
        by_partner = self._exposure_by_partner(all_ids)

        def total(ids):
            result = Exposure()
            for pid in ids:
                result += by_partner[pid]
            return result

        levels = [
            Level(
                CUSTOMER,
                partner.display_name,
                partner._jiancai_credit_limit_value(),
                by_partner[partner.id],
            )
        ]
        if user:
            levels.append(
                Level(
                    SALESPERSON,
                    user.display_name,
                    user._jiancai_credit_limit_value(),
                    total(members[(SALESPERSON, user.id)]),
                )
            )
        if team:
            levels.append(
                Level(
                    STORE,
                    team.display_name,
                    team._jiancai_credit_limit_value(),
                    total(members[(STORE, team.id)]),
                )
            )
        return levels

    @api.model
    def _lock_levels(self, partner):
        """Lock the rows of the partner, its salesperson and its store.

        ``SELECT ... FOR UPDATE`` makes a concurrent check wait; bumping a counter on
        the same rows makes the waiting transaction fail with a serialization error
        (Odoo retries the request, which then sees the first delivery).
        """
        partner = partner.commercial_partner_id.sudo()
        targets = [
            ("res_partner", partner.ids),
            ("res_users", partner.user_id.ids),
            ("crm_team", partner.jiancai_store_id.ids),
        ]
        for table, ids in targets:
            if not ids:
                continue
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %(table)s WHERE id = ANY(%(ids)s) ORDER BY id FOR UPDATE",
                    table=SQL.identifier(table),
                    ids=ids,
                )
            )
            self.env.cr.execute(
                SQL(
                    """UPDATE %(table)s
                          SET jiancai_credit_check_count =
                              COALESCE(jiancai_credit_check_count, 0) + 1
                        WHERE id = ANY(%(ids)s)""",
                    table=SQL.identifier(table),
                    ids=ids,
                )
            )
        partner.invalidate_recordset(["jiancai_credit_check_count"])

    # ---------------------------------------------------------------- decisions
    @api.model
    def _level_label(self, kind):
        return {
            CUSTOMER: self.env._("Customer"),
            SALESPERSON: self.env._("Salesperson"),
            STORE: self.env._("Store"),
        }[kind]

    @api.model
    def _decision_message(self, decision, currency):
        lines = []
        if decision.prepay_missing > 0:
            lines.append(
                self.env._(
                    "This customer pays in advance: %(missing)s is still missing.",
                    missing=currency.format(decision.prepay_missing),
                )
            )
        for breach in decision.breaches:
            lines.append(
                self.env._(
                    "%(level)s %(name)s: limit %(limit)s, exposure would be "
                    "%(projected)s, over by %(excess)s.",
                    level=self._level_label(breach.kind),
                    name=breach.name,
                    limit=currency.format(breach.limit),
                    projected=currency.format(breach.projected),
                    excess=currency.format(breach.excess),
                )
            )
        return "\n".join(lines)

    @api.model
    def _decide(self, partner, amount, stage, lock=True):
        """The credit decision for letting ``amount`` more pass for ``partner``.

        ``lock`` takes the row locks of the partner, its salesperson and its store, so a
        concurrent check waits for this transaction (a preview does not lock).
        """
        partner = partner.commercial_partner_id
        if lock:
            self._lock_levels(partner)
        levels = self._levels_for(partner)
        prepay = partner.sudo().jiancai_credit_prepay
        decide = decide_delivery if stage == "delivery" else decide_confirmation
        return decide(levels, amount, prepay=prepay)

    @api.model
    def _gate_issues(self, partner, amount, stage, order, picking=None, dry_run=False):
        """The GateIssues of one document, or [] when credit lets it pass.

        A valid approval covering the amount lets it pass (and is used up, unless this
        is a preview). Otherwise the issue says by how much each level is over, and
        points at the pending approval request, or offers to ask for one.
        """
        partner = partner.commercial_partner_id
        decision = self._decide(partner, amount, stage, lock=not dry_run)
        if decision.allowed:
            return []
        Approval = self.env["jiancai.credit.approval"].sudo()
        approval = Approval._find_valid(order, picking, amount)
        if approval:
            if not dry_run:
                approval._consume(picking)
            return []
        currency = self.env.company.currency_id
        document = picking or order
        message = self._decision_message(decision, currency)
        pending = Approval._find_pending(order, picking)
        if pending:
            return [
                document._jiancai_gate_issue(
                    message,
                    hint=self.env._(
                        "Credit approval %(name)s is waiting for %(who)s.",
                        name=pending.name,
                        who=pending._jiancai_waiting_for(),
                    ),
                    related=pending,
                    url=pending._jiancai_phone_url(),
                    action={
                        "type": "ir.actions.act_window",
                        "res_model": "jiancai.credit.approval",
                        "res_id": pending.id,
                        "view_mode": "form",
                        "views": [(False, "form")],
                    },
                    action_label=self.env._("Open the approval"),
                )
            ]
        return [
            document._jiancai_gate_issue(
                message,
                hint=self.env._(
                    "Ask for a credit approval: finance, then the general manager decide."
                ),
                action={
                    "type": "ir.actions.act_window",
                    "res_model": "jiancai.credit.approval",
                    "view_mode": "form",
                    "views": [(False, "form")],
                    "target": "new",
                    "context": {
                        "default_partner_id": partner.id,
                        "default_order_id": order.id,
                        "default_picking_id": picking.id if picking else False,
                        "default_amount": amount,
                        "default_excess": max(decision.excess, decision.prepay_missing),
                        "default_reason_blocked": message,
                    },
                },
                action_label=self.env._("Ask for approval"),
            )
        ]
