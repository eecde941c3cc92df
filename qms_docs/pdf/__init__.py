"""The PDF stage: Markdown → Typst (pandoc) → PDF/A-2b (typst), one module per step."""

from .build import BuildResult, build_pdfs
from .data import pdf_name

__all__ = ["BuildResult", "build_pdfs", "pdf_name"]
