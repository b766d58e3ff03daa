"""The one compiled part of speechlint, speechlint._segcore (the segmentation's inner loop in
C, see speechlint/_segcore.c). It is optional: where no C compiler is at hand the build goes
on without it, and speechlint runs the same computation in Python, slower. Everything else is
declared in pyproject.toml."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("speechlint._segcore", ["speechlint/_segcore.c"], optional=True)])
