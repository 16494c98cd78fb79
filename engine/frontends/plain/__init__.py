"""The plain-text player, for screen readers and scripted play."""
