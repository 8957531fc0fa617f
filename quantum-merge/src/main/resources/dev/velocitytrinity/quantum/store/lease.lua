-- Take or renew the scheduler lease. A new holder gets a fresh fencing token.
-- KEYS: 1 lease, 2 fencing counter. ARGV: 1 owner, 2 ttl millis.
-- Returns the lease value 'owner:token' when the caller holds it, false otherwise.
local current = redis.call('GET', KEYS[1])
if current then
  if string.sub(current, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. ':' then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return current
  end
  return false
end
local token = redis.call('INCR', KEYS[2])
local value = ARGV[1] .. ':' .. token
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return value
