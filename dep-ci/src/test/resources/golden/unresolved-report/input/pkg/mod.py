from .absent import x
