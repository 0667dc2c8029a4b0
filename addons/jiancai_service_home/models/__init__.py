from . import helpdesk_ticket, jiancai_home
