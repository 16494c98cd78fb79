"""What every front end shares about a sitting at the game: saving, reloading."""
