-- PUT /api/v1/{t}/ideas/{id}/support with many bearer tokens and ideas:
-- request number p of the run is the pair (token p mod T, idea p div T),
-- so every request stores a new support row. PAIR_OFFSET shifts the pairs.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local c = require("common")
local tokens, first, count, tenant, n, step, offset

setup = c.setup

function init(args)
  tokens = c.lines(os.getenv("BENCH_TOKENS"))
  first = tonumber(os.getenv("FIRST_IDEA"))
  count = tonumber(os.getenv("LAST_IDEA")) - first + 1
  tenant = os.getenv("TENANT")
  offset = tonumber(os.getenv("PAIR_OFFSET") or "0")
  n = tid
  step = 2
end

function request()
  local p = offset + n
  n = n + step
  local token = tokens[(p % #tokens) + 1]
  local idea = first + (math.floor(p / #tokens) % count)
  return wrk.format("PUT", "/api/v1/" .. tenant .. "/ideas/" .. idea .. "/support",
    { ["Authorization"] = "Bearer " .. token })
end

response = function(status) c.count(status) end
done = function() c.report("2xx supports") end
