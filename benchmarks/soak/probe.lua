-- The soak's request mix for the saturation probe: one request after another from the file named by SOAK_REQUESTS
-- (lines "<path>\t<Authorization value>", written by Soak.java prepare), round robin. Counts the answers that are
-- neither 200 nor 401 and prints them at the end (the probe must measure the real mix, not errors).
local lines = {}
for line in io.lines(os.getenv("SOAK_REQUESTS")) do
  local path, authorization = line:match("^([^\t]+)\t(.+)$")
  lines[#lines + 1] = { path, authorization }
end
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  -- formatted here, once wrk knows the host
  requests = {}
  for i, l in ipairs(lines) do
    requests[i] = wrk.format("GET", l[1], { ["Authorization"] = l[2] })
  end
  counter = 0
  odd = 0
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function response(status, headers, body)
  if status ~= 200 and status ~= 401 then
    odd = odd + 1
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do
    n = n + thread:get("odd")
  end
  io.write(string.format("probe-odd-answers %d\n", n))
end
