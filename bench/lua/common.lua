-- Shared by the wrk scripts: the benchmark credentials and status counts.
-- Files come from `civicspace bench-tenant --out DIR` via the env variables
-- bench/lib.sh exports.
local M = {}

function M.lines(path)
  local out = {}
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

function M.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

-- Each wrk thread learns its number, so threads never repeat a write.
local threads = {}
function M.setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- Counts 2xx answers per thread; done() sums them for the table.
function M.count(status)
  if status >= 200 and status < 300 then ok = (ok or 0) + 1 end
end

function M.report(label)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("ok") or 0) end
  io.write(string.format("bench: %s %d\n", label, total))
end

return M
