"""speechlint's built-in rule files: one TOML file per rule (installed as speechlint.rules)."""
