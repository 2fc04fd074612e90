-- Shared by every scenario script: prints wrk's summary as one JSON line the runner parses.
-- Errors are socket errors (connect, read, write, timeout) plus responses outside 2xx/3xx.
-- A script that stops early defines active_us() (the time its work lasted), added as active_us.
function done(summary, latency, requests)
  local e = summary.errors
  local active = ""
  if active_us then
    local us = active_us()
    if us then active = string.format(',"active_us":%d', us) end
  end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"errors":%d,"socket_errors":%d,"status_errors":%d,' ..
    '"p50_us":%d,"p99_us":%d%s}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), active))
end
