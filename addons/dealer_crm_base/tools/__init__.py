from . import vehicle_identifiers
