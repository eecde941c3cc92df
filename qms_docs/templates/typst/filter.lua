-- qms-docs pandoc filter for the PDF route: nothing from a body may reach outside it.
-- Links to other documents (relative paths) keep their text only; web and mail links stay.
-- Images become their description in brackets (a PDF never reads files a body names), except in
-- images mode (metadata qms-image-assets: comma-separated asset keys, qms-image-base: the folder
-- of the page): an image whose relative path resolves to one of the keys keeps that key as its
-- path, and the report template looks the key up among the assets it was given; tables there
-- are sized by their content (see Table).

local assets = nil -- set of asset keys, images mode only
local base = ""

local function meta_string(v)
  if v == nil then return "" end
  return pandoc.utils.stringify(v)
end

local function Meta(meta)
  local keys = meta_string(meta["qms-image-assets"])
  base = meta_string(meta["qms-image-base"])
  if meta["qms-image-assets"] ~= nil then
    assets = {}
    for k in keys:gmatch("[^,]+") do assets[k] = true end
  end
end

-- The asset key a relative image path names from the page's folder, or nil.
local function resolve(src)
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
  if assets ~= nil and assets[key] then return key end
  return nil
end

local function Link(el)
  local t = el.target
  if t:match("^https?://") or t:match("^mailto:") then
    return el
  end
  return el.content
end

local function Image(el)
  local key = assets ~= nil and resolve(el.src) or nil
  if key ~= nil then
    return pandoc.Image(el.caption, key)
  end
  local alt = pandoc.utils.stringify(el.caption or el.content or {})
  if alt == "" then alt = "imagine" end
  return pandoc.Emph({ pandoc.Str("[" .. alt .. "]") })
end

-- Images mode (the report pages): pipe tables get no fixed column widths (pandoc derives them
-- from the dashes of the delimiter row, all equal in generated pages); Typst sizes the columns
-- from their content instead.
local function Table(el)
  if assets == nil then return nil end
  for i, cs in ipairs(el.colspecs) do
    el.colspecs[i] = { cs[1], pandoc.ColWidthDefault }
  end
  return el
end

local function RawInline(el)
  return pandoc.Code(el.text)
end

local function RawBlock(el)
  return pandoc.CodeBlock(el.text)
end

return {
  { Meta = Meta },
  { Link = Link, Image = Image, Table = Table, RawInline = RawInline, RawBlock = RawBlock },
}
