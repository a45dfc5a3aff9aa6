"""salescli: a sales department's written management policy, as a command-line toolkit."""

__version__ = "0.1.0"
