{
    "name": "Jiancai Service: Deliveries",
    "summary": "The delivery's tracking page offers the customer the booking of its "
    "installation or repair visit",
    "version": "19.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["jiancai_service", "jiancai_dispatch"],
    "data": ["views/jiancai_service_dispatch_templates.xml"],
    "installable": True,
    "auto_install": True,
}
