-- GET the search page as many residents would (SEARCH_MODE):
--   one      the same query (`лавки`), as after a news item everyone reads;
--   town     two-word queries from the benchmark's own vocabulary (a couple
--            of hundred different ones, each still served from the node's
--            copy after its first reader);
--   hostile  random two-letter prefixes (the costliest words allowed);
--   unique   two random two-letter prefixes and a number: never the same
--            query twice, so never served from the node's copy.
-- Each request comes from its own address (X-Forwarded-For; the server runs
-- with --trust-proxy) unless SEARCH_ONE_ADDRESS=1, when one address floods.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local c = require("common")
local mode, tenant, one_address, n
setup = c.setup

local words = { "лавки", "велодоріжку", "дитячий", "майданчик", "пам'ятник", "зупинку", "тротуар",
  "спортивний", "ліхтарі", "фонтан", "сквер", "пандус", "покрив", "відпочинку", "кошики",
  "перехід", "дерева", "укриття", "вбиральню", "стоянку", "бібліотеці", "собак", "школи",
  "парку", "річкою", "площі", "ринку", "набережної", "поліклінікою", "шевченка" }
local letters = { "а", "б", "в", "г", "д", "е", "є", "ж", "з", "и", "і", "к", "л", "м", "н", "о",
  "п", "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "я" }

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(ch) return string.format("%%%02X", string.byte(ch)) end))
end

function init(args)
  mode = os.getenv("SEARCH_MODE") or "one"
  tenant = os.getenv("TENANT")
  one_address = os.getenv("SEARCH_ONE_ADDRESS") == "1"
  n = tid * 7919
  math.randomseed(tid + 1)
end

function request()
  n = n + 1
  local q
  if mode == "town" then
    q = words[(n % #words) + 1] .. " " .. words[(math.floor(n / #words) % #words) + 1]
  elseif mode == "hostile" then
    q = letters[math.random(#letters)] .. letters[math.random(#letters)]
  elseif mode == "unique" then
    q = letters[math.random(#letters)] .. letters[math.random(#letters)] .. " "
      .. letters[math.random(#letters)] .. letters[math.random(#letters)] .. " " .. n
  else
    q = "лавки"
  end
  local from = one_address and "203.0.113.66"
    or string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("GET", "/" .. tenant .. "/search?q=" .. encode(q), { ["X-Forwarded-For"] = from })
end
