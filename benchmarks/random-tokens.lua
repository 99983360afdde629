-- Sends a Bearer token picked at random (uniformly, with a fixed seed per thread) from the file named by TOKENS: with a
-- cache of S entries and N > S distinct tokens, about S/N of the lookups find their token cached.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = line
end
math.randomseed(tonumber(os.getenv("SEED") or "1"))
request = function()
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] })
end
