{
    "name": "Jiancai Suite",
    "summary": "Installs the whole Jiancai Suite; holds the tests of the flows that cross "
    "modules (the business gates, the demo dealer's story)",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": [
        "jiancai_base",
        "jiancai_credit",
        "jiancai_crm",
        "jiancai_dispatch",
        "jiancai_lot",
        "jiancai_referral",
    ],
    "data": ["data/ir_actions_data.xml"],
    "demo": ["demo/res_users_demo.xml"],
    "installable": True,
}
