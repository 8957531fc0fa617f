-- One atomic, versioned queue transition (compare-and-set on the state version).
-- KEYS: 1 state hash, 2 leader lease, 3 jobs stream, 4 events stream, 5 merged list,
--       6 cancelled sorted set (member 'queue#build', score: when, ms), 7 queues set
-- ARGV: 1 expected version (-1 = absent), 2 new version, 3 state JSON,
--       4 lease value the writer holds ('' = unfenced), 5 queue name, 6 side effects JSON,
--       7 max length of the jobs and events streams and of the merged list (old,
--         long-acknowledged entries go),
--       8 how long a cancellation is kept, ms (workers only ask about builds they hold)
-- Returns 1 written, 0 version changed (re-read and retry), -1 fenced (lease lost).
local current = redis.call('HGET', KEYS[1], 'v')
if current == false then current = '-1' end
if current ~= ARGV[1] then return 0 end
if ARGV[4] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[4] then return -1 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3])
redis.call('SADD', KEYS[7], ARGV[5])
local ops = cjson.decode(ARGV[6])
for _, job in ipairs(ops.jobs) do
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[7], '*', 'queue', ARGV[5], 'build', job.build,
    'entries', job.entries)
end
if #ops.cancelled > 0 then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  for _, id in ipairs(ops.cancelled) do
    redis.call('ZADD', KEYS[6], now, ARGV[5] .. '#' .. id)
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', '(' .. (now - tonumber(ARGV[8])))
end
if #ops.merged > 0 then
  for _, pr in ipairs(ops.merged) do
    redis.call('RPUSH', KEYS[5], pr)
  end
  redis.call('LTRIM', KEYS[5], -tonumber(ARGV[7]), -1)
end
for _, event in ipairs(ops.events) do
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], '*', 'event', event)
end
return 1
