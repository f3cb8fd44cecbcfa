-- wrk script: the unpaid POST /api/ai/summarize, which runs the whole middleware chain up to the 402 challenge.
wrk.method = "POST"
wrk.body = '{"text":"Benchmarks measure the challenge path of the gateway."}'
wrk.headers["Content-Type"] = "application/json"
