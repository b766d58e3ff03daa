import sys

if sys.argv[1:] == ["--version"]:  # answered before the imports (issue 12: start-up)
    from speechlint import __version__

    print(f"speechlint {__version__}")
    sys.exit(0)

from speechlint.cli import main

sys.exit(main())
