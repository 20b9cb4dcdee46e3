"""Demo data for development (`manage.py seed_demo`, which `make run` calls).

It drives every track's services, so it lives in an app of its own above them: the kernel (core, disputes)
never imports it.
"""
