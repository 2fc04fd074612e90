-- A different token in every request, read from a file of pre-minted tokens (revocation: RFC 7009
-- work is only done for a token not yet revoked). Arguments: TOKEN_FILE "Authorization: ..." [PREFIX].
-- The body is PREFIX .. token. Once the file is used up the thread stops, so no request repeats one.
-- wrk divides by the whole -d even when its threads stopped earlier, so the time the feed lasted is
-- measured here (monotonic clock through LuaJIT's FFI) and reported as active_us.
dofile("report.lua")

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } authly_timespec;
int clock_gettime(int clock_id, authly_timespec *tp);
]]
local CLOCK_MONOTONIC = 1

local function now_us()
  local t = ffi.new("authly_timespec")
  ffi.C.clock_gettime(CLOCK_MONOTONIC, t)
  return tonumber(t.tv_sec) * 1e6 + tonumber(t.tv_nsec) / 1e3
end

local tokens, next_token, auth, prefix = {}, 1, nil, "token="
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  auth = args[2]:match("^Authorization:%s*(.*)$")
  prefix = args[3] or prefix
  started_us = now_us()
end

function request()
  local token = tokens[math.min(next_token, #tokens)]
  next_token = next_token + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded", ["Authorization"] = auth},
                    prefix .. token)
end

function response(status, headers, body)
  if next_token > #tokens and not ended_us then
    ended_us = now_us()
    wrk.thread:stop()
  end
end

-- report.lua's done() adds this to its line: how long the feed lasted, when it ran out.
function active_us()
  local longest = nil
  for _, t in ipairs(threads) do
    local s, e = t:get("started_us"), t:get("ended_us")
    if s and e and (not longest or e - s > longest) then longest = e - s end
  end
  return longest
end
