-- POST /api/v1/{t}/budgets/{id}/ballots with many bearer tokens and budgets:
-- request number p is the pair (token p mod T, budget p div T), so every
-- request is a new voter's first ballot in that budget (three projects of
-- its ballot, a different three for each voter).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local c = require("common")
local tokens, tenant, first_budget, budgets, first_project, per, n, step

setup = c.setup

function init(args)
  tokens = c.lines(os.getenv("BENCH_TOKENS"))
  tenant = os.getenv("TENANT")
  first_budget = tonumber(os.getenv("FIRST_BUDGET"))
  budgets = tonumber(os.getenv("BUDGET_COUNT"))
  first_project = tonumber(os.getenv("FIRST_BUDGET_PROJECT"))
  per = tonumber(os.getenv("BUDGET_PROJECTS"))
  n = tid
  step = 2
end

function request()
  local p = n
  n = n + step
  local token = tokens[(p % #tokens) + 1]
  local k = math.floor(p / #tokens) % budgets
  local base = first_project + k * per
  local a = base + (p * 7) % per
  local b = base + (p * 7 + 1) % per
  local d = base + (p * 7 + 2) % per
  local body = string.format('{"projects":[%d,%d,%d]}', a, b, d)
  return wrk.format("POST", "/api/v1/" .. tenant .. "/budgets/" .. (first_budget + k) .. "/ballots",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

response = function(status) c.count(status) end
done = function() c.report("2xx ballots") end
