import sys

from privacy_kb.cli import main

sys.exit(main())
