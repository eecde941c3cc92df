"""qms-docs: docs-as-code for an ISO 9001 / CAF 2020 / OSGG 600 quality management system."""

__version__ = "0.1.0"
