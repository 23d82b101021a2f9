from . import test_inspection_flow
from . import test_inspection_security
from . import test_inspection_portal
from . import test_ui
