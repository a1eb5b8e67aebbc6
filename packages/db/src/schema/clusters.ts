import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.js';

export const clusters = pgTable('clusters', {
  id: id(),
  name: text().notNull().unique(),
  state: text().notNull().default('pending'),
  createdAt: createdAt(),
});
