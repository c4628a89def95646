"""The clerk's web view (``deadlines serve``): pages and a JSON API over the store.

``app`` builds the application; ``pages`` and ``api`` are its handlers; ``accounts`` and ``auth``
the accounts, sessions and CSRF tokens; ``reads`` narrows the library's answers to an account's
unit; ``record`` and ``questions`` turn forms into library calls. Nothing here is imported by the
command line unless ``serve`` or ``user`` runs.
"""
