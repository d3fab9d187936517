"""The package version, read by hatchling and by ``vanban --version``."""

__version__ = "0.1.0"
