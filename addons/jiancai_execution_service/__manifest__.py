{
    "name": "Jiancai Execution: Service",
    "summary": "Control points on service tickets: over their SLA; not closed 2 working "
    "days after the visit",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["jiancai_execution", "jiancai_service"],
    "data": ["data/jiancai_execution_control_point_data.xml"],
    "installable": True,
    "auto_install": True,
}
