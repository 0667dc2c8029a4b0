{
    "name": "Jiancai Colour Lots",
    "summary": "Colour lots (shade, caliber, grade) for tiles and automatic colour matching "
    "of deliveries (自动配色)",
    "version": "19.0.1.0.0",
    "category": "Inventory/Inventory",
    "license": "AGPL-3",
    "author": "Jiancai Suite",
    "website": "https://github.com/jiancai-suite/jiancai",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": [
        "jiancai_base",
        "sale_stock",
    ],
    "external_dependencies": {"python": ["ortools"]},
    "data": [
        "security/ir.model.access.csv",
        "wizards/jiancai_lot_match_wizard_views.xml",
        "views/product_template_views.xml",
        "views/stock_lot_views.xml",
        "views/stock_quant_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/jiancai_lot_menus.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
        "demo/stock_lot_demo.xml",
        "demo/sale_order_demo.xml",
    ],
    "installable": True,
}
