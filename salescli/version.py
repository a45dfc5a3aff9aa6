"""The version of salescli (equal to pyproject.toml's: tests/test_imports.py), in a module of its
own so that any module can import it without importing the package and its lazy API."""

__version__ = "0.1.0"
