"""The game's screens, each with its stylesheet beside it."""
