import { index, integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { clusters } from './clusters.js';
import { id } from './columns.js';
import { nodes } from './nodes.js';

/** An inclusive range of hash slots a primary owns, as the cluster last reported it. */
export const slotRanges = pgTable(
  'slot_ranges',
  {
    id: id(),
    clusterId: uuid()
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    nodeId: uuid()
      .notNull()
      .references(() => nodes.id, { onDelete: 'cascade' }),
    start: integer().notNull(),
    end: integer().notNull(),
  },
  (t) => [index().on(t.clusterId)],
);
