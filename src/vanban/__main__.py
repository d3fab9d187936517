"""``python -m vanban`` runs the command-line tool."""

import sys

from vanban.cli import main

sys.exit(main())
