from . import portal, visit
