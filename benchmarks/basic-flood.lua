-- A flood of wrong Basic passwords for benchmarks/basic-flood.sh: every request a different password
-- (wrong-<counter>) for one of FLOOD_USERS existing users named FLOOD_PREFIX-1 .. FLOOD_PREFIX-<FLOOD_USERS>, sent
-- from one of 256 client addresses (X-Forwarded-For FLOOD_ADDRESS_PREFIX.<0..255>; the server forwards proxy
-- addresses), so that neither the per-user nor the per-address throttle sees one name or one address only.
-- FLOOD_MODE=none sends no credentials at all (a flood that needs no hash, for reference); FLOOD_MODE=one-client sends
-- no X-Forwarded-For (every request from the load generator's own address), as a single guesser would.
-- Counts the answers by status; done() prints one line: "flood-statuses 401=.. 429=.. 503=.. other=.. errors=..".
local prefix = os.getenv("FLOOD_PREFIX") or "flood"
local users = tonumber(os.getenv("FLOOD_USERS") or "16")
local addresses = os.getenv("FLOOD_ADDRESS_PREFIX") or "127.1.0"
local mode = os.getenv("FLOOD_MODE") or "basic"

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(text)
  local out = {}
  for i = 1, #text, 3 do
    local a, b, c = text:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1 = math.floor(n / 262144) % 64
    local c2 = math.floor(n / 4096) % 64
    local c3 = math.floor(n / 64) % 64
    local c4 = n % 64
    out[#out + 1] = alphabet:sub(c1 + 1, c1 + 1) .. alphabet:sub(c2 + 1, c2 + 1)
        .. (b and alphabet:sub(c3 + 1, c3 + 1) or "=") .. (c and alphabet:sub(c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  counter = 0
  s401, s429, s503, sother = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  local headers = {}
  if mode ~= "one-client" then
    headers["X-Forwarded-For"] = addresses .. "." .. (counter % 256)
  end
  if mode ~= "none" then
    local user = prefix .. "-" .. (counter % users + 1)
    headers["Authorization"] = "Basic " .. base64(user .. ":wrong-" .. id .. "-" .. counter)
  end
  return wrk.format("GET", wrk.path, headers)
end

function response(status, headers, body)
  if status == 401 then
    s401 = s401 + 1
  elseif status == 429 then
    s429 = s429 + 1
  elseif status == 503 then
    s503 = s503 + 1
  else
    sother = sother + 1
  end
end

function done(summary, latency, requests)
  local t = { s401 = 0, s429 = 0, s503 = 0, sother = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do
      t[k] = t[k] + thread:get(k)
    end
  end
  local e = summary.errors
  io.write(string.format("flood-statuses 401=%d 429=%d 503=%d other=%d errors=%d\n", t.s401, t.s429, t.s503,
      t.sother, e.connect + e.read + e.write + e.timeout))
end
