"""A music video's timeline, in three steps, each in its own module and all pure functions
(no database, no web): the beat grid and its corrections (`grid`), the song's sections and
their edits (`sections`), and the clip plan cut from both (`clips`). Import from here.

    grid = grid_from_analysis(analysis)                 # then e.g. double_tempo(grid)
    sections = suggest_sections(grid, analysis.sections)  # then split / merge / move …
    clips = plan_clips(grid, sections, EnergyCurve(analysis.beats, analysis.energy), lyrics)

Every function returns new values and raises `GridError` or `SectionError` (both ValueError,
with a message for the creator) when asked for something the rules forbid. After a grid
correction, `resnap_sections` puts the sections back on the new grid."""

from app.videos.clips import Clip, EnergyCurve, LyricLine, plan_clips, target_length
from app.videos.grid import (
    Grid,
    GridError,
    double_tempo,
    grid_from_analysis,
    halve_tempo,
    nudge,
    set_beats_per_bar,
    shift_downbeats,
    to_offbeats,
)
from app.videos.sections import (
    Section,
    SectionError,
    merge_sections,
    move_boundary,
    relabel_section,
    replace_sections,
    resnap_sections,
    set_section_note,
    snap,
    split_section,
    suggest_sections,
    validate_sections,
)

__all__ = [
    "Clip",
    "EnergyCurve",
    "Grid",
    "GridError",
    "LyricLine",
    "Section",
    "SectionError",
    "double_tempo",
    "grid_from_analysis",
    "halve_tempo",
    "merge_sections",
    "move_boundary",
    "nudge",
    "plan_clips",
    "relabel_section",
    "replace_sections",
    "resnap_sections",
    "set_beats_per_bar",
    "set_section_note",
    "shift_downbeats",
    "snap",
    "to_offbeats",
    "split_section",
    "suggest_sections",
    "target_length",
    "validate_sections",
]
