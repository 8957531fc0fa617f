from typing import TYPE_CHECKING
import typing
if TYPE_CHECKING:
    from models import Model
else:
    import runtime_only
if typing.TYPE_CHECKING:
    import typed

def handler():
    import lazy
    return lazy

class View:
    def render(self):
        from templates import page
