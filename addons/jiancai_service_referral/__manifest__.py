{
    "name": "Jiancai Service: Referrals",
    "summary": "A referred customer's installation completes the referral's Installed milestone; "
    "verifiers see the referral on the ticket",
    "version": "19.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["jiancai_service", "jiancai_referral"],
    "data": [
        "data/jiancai_gate_rule_data.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "installable": True,
    "auto_install": True,
}
