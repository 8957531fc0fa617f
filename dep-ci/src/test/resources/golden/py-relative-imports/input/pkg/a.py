from .b import thing
from . import c, d
from .. import outside
from .missing import x
