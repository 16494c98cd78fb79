"""The presentation layer: what the engine hands out (values, ids, the game's own words) in the player's language.

``catalogs`` holds the game's own words in gettext catalogs; ``presenter``
formats numbers, dates, amounts, plurals, changes and endings with Babel.
It sits just above ``core``, so the saves, the session, the tools and every
front end word things the same way.
"""
