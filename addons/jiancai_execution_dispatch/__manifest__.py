{
    "name": "Jiancai Execution: Dispatch",
    "summary": "Control points on deliveries and trips: too many trips for one order, "
    "delivery of a paid order not booked",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["jiancai_execution", "jiancai_dispatch"],
    "data": ["data/jiancai_execution_control_point_data.xml"],
    "installable": True,
    "auto_install": True,
}
