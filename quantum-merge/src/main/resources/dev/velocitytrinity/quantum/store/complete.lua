-- Report a build result once and acknowledge the job, atomically.
-- KEYS: 1 done sorted set (member 'queue#build', score: when, ms), 2 results stream, 3 jobs stream.
-- ARGV: 1 'queue#build', 2 queue, 3 build, 4 passed, 5 worker, 6 job group, 7 job id,
--       8 how long a reported build is remembered, ms (longer than any job stays pending).
-- Returns 1 when this call reported the result, 0 when another worker already had.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local first = redis.call('ZADD', KEYS[1], 'NX', now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - tonumber(ARGV[8])))
if first == 1 then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100000', '*', 'queue', ARGV[2], 'build', ARGV[3],
    'passed', ARGV[4], 'worker', ARGV[5])
end
redis.call('XACK', KEYS[3], ARGV[6], ARGV[7])
return first
