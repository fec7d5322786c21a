"""verkosto: network maps and metrics of a Finnish family centre (perhekeskus) from its roster."""

from .analysis import Analysis, analyse
from .errors import OutputError, Problem, RosterError, VerkostoError
from .graph import build_graph, collaboration, groups, organisations, persons, project
from .load import Roster, load_roster, validate_roster
from .render import MapView, show, to_html, write_html

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "MapView",
    "OutputError",
    "Problem",
    "Roster",
    "RosterError",
    "VerkostoError",
    "analyse",
    "build_graph",
    "collaboration",
    "groups",
    "load_roster",
    "organisations",
    "persons",
    "project",
    "show",
    "to_html",
    "validate_roster",
    "write_html",
]
