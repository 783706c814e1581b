-- wrk script: posts the pre-signed requests of $BILLHOOK_REQUESTS in turn, each once per thread slice.
local requests = {}
local index = 0

function setup(thread)
    thread:set("offset", #threads_seen)
    table.insert(threads_seen, thread)
end
threads_seen = {}

function init(args)
    local path = os.getenv("BILLHOOK_REQUESTS")
    local threads = tonumber(os.getenv("BILLHOOK_THREADS") or "1")
    local n = 0
    for line in io.lines(path) do
        if n % threads == offset then
            local tab = line:find("\t", 1, true)
            local headers = { ["Content-Type"] = "application/json", ["Stripe-Signature"] = line:sub(1, tab - 1) }
            table.insert(requests, wrk.format("POST", "/webhooks/stripe", headers, line:sub(tab + 1)))
        end
        n = n + 1
    end
end

-- $BILLHOOK_DELAY_MS: each connection waits this long before its next request (a paced round)
local pause = tonumber(os.getenv("BILLHOOK_DELAY_MS") or "0")
function delay()
    return pause
end

function request()
    index = index + 1
    if index > #requests then
        index = 1
    end
    return requests[index]
end

statuses = {}
function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    io.write(string.format("requests/s: %.0f\n", summary.requests / (summary.duration / 1e6)))
    for _, p in pairs({ 50, 95, 99, 99.9 }) do
        io.write(string.format("p%s: %.2f ms\n", p, latency:percentile(p) / 1000))
    end
    io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, non-2xx %d\n",
        summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
