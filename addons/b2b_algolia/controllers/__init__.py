from . import search
