import pkg.sub.mod
import pkg.sub.mod as alias
from pkg.sub import mod
