from odoo import SUPERUSER_ID, api

# the rules are noupdate: a designer sees the referrals of his whole studio
DESIGNER_RULES = {
    "jiancai_referral.jiancai_referral_rule_portal": (
        "Referrals: designers see their studio's",
        "[('referrer_id', 'child_of', [user.commercial_partner_id.id])]",
    ),
    "jiancai_referral.jiancai_referral_milestone_rule_portal": (
        "Milestones: designers see their studio's referrals'",
        "[('referral_id.referrer_id', 'child_of', [user.commercial_partner_id.id])]",
    ),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, (name, domain) in DESIGNER_RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.write({"name": name, "domain_force": domain})
