"""Editable Word copies of controlled documents (qms docx)."""

from __future__ import annotations

from .export import export_docx, save_default_reference

__all__ = ["export_docx", "save_default_reference"]
