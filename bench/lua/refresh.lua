-- Refresh-token rotation (OAuth 2.1 §4.3.1, RFC 6749 §6): each response carries the next refresh
-- token, which goes back into the pool; every request spends one that was never used. Arguments:
-- TOKEN_FILE "Authorization: ...". The file holds more tokens than wrk has connections, so the pool
-- never runs dry while every request succeeds; a failed request loses its token and is an error.
dofile("report.lua")

local pool, auth = {}, nil

function init(args)
  for line in io.lines(args[1]) do pool[#pool + 1] = line end
  auth = args[2]:match("^Authorization:%s*(.*)$")
end

function request()
  local token = table.remove(pool, 1) or "pool-exhausted"
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = auth},
                    "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if token then pool[#pool + 1] = token end
end
