import ns.plugin
from ns import other
from ns.sub import deep
