-- wrk script of the soak (bench/soak.py): `wrk -s bench/mix.lua BASE_URL -- PATH...` sends the paths
-- in turn on each thread, and counts the responses that are not 2xx and those that are 5xx (wrk's own
-- "Non-2xx or 3xx" count is of statuses from 400 up).

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    paths = args
    sent = 0
    non_2xx = 0
    server_errors = 0
end

function request()
    sent = sent + 1
    return wrk.format(nil, paths[(sent - 1) % #paths + 1])
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non_2xx = non_2xx + 1
    end
    if status >= 500 then
        server_errors = server_errors + 1
    end
end

function done(summary, latency, requests)
    local total_non_2xx, total_server_errors = 0, 0
    for _, thread in ipairs(threads) do
        total_non_2xx = total_non_2xx + thread:get("non_2xx")
        total_server_errors = total_server_errors + thread:get("server_errors")
    end
    io.write(string.format("mix: non-2xx %d, 5xx %d\n", total_non_2xx, total_server_errors))
end
