"""Loading: YAML with positions, Markdown front matter and headings. Each file is read once."""

from .markdown import MarkdownDoc, parse_markdown
from .source import Loaded, Positions, SourceFile
from .yamlpos import LoadProblem, load_yaml_text

__all__ = ["Loaded", "Positions", "SourceFile", "LoadProblem", "load_yaml_text", "MarkdownDoc",
           "parse_markdown"]
