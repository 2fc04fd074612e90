-- A different token in every request, read from a file of pre-minted tokens (revocation: RFC 7009
-- work is only done for a token not yet revoked). Arguments: TOKEN_FILE "Authorization: ..." [PREFIX].
-- The body is PREFIX .. token. Once the file is used up the thread stops, so no request repeats one.
dofile("report.lua")

local tokens, next_token, auth, prefix = {}, 1, nil, "token="

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  auth = args[2]:match("^Authorization:%s*(.*)$")
  prefix = args[3] or prefix
end

function request()
  local token = tokens[math.min(next_token, #tokens)]
  next_token = next_token + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = auth},
                    prefix .. token)
end

function response(status, headers, body)
  if next_token > #tokens then wrk.thread:stop() end
end
