def post_init_hook(env):
    """Odoo's delivery SMS off in every company, once, at install.

    stock_sms (a dependency) switches it on in its own post-init hook. It goes through
    Odoo's IAP service, which mainland carriers do not deliver, and validating a delivery
    would ask about it. Customers get our own messages (jiancai.notification, Aliyun SMS).
    A dealer may turn it on again in Inventory settings.
    """
    env["res.company"].search([]).write({"stock_text_confirmation": False})
