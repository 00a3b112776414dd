-- wrk script: SQS SendMessage in the Query protocol (form-encoded POST, XML response).
-- Used by bench_endpoint.sh; by hand:
--   wrk -t2 -c8 -d10s -s sendmessage.lua http://127.0.0.1:PORT/ -- QUEUE_URL
-- Counts every response by status class in each thread and prints the totals at the end,
-- so a run whose requests were refused is not mistaken for throughput.

local threads = {}

local function urlencode(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
   table.insert(threads, thread)
end

local req

function init(args)
   local queueUrl = args[1]
   if not queueUrl then
      error("sendmessage.lua: pass the queue URL after --")
   end
   local body = string.rep("x", 64)   -- a 64-character message body
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   wrk.body = "Action=SendMessage&Version=2012-11-05&QueueUrl=" .. urlencode(queueUrl)
      .. "&MessageBody=" .. urlencode(body)
   req = wrk.format()
   ok2xx = 0
   non2xx = 0
   firstBad = ""
end

function request()
   return req
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok2xx = ok2xx + 1
   else
      non2xx = non2xx + 1
      if firstBad == "" then
         firstBad = status .. " " .. string.sub(body or "", 1, 300)
      end
   end
end

function done(summary, latency, requests)
   local ok, bad, sample = 0, 0, ""
   for _, t in ipairs(threads) do
      ok = ok + t:get("ok2xx")
      bad = bad + t:get("non2xx")
      local fb = t:get("firstBad")
      if sample == "" and fb ~= nil and fb ~= "" then sample = fb end
   end
   local e = summary.errors
   io.write(string.format("responses: 2xx=%d non2xx=%d\n", ok, bad))
   io.write(string.format("socket errors: connect=%d read=%d write=%d timeout=%d status(>399)=%d\n",
      e.connect, e.read, e.write, e.timeout, e.status))
   io.write(string.format("requests/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
   io.write(string.format("latency: median=%.3fms p99=%.3fms\n",
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
   if sample ~= "" then
      io.write("first non-2xx: " .. sample:gsub("\n", " ") .. "\n")
   end
end
