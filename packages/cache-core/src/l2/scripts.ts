// Lua run atomically on the node owning the key. Every script touches exactly one key, so they work
// unchanged on a single Redis and on Redis Cluster.

// Stream ids "ms-seq" compared numerically (string order is wrong once the lengths differ).
const idLess = `
local function idLess(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am < bm or (am == bm and as < bs)
end`;

const store = `
local function store(ver, pid)
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'ver', ver, 'k', ARGV[2], 'val', ARGV[3], 'soft', ARGV[4], 'at', ARGV[5], 'tags', ARGV[6])
  if pid then redis.call('HSET', KEYS[1], 'pid', pid) end
  redis.call('PEXPIRE', KEYS[1], ARGV[7])
end`;

/**
 * ARGV: version, kind, payload, softExpiresAt, createdAt, tags, ttlMs, mode, pendingId.
 * mode 'fill' (read-through) and 'commit' (write-through) land only when the stored version is not
 * newer; a fill never replaces a write-behind value that has not reached the source ('pid').
 * mode 'pending' (write-behind) keeps the stored version, so older fills stay refused, and only
 * replaces an older pending value. Returns 1 when written, 0 when refused.
 */
export const writeScript = `${idLess}${store}
local cur = redis.call('HMGET', KEYS[1], 'ver', 'pid')
local mode = ARGV[8]
if mode == 'pending' then
  if cur[2] and not idLess(cur[2], ARGV[9]) then return 0 end
  store(cur[1] or '0', ARGV[9])
  return 1
end
if cur[2] and mode == 'fill' then return 0 end
if cur[1] and tonumber(cur[1]) > tonumber(ARGV[1]) then return 0 end
store(ARGV[1], false)
return 1`;

/**
 * After the drainer stored a write-behind entry (ARGV: pendingId, version, ttlMs): the matching
 * pending value becomes a committed one; a newer pending value only learns the version; anything
 * older than the commit is dropped so the next read loads the source. Returns 1, 2 or 3 accordingly
 * (0 when nothing was there).
 */
export const settleScript = `${idLess}
local cur = redis.call('HMGET', KEYS[1], 'ver', 'pid')
if not cur[1] then return 0 end
local ver = tonumber(ARGV[2])
if cur[2] == ARGV[1] then
  redis.call('HSET', KEYS[1], 'ver', math.max(tonumber(cur[1]), ver))
  redis.call('HDEL', KEYS[1], 'pid')
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 1
end
if cur[2] and idLess(ARGV[1], cur[2]) then
  redis.call('HSET', KEYS[1], 'ver', math.max(tonumber(cur[1]), ver))
  return 2
end
if tonumber(cur[1]) < ver or cur[2] then
  redis.call('DEL', KEYS[1])
  return 3
end
return 0`;

/** Deletes the key only if it still holds the caller's token (releasing a lease we own). */
export const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Raises a counter to at least ARGV[1] (never lowers it) and returns the result; ARGV[2] > 0 sets a
 * TTL. Used for namespace generations and tag invalidation times, which must only move forward.
 */
export const raiseScript = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local want = tonumber(ARGV[1])
if want > cur then
  if tonumber(ARGV[2]) > 0 then
    redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  else
    redis.call('SET', KEYS[1], ARGV[1])
  end
  return want
end
return cur`;

/** INCR that never goes below ARGV[1]: a generation lost in a failover cannot go back in time. */
export const bumpScript = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local nextValue = math.max(cur + 1, tonumber(ARGV[1]))
redis.call('SET', KEYS[1], nextValue)
return nextValue`;

/** Removes a write-behind value that will never reach the source (dead-lettered), if still there. */
export const discardScript = `
if redis.call('HGET', KEYS[1], 'pid') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
