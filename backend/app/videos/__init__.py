"""Music videos: a song cut into clips. The timeline (grid, sections, clip plan) is pure: see timeline."""
