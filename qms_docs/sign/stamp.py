"""The visible signature stamp: "Semnat digital de …" with the date, in a shipped TrueType font
(embedded, so Romanian diacritics render and the PDF/A font rule still holds)."""

from __future__ import annotations

import logging
from functools import cache

from ..pdf.compile import fonts_dir

STAMP_TEXT = {
    "ro": "Semnat digital de\n%(signer)s\n%(ts)s",
    "en": "Digitally signed by\n%(signer)s\n%(ts)s",
}


@cache
def stamp_style(language: str = "ro"):
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset" noise
    font = GlyphAccumulatorFactory(str(fonts_dir() / "QMSStampSans.ttf"), font_size=9)
    return TextStampStyle(
        stamp_text=STAMP_TEXT.get(language, STAMP_TEXT["ro"]),
        text_box_style=TextBoxStyle(
            font=font, font_size=9, leading=11,
            box_layout_rule=SimpleBoxLayoutRule(
                x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID,
                margins=Margins.uniform(0))),
        timestamp_format="%Y-%m-%d %H:%M UTC",
        border_width=0,
        background=None,
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID,
            margins=Margins.uniform(3)),
    )
