import sys

from speechlint.cli import main

sys.exit(main())
