import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column helpers: every table has a uuid primary key and a creation time. */
export const id = () => uuid().primaryKey().defaultRandom();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const timestampTz = () => timestamp({ withTimezone: true });
