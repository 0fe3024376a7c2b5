-- wrk script: each request registers a new service record (unique name and locator per thread
-- and request, so none is a duplicate the server answers 403).
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  prefix = args[1] or "r"
end

function request()
  n = n + 1
  local body = string.format(
    '{"group-domains":["bench.example"],"service-locator":["tcp://198.18.%d.%d:%d"],"service-name":["%s %d-%d"],"service-type":["ping"],"ttl":["PT120M"],"type":["service"]}',
    tid % 250, n % 250, 1024 + (n % 60000), prefix, tid, n)
  return wrk.format("POST", "/lookup/records", { ["Content-Type"] = "application/json; charset=utf-8" }, body)
end

function response(status, headers, body)
  if status ~= 200 then
    errors_seen = (errors_seen or 0) + 1
  end
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("non_2xx=%d\n", non2xx))
end
