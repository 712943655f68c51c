"""``python -m gwinong_desktop`` does what the ``gwinong-desktop`` command does."""

import sys

from gwinong_desktop.app import main

sys.exit(main())
