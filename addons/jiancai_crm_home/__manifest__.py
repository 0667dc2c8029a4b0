{
    "name": "Jiancai CRM: Customer's Home",
    "summary": "Open or start the customer's home file from a lead's flat (community, "
    "building, unit, flat), deduplicated by the flat",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["jiancai_crm", "jiancai_home"],
    "data": ["views/crm_lead_views.xml"],
    "installable": True,
    "auto_install": True,
}
