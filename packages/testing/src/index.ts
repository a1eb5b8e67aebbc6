export {
  freePort,
  startTestDatabase,
  databaseKinds,
  type TestDatabase,
} from '@cachefleet/db/testing';
export { startRedis, waitForRedis, type TestRedis, type TestRedisOptions } from './redis-server.js';
export { startRedisCluster, waitForClusterOk, type TestRedisCluster } from './redis-cluster.js';
export { startRedisNodes, type RedisNodesOptions, type TestRedisNodes } from './redis-nodes.js';
