-- qms-docs pandoc filter for the PDF route: nothing from a body may reach outside it.
-- Links to other documents (relative paths) keep their text only; web and mail links stay.
-- Images become their description in brackets (a PDF never reads files a body names).

function Link(el)
  local t = el.target
  if t:match("^https?://") or t:match("^mailto:") then
    return el
  end
  return el.content
end

function Image(el)
  local alt = pandoc.utils.stringify(el.caption or el.content or {})
  if alt == "" then alt = "imagine" end
  return pandoc.Emph({ pandoc.Str("[" .. alt .. "]") })
end

function RawInline(el)
  return pandoc.Code(el.text)
end

function RawBlock(el)
  return pandoc.CodeBlock(el.text)
end
