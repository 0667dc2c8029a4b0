from . import jiancai_crm_community
from . import jiancai_crm_lead_import
from . import jiancai_crm_lead_import_line
from . import jiancai_crm_reassign
from . import jiancai_crm_sms
