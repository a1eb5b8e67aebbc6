import { EntryFrequencies } from './entry-frequencies.js';
import { Admission } from './admission.js';
import { ReadBuffer } from './read-buffer.js';
import { moveToBack, SlotList } from './slot-list.js';
import {
  DEMOTED,
  NONE,
  PROBATION,
  PROTECTED,
  WINDOW,
  type Region,
  type SlotStore,
} from './slot-store.js';
import type { AdaptiveTuning } from './types.js';
import { WindowAdvisor } from './window-advisor.js';

/** Hits replayed to the policy per batch (see ReadBuffer). */
const READ_BATCH = 32;

/**
 * Adaptive W-TinyLFU over the slots of a `SlotStore`: new entries land in an LRU window; entries
 * leaving the window must beat the main region's LRU victim on estimated frequency to get in. The
 * main region is a segmented LRU (probation, protected). The window's share of the capacity is
 * chosen by the `WindowAdvisor`, so a recency-driven workload gets a large window (LRU-like) and a
 * frequency-driven one a small window. Bounds hold on entry count and on total weight at once.
 */
export class AdaptivePolicy<V> {
  count = 0;
  weight = 0;
  private readonly lists: readonly [SlotList, SlotList, SlotList, SlotList];
  private readonly frequencies: EntryFrequencies;
  private readonly advisor: WindowAdvisor;
  private readonly reads = new ReadBuffer(READ_BATCH);
  private windowMaxCount = 0;
  private windowMaxWeight = 0;
  private protectedMaxCount = 0;
  private protectedMaxWeight = 0;
  private readonly admission: Admission;
  private tick = 0;

  constructor(
    private readonly store: SlotStore<V>,
    private readonly maxEntries: number,
    private readonly maxWeight: number,
    private readonly tuning: AdaptiveTuning,
    private readonly evict: (slot: number) => void,
    private readonly isExpired: (slot: number) => boolean,
  ) {
    const weighted = maxWeight !== Infinity;
    this.lists = [
      new SlotList(store, WINDOW, weighted),
      new SlotList(store, PROBATION, weighted),
      new SlotList(store, DEMOTED, weighted),
      new SlotList(store, PROTECTED, weighted),
    ];
    const capacity = Number.isFinite(maxEntries) ? maxEntries : 1024;
    this.frequencies = new EntryFrequencies(store, capacity);
    this.advisor = new WindowAdvisor(tuning);
    this.admission = new Admission(tuning.tieSlack);
    this.advisor.resize(capacity);
    this.applyShare(tuning.initialWindow);
  }

  get windowShare(): number {
    return this.advisor.share;
  }

  /** Hit path: the access is queued; the policy replays the queue before its next decision. */
  onHit(slot: number): void {
    if (this.reads.push(slot)) this.replayReads();
  }

  /**
   * Applies the queued hits in order; every other entry point calls this first. Tight loops with
   * their state in locals (V8 keeps no object field in a register across a loop): the entries count
   * and stamp the hits, the lists move them, the advisor takes their hashes. The loops stop where a
   * hit's exact position matters: the sketch ages between the hits it halves, a sample's end (which
   * may move the window boundary) falls between the moves around it. No step reads what another
   * writes, so the result is exactly that of applying each hit whole in turn.
   */
  private replayReads(): void {
    const count = this.reads.take();
    const { slots, hashes } = this.reads;
    this.frequencies.touchAll(slots, hashes, count, this.tick);
    this.tick = (this.tick + count) | 0;
    for (let done = 0; done < count;) {
      const end = Math.min(count, done + this.advisor.hitsLeftInSample);
      this.moveRun(slots, done, end);
      if (this.advisor.recordHits(hashes, done, end)) this.applyShare(this.advisor.share);
      done = end;
    }
  }

  /** Moves each hit entry to the MRU end of its list, or promotes it out of probation. */
  private moveRun(slots: Int32Array, from: number, to: number): void {
    const store = this.store;
    const links = store.links;
    for (let i = from; i < to; i++) {
      const slot = slots[i] as number;
      const region = store.region(slot);
      if (region === PROTECTED || region === WINDOW) moveToBack(links, region, slot);
      else this.promote(slot, region);
    }
  }

  /** A second hit in probation earns the protected segment, which may push its LRU back out. */
  private promote(slot: number, region: Region): void {
    this.list(region).remove(slot);
    this.place(slot, PROTECTED);
    this.demoteProtected();
  }

  onMiss(hash: number): void {
    if (this.reads.count > 0) this.replayReads();
    if (this.advisor.recordMiss(hash)) this.applyShare(this.advisor.share);
  }

  /** Inserts a new entry into the window and evicts whatever the bounds no longer allow. */
  add(slot: number): void {
    if (this.reads.count > 0) this.replayReads();
    this.frequencies.onAdded(slot);
    this.store.setStamp(slot, this.nextTick());
    this.place(slot, WINDOW);
    this.count++;
    this.weight += this.store.weight(slot);
    if (!Number.isFinite(this.maxEntries) && this.count > this.frequencies.sizedFor) {
      // Weight-bounded only: size the sketch and the advisor by the entry count actually reached.
      this.frequencies.ensureCapacity(2 * this.count);
      this.advisor.resize(2 * this.count);
    }
    this.evictIfNeeded();
  }

  /** Re-weighs an entry updated in place, counting the write as an access. */
  update(slot: number, weight: number): void {
    if (this.reads.count > 0) this.replayReads();
    const delta = weight - this.store.weight(slot);
    this.list(this.store.region(slot)).weight += delta;
    this.weight += delta;
    this.store.weights[slot] = weight;
    // Counted as one more hit, replayed at once (the queue is empty here).
    this.reads.push(slot);
    this.replayReads();
    this.evictIfNeeded();
  }

  /** Unlinks an entry the cache is removing for its own reasons (delete, expiry). */
  remove(slot: number): void {
    if (this.reads.count > 0) this.replayReads();
    this.frequencies.flush(slot);
    this.list(this.store.region(slot)).remove(slot);
    this.count--;
    this.weight -= this.store.weight(slot);
  }

  clear(): void {
    this.reads.take();
    for (const list of this.lists) list.clear();
    this.count = 0;
    this.weight = 0;
  }

  private list(region: Region): SlotList {
    return this.lists[region];
  }

  private place(slot: number, region: Region): void {
    this.store.setRegion(slot, region);
    this.list(region).pushBack(slot);
  }

  private moveTo(slot: number, region: typeof PROBATION | typeof DEMOTED): void {
    this.list(this.store.region(slot)).remove(slot);
    this.place(slot, region);
  }

  private overCapacity(): boolean {
    return this.count > this.maxEntries || this.weight > this.maxWeight;
  }

  private windowOverflows(): boolean {
    const window = this.lists[WINDOW];
    return window.count > this.windowMaxCount || window.weight > this.windowMaxWeight;
  }

  private evictIfNeeded(): void {
    while (this.windowOverflows()) {
      const candidate = this.lists[WINDOW].first();
      if (candidate === NONE) break;
      this.moveTo(candidate, PROBATION);
      if (this.overCapacity()) this.contest(candidate);
    }
    // The window is within its share yet the cache is full: the window is growing at main's expense.
    // Evicting the least recently used entry of all makes a 100% window converge to exact LRU.
    while (this.overCapacity()) {
      const heads = this.older(this.lists[WINDOW].first(), this.lists[PROTECTED].first());
      const victim = this.older(heads, this.probationVictim());
      if (victim === NONE) break;
      this.evictSlot(victim);
    }
  }

  /**
   * Evicts probation victims while the candidate out-frequents them; else evicts the candidate. An
   * expired victim always loses and an expired candidate never gets in: frequency is no reason to
   * keep what can no longer be served.
   */
  private contest(candidate: number): void {
    while (this.overCapacity()) {
      // The candidate sits at probation's MRU end, so it is probation's LRU only when it is alone.
      let victim = this.probationVictim();
      if (victim === candidate)
        victim = this.older(this.lists[DEMOTED].first(), this.lists[PROTECTED].first());
      const admitted = victim !== NONE && (this.isExpired(victim) || this.admit(candidate, victim));
      if (!admitted || this.isExpired(candidate)) {
        this.evictSlot(candidate);
        return;
      }
      this.evictSlot(victim);
    }
  }

  private probationVictim(): number {
    return this.older(this.lists[PROBATION].first(), this.lists[DEMOTED].first());
  }

  /** The less recently used of two slots (either may be NONE). */
  private older(a: number, b: number): number {
    if (a === NONE) return b;
    if (b === NONE) return a;
    // Stamps wrap around int32; the difference orders any two accesses less than 2^31 ticks apart.
    return ((this.store.stamp(a) - this.store.stamp(b)) | 0) <= 0 ? a : b;
  }

  private admit(candidate: number, victim: number): boolean {
    const frequencies = this.frequencies;
    return this.admission.admits(
      frequencies.frequency(candidate),
      frequencies.frequency(victim),
      this.advisor.admitTies,
    );
  }

  private evictSlot(slot: number): void {
    this.remove(slot);
    this.advisor.activate();
    this.evict(slot);
  }

  /** Moves protected's LRU entries to the back of the demoted list until protected fits its share. */
  private demoteProtected(): void {
    const protectedList = this.lists[PROTECTED];
    const demotedList = this.lists[DEMOTED];
    while (
      protectedList.count > this.protectedMaxCount ||
      protectedList.weight > this.protectedMaxWeight
    ) {
      const demoted = protectedList.first();
      if (demoted === NONE) return;
      protectedList.remove(demoted);
      this.store.setRegion(demoted, DEMOTED);
      demotedList.pushBack(demoted);
    }
  }

  /** Moves the window/main boundary; entries cross it now so the bounds hold before the next call. */
  private applyShare(share: number): void {
    this.windowMaxCount = Math.floor(portion(share, this.maxEntries));
    this.windowMaxWeight = portion(share, this.maxWeight);
    const mainShare = (1 - share) * this.tuning.protectedShare;
    this.protectedMaxCount = Math.floor(portion(mainShare, this.maxEntries));
    this.protectedMaxWeight = portion(mainShare, this.maxWeight);
    this.demoteProtected();
    while (this.windowOverflows()) {
      const moved = this.lists[WINDOW].first();
      if (moved === NONE) break;
      this.moveTo(moved, PROBATION);
    }
  }

  private nextTick(): number {
    this.tick = (this.tick + 1) | 0;
    return this.tick;
  }
}

/** share × bound, where an unbounded dimension stays unbounded (0 × Infinity would be NaN). */
function portion(share: number, bound: number): number {
  return bound === Infinity ? Infinity : share * bound;
}
