import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def _taken(cr):
    cr.execute("SELECT company_id, name FROM jiancai_referral")
    return set(cr.fetchall())


def migrate(cr, version):
    """Make references unique per company before 19.0.1.0.2 adds the constraint.

    The demo shipped hard-coded numbers (BB202600001 …) while the sequence started at 1,
    so referrals created since repeat them. The sequence is moved past every number of
    its current prefix, and each repeated reference but the oldest gets a new number.
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    sequence = env.ref("jiancai_referral.seq_jiancai_referral", raise_if_not_found=False)
    if not sequence:
        return
    prefix, suffix = sequence._get_prefix_suffix()
    highest = 0
    for _company, name in _taken(cr):
        number = (name or "").removeprefix(prefix)
        if suffix:
            number = number.removesuffix(suffix)
        if name.startswith(prefix) and number.isdigit():
            highest = max(highest, int(number))
    if highest >= sequence.number_next_actual:
        sequence.write({"number_next": highest + 1})
    cr.execute(
        """
        SELECT id, company_id, name FROM (
            SELECT id, company_id, name,
                   row_number() OVER (PARTITION BY company_id, name ORDER BY id) AS nth
              FROM jiancai_referral
        ) numbered
         WHERE nth > 1
         ORDER BY id
        """
    )
    repeated = cr.fetchall()
    taken = _taken(cr)
    for referral_id, company_id, old_name in repeated:
        name = sequence._next()
        while (company_id, name) in taken:
            name = sequence._next()
        taken.add((company_id, name))
        cr.execute(SQL("UPDATE jiancai_referral SET name = %s WHERE id = %s", name, referral_id))
        _logger.info(
            "referral %s: reference %s repeated another's, now %s", referral_id, old_name, name
        )
