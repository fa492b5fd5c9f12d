-- A realistic mix on the benchmark tenant: 80 % page reads (lists signed out
-- and in, ideas, the long thread, search, the survey's results), 15 % API
-- reads, 5 % support writes (new rows: see support.lua). DELAY_MS paces each
-- connection (the soak runs at a fixed rate).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local c = require("common")
local t, space, first, count, thread, poll, cursor
local tokens, sessions, n, w, offset, pause
setup = c.setup

function init(args)
  t = os.getenv("TENANT"); space = os.getenv("SPACE"); poll = os.getenv("POLL")
  first = tonumber(os.getenv("FIRST_IDEA"))
  count = tonumber(os.getenv("LAST_IDEA")) - first + 1
  thread = os.getenv("THREAD_IDEA"); cursor = os.getenv("DEEP_CURSOR")
  tokens = c.lines(os.getenv("BENCH_TOKENS"))
  sessions = c.lines(os.getenv("BENCH_SESSIONS"))
  offset = tonumber(os.getenv("PAIR_OFFSET") or "0")
  pause = tonumber(os.getenv("DELAY_MS") or "0")
  math.randomseed(1000 + tid)
  n = tid; w = tid
end

local words = { "%D0%BB%D0%B0%D0%B2%D0%BA%D0%B8", "%D0%BF%D1%96%D0%B4%27%D1%97%D0%B7%D0%B4",
  "playground", "%D1%81%D0%BA%D0%B2%D0%B5%D1%80" }

local function idea() return first + math.random(0, count - 1) end

function request()
  local r = math.random(100)
  n = n + 1
  if r <= 95 then
    local path, headers
    if r <= 20 then path = "/" .. t .. "/spaces/" .. space
    elseif r <= 30 then path = "/" .. t .. "/spaces/" .. space
      headers = { ["Cookie"] = "civic_session=" .. sessions[(n % #sessions) + 1] }
    elseif r <= 35 then path = "/" .. t .. "/spaces/" .. space .. "?sort=newest&cursor=" .. cursor
    elseif r <= 60 then path = "/" .. t .. "/ideas/" .. idea()
    elseif r <= 63 then path = "/" .. t .. "/ideas/" .. thread
    elseif r <= 70 then path = "/" .. t .. "/search?q=" .. words[math.random(#words)]
    elseif r <= 75 then path = "/" .. t .. "/"
    elseif r <= 80 then path = "/" .. t .. "/polls/" .. poll .. "/results"
    elseif r <= 88 then path = "/api/v1/" .. t .. "/spaces/" .. space .. "/ideas"
    else path = "/api/v1/" .. t .. "/ideas/" .. idea() end
    return wrk.format("GET", path, headers)
  end
  local p = offset + w
  w = w + 2
  return wrk.format("PUT", "/api/v1/" .. t .. "/ideas/" .. (first + (math.floor(p / #tokens) % count)) .. "/support",
    { ["Authorization"] = "Bearer " .. tokens[(p % #tokens) + 1] })
end

if os.getenv("DELAY_MS") then
  function delay() return pause end
end

response = function(status) c.count(status) end
done = function() c.report("2xx") end
