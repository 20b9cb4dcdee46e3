"""The track kit: what every track's services, pages and API are built with, so each is written one way.

inputs (service arguments checked into field errors), guards (who handles the case), web (a workbench POST
step and its refused form), api (a write endpoint). Imports core/ and disputes/ only.
"""
