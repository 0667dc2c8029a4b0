from . import test_visits_on_delivery_page
