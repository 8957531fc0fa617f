-- Renew a worker's claim on a job, only while the job is still pending for that worker.
-- KEYS: 1 jobs stream. ARGV: 1 group, 2 consumer, 3 job id.
-- Returns 1 renewed, 0 when the job was reclaimed by another worker or already acknowledged
-- (a plain XCLAIM would take a reclaimed job back and leave two workers building it).
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1, ARGV[2])
if #pending == 0 then return 0 end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
return 1
