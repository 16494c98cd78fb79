"""The game in a web browser (``relocant serve``), for the optional ``web`` extra.

Each browser tab runs its own ``relocant play`` process (the Textual game,
drawn by xterm.js in the page) with its own saves folder. The server itself
never imports Textual.
"""
