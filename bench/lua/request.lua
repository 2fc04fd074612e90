-- The same request every time. Arguments: METHOD [BODY] ["Name: value" header...].
-- Used for discovery, JWKS, client_credentials, introspection of one token and userinfo.
dofile("report.lua")

function init(args)
  wrk.method = args[1] or "GET"
  if args[2] and args[2] ~= "" then
    wrk.body = args[2]
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  for i = 3, #args do
    local name, value = args[i]:match("^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
end
