"""From a clip plan to a finished video: the scene plan and storyboard, the clips and the
composition, review (regenerate once each), finalize, and share links. The steps register
with the job engine when `storyboard` and `render` are imported (the router does)."""
