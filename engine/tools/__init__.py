"""Authoring tools: explore, replay, graph, stats, scaffolding."""
