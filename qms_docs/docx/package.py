"""Finishing pandoc's .docx: the OSGG page header and a footer, the notice paragraph, custom
document properties, styles the reference document may lack; then a deterministic zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
W = f"{{{W_NS}}}"
REL_HEADER = f"{R_NS}/header"
REL_FOOTER = f"{R_NS}/footer"
REL_CUSTOM = f"{R_NS}/custom-properties"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
HEADER_PART, FOOTER_PART = "word/qms-header.xml", "word/qms-footer.xml"
STYLES = {  # styleId -> (name, run properties)
    "QMSHeader": ("QMS Header", '<w:sz w:val="18"/>'),
    "QMSNotice": ("QMS Notice", '<w:i/><w:color w:val="7F7F7F"/><w:sz w:val="16"/>'),
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _w(tag: str, **attrs: str):
    el = etree.Element(f"{W}{tag}", nsmap={"w": W_NS, "r": R_NS})
    for k, v in attrs.items():
        el.set(f"{W}{k}", v)
    return el


def _sub(parent, tag: str, **attrs: str):
    el = etree.SubElement(parent, f"{W}{tag}")
    for k, v in attrs.items():
        el.set(f"{W}{k}", v)
    return el


def _para(parent, style: str, runs: list, bold: bool = False):
    """runs: text, or ('field', INSTR, shown)."""
    p = _sub(parent, "p")
    _sub(_sub(p, "pPr"), "pStyle", val=style)
    for run in runs:
        if isinstance(run, tuple):
            fld = _sub(p, "fldSimple", instr=run[1])
            r = _sub(fld, "r")
            _sub(r, "t").text = run[2]
            continue
        r = _sub(p, "r")
        if bold:
            _sub(_sub(r, "rPr"), "b")
        t = _sub(r, "t")
        t.text = run
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


def _cell(tr, width: int, lines: list):
    tc = _sub(tr, "tc")
    _sub(_sub(tc, "tcPr"), "tcW", w=str(width), type="pct")
    for i, line in enumerate(x for x in lines if x):
        _para(tc, "QMSHeader", line if isinstance(line, list) else [line], bold=i == 0)
    if not len(tc) > 1:
        _para(tc, "QMSHeader", [""])
    return tc


def header_xml(h: dict) -> bytes:
    hdr = _w("hdr")
    tbl = _sub(hdr, "tbl")
    pr = _sub(tbl, "tblPr")
    _sub(pr, "tblW", w="5000", type="pct")
    borders = _sub(pr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, side, val="single", sz="4", space="0", color="000000")
    grid = _sub(tbl, "tblGrid")
    for w in (3000, 3600, 2400):
        _sub(grid, "gridCol", w=str(w))
    tr = _sub(tbl, "tr")
    page, of = h["page"]
    _cell(tr, 1650, [h["authority"], h["department"]])
    _cell(tr, 2050, [h["kind"], h["title"]])
    _cell(tr, 1300, [h["code"], h["edition"], h["revision"], h["effective"],
                     [f"{page} ", ("field", " PAGE ", "1"), f" {of} ",
                      ("field", " NUMPAGES ", "1")], h["copy"]])
    _para(hdr, "QMSHeader", [""])
    return etree.tostring(hdr, xml_declaration=True, encoding="UTF-8", standalone=True)


def footer_xml(notice: str) -> bytes:
    ftr = _w("ftr")
    _para(ftr, "QMSNotice", [notice])
    return etree.tostring(ftr, xml_declaration=True, encoding="UTF-8", standalone=True)


def custom_xml(props: dict[str, str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    for pid, (name, value) in enumerate(sorted(props.items()), start=2):
        p = etree.SubElement(root, f"{{{ns}}}property",
                             fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", pid=str(pid),
                             name=name)
        etree.SubElement(p, f"{{{vt}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _styles(xml: bytes) -> bytes:
    root = etree.fromstring(xml, _PARSER)
    have = {s.get(f"{W}styleId") for s in root.iter(f"{W}style")}
    for sid, (name, rpr) in STYLES.items():
        if sid in have:
            continue  # the authority restyled it in its reference document
        frag = (f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:customStyle="1" '
                f'w:styleId="{sid}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
                f'<w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
                f'<w:rPr>{rpr}</w:rPr></w:style>')
        root.append(etree.fromstring(frag, _PARSER))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _document(xml: bytes, notice: str, hid: str, fid: str) -> bytes:
    root = etree.fromstring(xml, _PARSER)
    body = root.find(f"{W}body")
    p = _w("p")
    _sub(_sub(p, "pPr"), "pStyle", val="QMSNotice")
    r = _sub(p, "r")
    _sub(r, "t").text = notice
    body.insert(0, p)
    sect = body.find(f"{W}sectPr")
    if sect is None:
        sect = _sub(body, "sectPr")
    for old in sect.findall(f"{W}headerReference") + sect.findall(f"{W}footerReference"):
        sect.remove(old)
    for i, (tag, rid) in enumerate((("headerReference", hid), ("footerReference", fid))):
        el = etree.Element(f"{W}{tag}")
        el.set(f"{W}type", "default")
        el.set(f"{{{R_NS}}}id", rid)
        sect.insert(i, el)
    for tp in sect.findall(f"{W}titlePg"):
        sect.remove(tp)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels(xml: bytes, add: list[tuple[str, str]]) -> tuple[bytes, list[str]]:
    root = etree.fromstring(xml, _PARSER)
    ids = {r.get("Id") for r in root}
    out = []
    n = 1
    for rtype, target in add:
        while f"rIdQms{n}" in ids:
            n += 1
        rid = f"rIdQms{n}"
        ids.add(rid)
        etree.SubElement(root, f"{{{PKG}}}Relationship", Id=rid, Type=rtype, Target=target)
        out.append(rid)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), out


def _types(xml: bytes, add: list[tuple[str, str]]) -> bytes:
    root = etree.fromstring(xml, _PARSER)
    have = {o.get("PartName") for o in root.iter(f"{{{CT}}}Override")}
    for part, ctype in add:
        if part not in have:
            etree.SubElement(root, f"{{{CT}}}Override", PartName=part, ContentType=ctype)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def finish(raw: bytes, header: dict, notice: str, props: dict[str, str], epoch: int) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts[HEADER_PART] = header_xml(header)
    parts[FOOTER_PART] = footer_xml(notice)
    parts["docProps/custom.xml"] = custom_xml(props)
    parts["word/styles.xml"] = _styles(parts["word/styles.xml"])
    doc_rels = "word/_rels/document.xml.rels"
    parts[doc_rels], (hid, fid) = _rels(parts[doc_rels], [(REL_HEADER, "qms-header.xml"),
                                                          (REL_FOOTER, "qms-footer.xml")])
    rels = parts["_rels/.rels"]
    if b"custom-properties" not in rels:
        parts["_rels/.rels"], _ = _rels(rels, [(REL_CUSTOM, "docProps/custom.xml")])
    parts["word/document.xml"] = _document(parts["word/document.xml"], notice, hid, fid)
    parts["[Content_Types].xml"] = _types(parts["[Content_Types].xml"], [
        (f"/{HEADER_PART}", CT_HEADER), (f"/{FOOTER_PART}", CT_FOOTER),
        ("/docProps/custom.xml", CT_CUSTOM)])
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    buf = io.BytesIO()
    order = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, parts[name])
    return buf.getvalue()
