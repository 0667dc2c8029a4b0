{
    "name": "Jiancai Service: Customer's Home",
    "summary": "A measurement ticket is done when the home's rooms are measured; the "
    "technician measures from the job page and is recorded as the home's measurer",
    "version": "19.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["jiancai_service", "jiancai_home"],
    "data": [
        "security/jiancai_service_home_security.xml",
        "data/jiancai_gate_rule_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/jiancai_service_templates.xml",
    ],
    "demo": ["demo/jiancai_service_home_demo.xml"],
    "installable": True,
    "auto_install": True,
}
