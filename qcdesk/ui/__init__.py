"""PySide6 desktop interface; calls the core, never the other way round."""
