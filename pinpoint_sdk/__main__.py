"""``python -m pinpoint_sdk``: the ``pinpoint-sdk`` command line."""

import sys

from pinpoint_sdk.cli import main

sys.exit(main())
