-- wrk script for `make bench`: optional list of paths to rotate through (BENCH_PATHS, one per
-- line), extra headers (BENCH_HEADERS, "Name: value" separated by "|"), and a JSON summary
-- with p50/p95/p99 on the last line of output.
local paths = {}
local file = os.getenv("BENCH_PATHS")
if file and file ~= "" then
  for line in io.lines(file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
end
local extra = os.getenv("BENCH_HEADERS") or ""
for pair in string.gmatch(extra, "[^|]+") do
  local name, value = string.match(pair, "^%s*([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

local counter = 0
function setup(thread)
  thread:set("offset", math.random(1, 100000))
end

request = function()
  if #paths == 0 then return wrk.format(nil) end
  counter = counter + 1
  local index = ((counter + (offset or 0)) % #paths) + 1
  return wrk.format(nil, paths[index])
end

done = function(summary, latency, requests)
  local errors = summary.errors
  local failed = errors.connect + errors.read + errors.write + errors.timeout + errors.status
  io.write(string.format(
    '\nBENCH_JSON {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, failed))
end
