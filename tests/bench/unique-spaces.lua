-- wrk script: every request asks for a space no other request asked for (thread number + a counter, 32 hex digits),
-- so no two requests can share one upstream call. The nginx stand-in (nginx-standin.sh) answers any such id.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", string.format("/api/genie/get?space_id=%08x%024x", tid, n))
end
