"""Sales Center: a desktop order desk for call centers."""

from . import errors
from .api import Desk, SalesCenter

__version__ = "0.1.0"
__all__ = ["Desk", "SalesCenter", "__version__", "errors"]
