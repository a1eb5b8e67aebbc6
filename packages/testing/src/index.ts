export { freePort } from './free-port.js';
export { startRedis, waitForRedis, type TestRedis, type TestRedisOptions } from './redis-server.js';
export { startRedisCluster, waitForClusterOk, type TestRedisCluster } from './redis-cluster.js';
export { startTestDatabase, databaseKinds, type TestDatabase } from './test-database.js';
