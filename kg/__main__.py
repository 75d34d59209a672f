"""``python -m kg`` is the same as the ``ekg`` command."""

from kg.cli import main

main()
