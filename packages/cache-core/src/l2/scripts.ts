// Lua run atomically on the node owning the key. Every script touches exactly one key, so they work
// unchanged on a single Redis and on Redis Cluster (the commit script's optional publish is only
// asked for on a single Redis, see commitScript).

// Stream ids "ms-seq" compared numerically (string order is wrong once the lengths differ).
const idLess = `
local function idLess(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am < bm or (am == bm and as < bs)
end`;

// Reading the one-string record of record-codec.ts (1-based offsets): the version at 3..18, the
// pending-id length at 51..52, the pending id from 61. A value of another type (a hash left by an
// older release) or without the format marker counts as absent, so the next write replaces it.
const record = `
local function current()
  local cur = redis.pcall('GET', KEYS[1])
  if type(cur) ~= 'string' or string.sub(cur, 1, 1) ~= '1' then return false end
  return cur
end
local function versionOf(rec) return tonumber(string.sub(rec, 3, 18)) end
local function pidOf(rec)
  local n = tonumber(string.sub(rec, 51, 52))
  if not n or n == 0 then return false end
  return string.sub(rec, 61, 60 + n)
end
local function withVersion(rec, ver)
  return string.sub(rec, 1, 2) .. string.format('%016.0f', ver) .. string.sub(rec, 19)
end`;

/**
 * ARGV: encoded record, ttlMs, mode ('fill' or 'pending'; write-through commits use commitScript).
 * mode 'fill' (read-through) lands only when the stored version is not newer, and never replaces a
 * write-behind value that has not reached the source (pending id). mode 'pending' (write-behind)
 * keeps the stored version, so older fills stay refused, and only replaces an older pending value.
 * Returns 1 when written, 0 when refused.
 */
export const writeScript = `${idLess}${record}
local cur = current()
local new, mode = ARGV[1], ARGV[3]
local curPid = cur and pidOf(cur)
if mode == 'pending' then
  if curPid and not idLess(curPid, pidOf(new)) then return 0 end
  new = withVersion(new, cur and versionOf(cur) or 0)
elseif curPid then
  return 0
elseif cur and versionOf(cur) > versionOf(new) then
  return 0
end
redis.call('SET', KEYS[1], new, 'PX', ARGV[2])
return 1`;

/**
 * A write-through commit (ARGV: encoded record, ttlMs, and optionally a shard channel and message
 * to publish): lands unless the stored version is newer, also over a pending write-behind value.
 * Returns 1 when written, 0 when refused. It runs on every `set`, so it is the write script's
 * commit case alone, without the helpers the other modes need (half its cost in Redis).
 *
 * The publish (single Redis only: in a cluster the channel's slot is not the key's) runs after the
 * write in the same atomic step, so subscribers never hear of a version before L2 holds it, and the
 * writer pays one round trip for both. It is sent even when the write is refused: the message's
 * sequence number is spent, and a newer version being there already makes the message harmless.
 */
export const commitScript = `
local cur = redis.pcall('GET', KEYS[1])
local written = 1
if type(cur) == 'string' and string.sub(cur, 1, 1) == '1'
    and tonumber(string.sub(cur, 3, 18)) > tonumber(string.sub(ARGV[1], 3, 18)) then
  written = 0
else
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
if ARGV[3] then redis.call('SPUBLISH', ARGV[3], ARGV[4]) end
return written`;

/**
 * After the drainer stored a write-behind entry (ARGV: pendingId, version, ttlMs): the matching
 * pending value becomes a committed one; a newer pending value only learns the version; anything
 * older than the commit is dropped so the next read loads the source. Returns 1, 2 or 3 accordingly
 * (0 when nothing was there).
 */
export const settleScript = `${idLess}${record}
local cur = current()
if not cur then return 0 end
local curVer, ver, pid = versionOf(cur), tonumber(ARGV[2]), pidOf(cur)
local top = math.max(curVer, ver)
if pid == ARGV[1] then
  local rest = string.sub(cur, 53, 60) .. string.sub(cur, 61 + string.len(pid))
  redis.call('SET', KEYS[1], string.sub(withVersion(cur, top), 1, 50) .. '00' .. rest, 'PX', ARGV[3])
  return 1
end
if pid and idLess(ARGV[1], pid) then
  redis.call('SET', KEYS[1], withVersion(cur, top), 'KEEPTTL')
  return 2
end
if curVer < ver or pid then
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
export const discardScript = `${record}
local cur = current()
if cur and pidOf(cur) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
