"""Lets `python -m kohtaa_tui` run the command line."""

import sys

from kohtaa_tui.cli import main

sys.exit(main())
