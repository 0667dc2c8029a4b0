import logging

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, mute_logger

from odoo.addons.jiancai_referral.engine.keys import PropertyError, property_key

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    """Recompute the stored property keys: 19.0.1.0.1 folds Traditional characters and the
    ``#`` / ``第`` building markers, so 萬科城3棟 and 万科城3栋 now share one key.

    A key that would collide with another active referral's stays as it was, with a
    warning: the store manager decides which referral holds the flat.
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    referrals = env["jiancai.referral"].with_context(active_test=False).search([])
    for referral in referrals:
        try:
            key = property_key(referral._jiancai_property())
        except PropertyError:
            continue
        if key == referral.property_key:
            continue
        try:
            with mute_logger("odoo.sql_db"), cr.savepoint(flush=False):
                cr.execute(
                    SQL(
                        "UPDATE jiancai_referral SET property_key = %s WHERE id = %s",
                        key,
                        referral.id,
                    )
                )
        except psycopg2.errors.UniqueViolation:
            _logger.warning(
                "referral %s keeps its property key %s: %s is held by another active referral",
                referral.name,
                referral.property_key,
                key,
            )
    referrals.invalidate_recordset(["property_key"])
