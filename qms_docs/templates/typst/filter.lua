-- qms-docs: HTML bodies -> Typst markup, run as `pandoc lua filter.lua` with one JSON request on
-- stdin and the JSON list of results on stdout.
--
-- The HTML is the site's: each body rendered by Python-Markdown with the extensions of
-- mkdocs.yml and sanitised as the site sanitises it (qms_docs/pdf/markdown.py), so both outputs
-- read one Markdown dialect. Each body is read as a document of its own (pandoc.read), so
-- footnotes, abbreviations and heading ids of one document can never reach another; every
-- identifier is prefixed with the body's namespace, so the bodies that share one Typst document
-- (the manual's chapters) cannot link into each other either.
--
-- Nothing from a body may reach outside it: raw HTML is not read; links to other documents
-- (relative paths) keep their text only, web and mail links stay, an internal link to an id the
-- body does not have keeps its text; images become their description, except in images mode
-- (request.images = {base = folder of the page, assets = {keys}}) where an image whose relative
-- path resolves to one of the keys keeps the key as its path (the report template looks it up
-- among the assets it was given; tables there are sized by their content).
--
-- Request: {images = null | {base, assets}, abbreviations = "title of the abbreviation list",
--           bodies = [{ns = "prefix", html = "..."}]}

local READER = "html-raw_html-auto_identifiers"

local function resolver(images)
  if images == nil or images == pandoc.json.null then return nil end
  local assets = {}
  for _, k in ipairs(images.assets or {}) do assets[k] = true end
  local base = images.base or ""
  return function(src)
    if src:match("^%a[%w+.-]*:") or src:sub(1, 1) == "/" or src:find("\\", 1, true)
        or src:find("%", 1, true) or src:find("?", 1, true) or src:find("#", 1, true) then
      return nil
    end
    local parts = {}
    for seg in (base .. "/" .. src):gmatch("[^/]+") do
      if seg == ".." then
        if #parts == 0 then return nil end
        table.remove(parts)
      elseif seg ~= "." then
        table.insert(parts, seg)
      end
    end
    local key = table.concat(parts, "/")
    if assets[key] then return key end
    return nil
  end
end

local function has_class(el, name)
  for _, c in ipairs(el.classes or {}) do
    if c == name then return true end
  end
  return false
end

-- Python-Markdown's footnotes: a `div.footnote` (a rule and an ordered list whose items carry
-- the ids fn:N) and, in the text, `sup > a.footnote-ref[href=#fn:N]`. They become pandoc notes.
local function footnotes(doc)
  local notes, kept = {}, pandoc.Blocks({})
  for _, block in ipairs(doc.blocks) do
    if block.t == "Div" and has_class(block, "footnote") then
      block:walk({
        Div = function(d)
          if d.identifier:match("^fn:") then
            notes["#" .. d.identifier] = d.content:walk({
              Link = function(l)
                if has_class(l, "footnote-backref") then return {} end
              end,
              Str = function(s)
                local text = s.text:gsub("\u{a0}$", "")
                if text == "" then return {} end
                s.text = text
                return s
              end,
            })
          end
        end,
      })
    else
      kept:insert(block)
    end
  end
  doc.blocks = kept
  return doc:walk({
    Superscript = function(sup)
      local link = sup.content[1]
      if #sup.content == 1 and link.t == "Link" and has_class(link, "footnote-ref")
          and notes[link.target] then
        return pandoc.Note(notes[link.target])
      end
    end,
  })
end

-- Admonitions (div.admonition.KIND with a div.admonition-title) and details blocks
-- (div.details.KIND with a div.admonition-title made from <summary>): a box with its title.
local function boxes(doc)
  return doc:walk({
    Div = function(d)
      local details = has_class(d, "details")
      if not (has_class(d, "admonition") or details) then return nil end
      local kind = "note"
      for _, c in ipairs(d.classes) do
        if c ~= "admonition" and c ~= "details" and c:match("^[a-z][a-z-]*$") then
          kind = c
          break
        end
      end
      local out = pandoc.Blocks({ pandoc.RawBlock("typst", "#qms-box(\"" .. kind .. "\")[") })
      for _, b in ipairs(d.content) do
        if b.t == "Div" and has_class(b, "admonition-title") then
          out:insert(pandoc.Para({ pandoc.Strong(pandoc.utils.blocks_to_inlines(b.content)) }))
        else
          out:insert(b)
        end
      end
      out:insert(pandoc.RawBlock("typst", "]"))
      return out
    end,
  })
end

-- <abbr title="..."> (Python-Markdown's abbreviations): the text stays; the PDF, which has no
-- tooltips, lists each abbreviation used with its meaning at the end of the body.
local function abbreviations(doc, title)
  local seen, order = {}, {}
  doc = doc:walk({
    Span = function(s)
      if has_class(s, "abbr") then
        local key = pandoc.utils.stringify(s.content)
        if not seen[key] then
          seen[key] = s.attributes.title or ""
          table.insert(order, key)
        end
        return s.content
      end
    end,
  })
  if #order > 0 then
    local items = {}
    for _, key in ipairs(order) do
      table.insert(items, { pandoc.Plain({ pandoc.Strong(pandoc.Str(key)), pandoc.Str(":"),
                                           pandoc.Space(), pandoc.Str(seen[key]) }) })
    end
    doc.blocks:insert(pandoc.Para({ pandoc.Strong(pandoc.Str(title)) }))
    doc.blocks:insert(pandoc.BulletList(items))
  end
  return doc
end

-- Identifiers prefixed with the namespace; internal links point to the prefixed id, or keep
-- their text when the body has no such id (Typst refuses a link to a missing label).
local function namespace(doc, ns)
  local ids = {}
  local function rename(el)
    if el.identifier ~= nil and el.identifier ~= "" then
      local new = ns .. el.identifier:gsub("[^%w_-]", "-")
      ids[el.identifier] = new
      el.identifier = new
      return el
    end
  end
  doc = doc:walk({ Header = rename, Div = rename, Span = rename, Code = rename,
                   CodeBlock = rename, Table = rename, Figure = rename, Image = rename })
  return doc:walk({
    Link = function(l)
      if l.target:sub(1, 1) == "#" then
        local id = ids[l.target:sub(2)]
        if id == nil then return l.content end
        l.target = "#" .. id
        l.identifier = ""
        return l
      end
    end,
  })
end

local function outside(doc, resolve)
  return doc:walk({
    Link = function(el)
      local t = el.target
      if t:match("^https?://") or t:match("^mailto:") or t:sub(1, 1) == "#" then return el end
      return el.content
    end,
    Image = function(el)
      local key = resolve ~= nil and resolve(el.src) or nil
      if key ~= nil then return pandoc.Image(el.caption, key) end
      local alt = pandoc.utils.stringify(el.caption or el.content or {})
      if alt == "" then alt = "imagine" end
      return pandoc.Emph({ pandoc.Str("[" .. alt .. "]") })
    end,
    -- images mode (the report pages): Typst sizes the columns from their content
    Table = function(el)
      if resolve == nil then return nil end
      for i, cs in ipairs(el.colspecs) do el.colspecs[i] = { cs[1], pandoc.ColWidthDefault } end
      return el
    end,
    RawInline = function(el) return pandoc.Code(el.text) end,
    RawBlock = function(el) return pandoc.CodeBlock(el.text) end,
  })
end

local function convert(body, resolve, abbr_title)
  local doc = pandoc.read(body.html, READER)
  doc = outside(doc, resolve) -- first: the boxes below add the only raw Typst there is
  doc = footnotes(doc)
  doc = abbreviations(doc, abbr_title)
  doc = namespace(doc, body.ns)
  doc = boxes(doc)
  return pandoc.write(doc, "typst", { wrap_text = "preserve" })
end

local request = pandoc.json.decode(io.read("a"), false)
local resolve = resolver(request.images)
local out = {}
for i, body in ipairs(request.bodies) do
  out[i] = convert(body, resolve, request.abbreviations or "")
end
io.write(pandoc.json.encode(out))
