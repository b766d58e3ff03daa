"""speechlint: a linter for Chinese speeches, official documents and reports."""

__version__ = "0.1.0"
