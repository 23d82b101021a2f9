from . import dealer_inspection_template
from . import dealer_inspection_template_item
from . import dealer_vehicle_inspection
from . import dealer_vehicle_inspection_line
from . import dealer_vehicle_inspection_estimate
from . import dealer_deferred_work
from . import dealer_service_visit
from . import fleet_vehicle
