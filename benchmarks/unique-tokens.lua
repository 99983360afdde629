-- Sends a different Bearer token with every request (no cache hits), read from the file named by TOKENS.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = line
end
local counter = 0
request = function()
  counter = counter % #tokens + 1
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. tokens[counter] })
end
