-- GET the path of the command line as a signed-in citizen, rotating over
-- the benchmark accounts' session cookies.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local c = require("common")
local sessions, n
setup = c.setup

function init(args)
  sessions = c.lines(os.getenv("BENCH_SESSIONS"))
  n = tid
end

function request()
  n = n + 2
  return wrk.format("GET", nil, { ["Cookie"] = "civic_session=" .. sessions[(n % #sessions) + 1] })
end
