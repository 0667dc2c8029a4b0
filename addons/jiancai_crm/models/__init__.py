from . import crm_lead
from . import jiancai_crm_claim
from . import jiancai_crm_pool_lead
from . import jiancai_field_photo
from . import mail_activity
from . import mail_activity_type
from . import res_partner
from . import res_config_settings
