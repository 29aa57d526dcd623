"""`python -m benchmarks`: every figure in one run (see benchmarks/harness.py)."""

import sys

from benchmarks.harness import main

sys.exit(main())
