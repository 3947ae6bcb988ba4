"""Thin ipywidgets views over the course's pure logic.

Each view has Python verbs (``answer``, ``submit``, ``reset``, ...) so tests
drive it like a learner, keeps its state readable, and writes feedback into an
``HTML`` widget's ``value`` in one assignment (never printed). Modules here are
imported only when a notebook uses a verb (see ``course/__init__.py``).
"""
