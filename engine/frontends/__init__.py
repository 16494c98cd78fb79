"""The ways to play: the plain player, the Textual game, and what they share."""
