"""The game's own widgets: a passage of text, the choices, the side panel."""
