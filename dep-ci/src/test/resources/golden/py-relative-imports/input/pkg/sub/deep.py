from ..b import thing
from ...pkg import a
from . import nothing_here
