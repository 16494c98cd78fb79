"""Reading a story folder into a checked :class:`~engine.core.model.Story`."""
