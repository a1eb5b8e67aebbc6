// @ts-check
// npm run admin:reset-password -- [--email E] [--data-dir DIR]: sets a new generated password for a
// console user (the first admin by default), ends their sessions, and prints the password once.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDbClient, setUserPassword, writeAudit } from '@cachefleet/db';
import { hashPassword } from '@cachefleet/api';
import { startDatabase } from './stack/database.mjs';
import { root } from './stack/paths.mjs';
import { stopAll } from './stack/processes.mjs';

const { values } = parseArgs({
  options: {
    email: {
      type: 'string',
      default: process.env.CACHEFLEET_ADMIN_EMAIL ?? 'admin@cachefleet.local',
    },
    'data-dir': { type: 'string', default: process.env.CACHEFLEET_DATA_DIR ?? '.data' },
  },
});
const email = values.email.toLowerCase();
const dataDir = path.resolve(root, values['data-dir']);
const db = await startDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL });
const client = createDbClient(db.url, { max: 1 });
try {
  const password = randomBytes(12).toString('base64url');
  if (!(await setUserPassword(client.db, email, await hashPassword(password)))) {
    console.error(`no user with email ${email}`);
    process.exitCode = 1;
  } else {
    await writeAudit(client.db, {
      actorType: 'system',
      actorLabel: 'reset-admin-password',
      action: 'user.reset_password',
      targetType: 'user',
      targetId: email,
    });
    console.log(`new password for ${email}: ${password}   <- shown once`);
  }
} finally {
  await client.close();
  await stopAll();
}
