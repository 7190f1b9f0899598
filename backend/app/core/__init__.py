"""Types every layer may use — the progress callback and the errors that cross layers.
This package imports nothing else from the app, so anything can depend on it."""
