// pglite-socket (0.2.x) serialises client messages one at a time across connections and keeps a
// connection's turn only inside a SQL transaction (electric-sql/pglite#1046). The extended query
// protocol needs more: Parse/Bind/Describe/Execute up to Sync share the session's unnamed statement,
// so two pooled connections interleaving their batches bind each other's statements ("unnamed
// prepared statement does not exist", or silently wrong rows). A failed message also left the queue
// stuck for good. This replaces the queue's scheduler so a connection keeps its turn until its batch
// ends with Sync (or a simple Query), and a failure only fails that message.
import type { PGlite } from '@electric-sql/pglite';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Frontend message types that continue an extended-protocol batch until its Sync. */
const batchContinues = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

async function run(queue: QueueInternals, item: QueuedMessage): Promise<void> {
  let bytes = 0;
  try {
    await queue.db.runExclusive(() =>
      queue.db.execProtocolRawStream(item.message, {
        onRawData: (data: Uint8Array) => {
          bytes += data.length;
          item.onData(data);
        },
      }),
    );
    item.resolve(bytes);
  } catch (error) {
    item.reject(error);
  }
}

export function pinExtendedQueryBatches(server: object): void {
  const queue = (server as { queryQueue: QueueInternals }).queryQueue;
  let batchOpen = false;
  const pinned = () => queue.lastHandlerId !== null && (batchOpen || queue.db.isInTransaction());
  const next = (): QueuedMessage | undefined => {
    if (!pinned()) return queue.queue.shift();
    const index = queue.queue.findIndex((item) => item.handlerId === queue.lastHandlerId);
    return index === -1 ? undefined : queue.queue.splice(index, 1)[0];
  };
  queue.processQueue = async () => {
    if (queue.processing) return;
    queue.processing = true;
    try {
      for (let item = next(); item; item = next()) {
        batchOpen = batchContinues.has(item.message[0] ?? 0);
        queue.lastHandlerId = item.handlerId;
        await run(queue, item);
      }
    } finally {
      queue.processing = false;
    }
  };
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (handlerId !== queue.lastHandlerId || !batchOpen) return;
    batchOpen = false;
    void queue.processQueue();
  };
}
