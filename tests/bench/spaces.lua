-- wrk script: cycles through every fixture space of the emulator, so requests are spread over 11 spaces
-- (fewer identical requests in flight to share one upstream call than with a single hot space).
local ids = {
  "01f0eca3dc1b1cbc9b65fa58f94c18ad", "01f0a7a327cd11978f2951f81a61bfdd", "01f0b2c4e8a91d3fa7c6b0e5d4f3a2b1",
  "01f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4", "01f0d4e5f6a7b8c9d0e1f2a3b4c5d6e7", "01f0e1f2a3b4c5d6e7f8a9b0c1d2e3f4",
  "01f0f3a4b5c6d7e8f9a0b1c2d3e4f5a6", "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4", "01f0b3c4d5e6f7a8b9c0d1e2f3a4b5c6",
  "01f0c5d6e7f8a9b0c1d2e3f4a5b6c7d8", "01f0d7e8f9a0b1c2d3e4f5a6b7c8d9e0",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/genie/get?space_id=" .. ids[(n % #ids) + 1])
end
