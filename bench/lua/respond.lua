-- POST /api/v1/{t}/polls/{poll}/responses: each benchmark account answers
-- the survey once (a 409 after all have answered is not counted).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local c = require("common")
local tokens, body, path, n
setup = c.setup

function init(args)
  tokens = c.lines(os.getenv("BENCH_TOKENS"))
  body = c.read(os.getenv("BENCH_ANSWER"))
  path = "/api/v1/" .. os.getenv("TENANT") .. "/polls/" .. os.getenv("POLL") .. "/responses"
  n = tid
end

function request()
  local token = tokens[(n % #tokens) + 1]
  n = n + 2
  return wrk.format("POST", path,
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

response = function(status) c.count(status) end
done = function() c.report("2xx responses") end
