from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import JiancaiCase

ALL_STAFF = {
    "guide", "store_manager", "finance", "warehouse", "dispatcher",
    "driver", "technician", "supervisor", "service", "gm",
}  # fmt: skip

# (model, operation) -> the roles that may do it; every other role must be refused
ACCESS = {
    ("res.partner", "create"): {"guide", "store_manager", "finance", "service", "gm"},
    ("sale.order", "create"): {"guide", "store_manager", "finance", "service", "gm"},
    ("account.move", "create"): {"finance", "gm"},
    ("stock.picking", "write"): {
        "guide",
        "store_manager",
        "finance",
        "warehouse",
        "dispatcher",
        "service",
        "gm",
    },  # fmt: skip
    ("jiancai.region", "read"): ALL_STAFF,
    ("jiancai.region", "write"): {"gm"},
    ("jiancai.sms.template", "write"): {"gm"},
    ("jiancai.notification", "read"): ALL_STAFF,
    # the log is evidence: rows change only through the Retry/Cancel actions
    ("jiancai.notification", "write"): set(),
    ("jiancai.notification", "create"): set(),
    # photos are made only from an upload (create_from_upload checks file and rights)
    ("jiancai.field.photo", "create"): set(),
    ("jiancai.field.photo", "write"): ALL_STAFF,
    ("jiancai.tracking.link", "unlink"): {"gm"},
    ("crm.team", "write"): {"gm"},
}

# menu xmlid -> the roles that see it
MENUS = {
    "jiancai_base.menu_root": ALL_STAFF,
    "jiancai_base.crm_team_menu_store": ALL_STAFF,
    "jiancai_base.jiancai_notification_menu": ALL_STAFF,
    "jiancai_base.jiancai_field_photo_menu": ALL_STAFF,
    "jiancai_base.jiancai_notification_menu_failed": {"service", "gm"},
    "jiancai_base.menu_config": {"gm"},
    "jiancai_base.jiancai_region_menu": {"gm"},
    "jiancai_base.res_config_settings_menu": set(),  # administrators only
    # quotations in the Jiancai app, for whoever sells (there is no Sales app); the
    # warehouse works from Operations > Deliveries to Process, not from the orders
    "jiancai_base.menu_sales": {"guide", "store_manager", "finance", "service", "gm"},
    "jiancai_base.sale_order_menu_quotation": {
        "guide",
        "store_manager",
        "finance",
        "service",
        "gm",
    },
    "jiancai_base.sale_order_menu_order": {"guide", "store_manager", "finance", "service", "gm"},
    "jiancai_base.sale_order_menu_store": {"store_manager", "gm"},
    "jiancai_base.stock_picking_menu_to_ship": {"warehouse", "dispatcher", "gm"},
}


@tagged("post_install", "-at_install")
class TestRoles(JiancaiCase):
    def test_access_matrix(self):
        access = dict(ACCESS)
        if "jiancai.freight.rule" in self.env:
            # jiancai_dispatch lets drivers validate the deliveries of their own trips
            access["stock.picking", "write"] = access["stock.picking", "write"] | {"driver"}
        for (model, operation), allowed in access.items():
            for role, user in self.users.items():
                with self.subTest(model=model, operation=operation, role=role):
                    self.assertEqual(
                        self.env[model].with_user(user).has_access(operation),
                        role in allowed,
                        f"{role} {'must' if role in allowed else 'must not'} {operation} {model}",
                    )

    def test_menus_per_role(self):
        # the menus the web client shows: a menu whose folder is hidden is not shown,
        # even when its own action is readable (a warehouse keeper may read sale orders)
        Menu = self.env["ir.ui.menu"]
        for xmlid, allowed in MENUS.items():
            menu = self.env.ref(xmlid)
            for role, user in self.users.items():
                with self.subTest(menu=xmlid, role=role):
                    visible = menu.id in Menu.with_user(user).load_menus(False)
                    self.assertEqual(visible, role in allowed, f"{role} / {xmlid}")

    def test_admin_sees_settings(self):
        menu = self.env.ref("jiancai_base.res_config_settings_menu")
        self.assertIn(
            menu.id,
            self.env["ir.ui.menu"].with_user(self.env.ref("base.user_admin"))._visible_menu_ids(),
        )

    def test_general_manager_implies_every_staff_role(self):
        gm = self.users["gm"]
        for group in (
            "group_sales_guide", "group_store_manager", "group_finance", "group_warehouse",
            "group_dispatcher", "group_driver", "group_technician", "group_supervisor",
            "group_customer_service",
        ):  # fmt: skip
            self.assertTrue(gm.has_group(f"jiancai_base.{group}"), group)
        self.assertFalse(self.users["guide"].has_group("jiancai_base.group_finance"))

    def test_portal_roles_are_portal_users(self):
        self.assertTrue(self.designer_user.share)
        self.assertTrue(self.designer_user.has_group("base.group_portal"))
        self.assertFalse(self.designer_user.has_group("base.group_user"))
        for model in (
            "jiancai.notification",
            "jiancai.field.photo",
            "jiancai.tracking.link",
            "jiancai.region",
        ):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(self.designer_user).has_access("read"))
                self.assertFalse(self.env[model].with_user(self.portal_user).has_access("read"))

    def test_notification_log_is_need_to_know(self):
        Notification = self.env["jiancai.notification"]
        mine = (
            Notification.with_user(self.users["guide"])
            .sudo(False)
            .notify(self.users["driver"], "Load the truck", "Order S001 is ready")
        )
        other = Notification.with_user(self.users["finance"]).notify(
            self.customer, "Statement", "Your November statement"
        )
        guide_sees = Notification.with_user(self.users["guide"]).search([])
        self.assertIn(mine, guide_sees)
        self.assertNotIn(other, guide_sees)
        # the recipient sees what was sent to them
        self.assertIn(mine, Notification.with_user(self.users["driver"]).search([]))
        # customer service sees the whole log
        service_sees = Notification.with_user(self.users["service"]).search([])
        self.assertIn(other, service_sees)
        with self.assertRaises(AccessError):
            other.with_user(self.users["guide"]).read(["body"])
