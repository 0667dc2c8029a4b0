{
    "name": "Jiancai Execution: CRM",
    "summary": "Control points on leads: a follow-up not done within its cycle; no new "
    "leads from the pool for a guide with follow-ups overdue by more than 3 days",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["jiancai_execution", "jiancai_crm"],
    "data": [
        "data/jiancai_gate_rule_data.xml",
        "data/jiancai_execution_control_point_data.xml",
    ],
    "installable": True,
    "auto_install": True,
}
