"""`python -m speechlint` and the `speechlint` command (pyproject's [project.scripts]): run()
answers --version before it imports the linter (issue 12: start-up), then hands over to cli.main."""
import sys


def run() -> int:
    if sys.argv[1:] == ["--version"]:
        from speechlint import __version__

        print(f"speechlint {__version__}")
        return 0
    from speechlint.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
