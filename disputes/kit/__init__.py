"""The track kit: what every track's services, pages and API are built with, so each is written one way.

inputs (service arguments checked into field errors), guards (who handles the case), doors (what an id in a URL
names, and the 404 for what the caller may not see), web (a workbench POST step and its refused form), api (a
write endpoint). Imports core/ and disputes/ only.
"""
