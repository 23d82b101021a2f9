from . import dealer_vehicle_delivery
