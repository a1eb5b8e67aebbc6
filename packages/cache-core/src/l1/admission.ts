import { xorshift32 } from './hash.js';

/** A warm candidate that ties or loses is still admitted 1 time in 128 (see `admits`). */
const JITTER_THRESHOLD = 6;
const JITTER_MASK = 127;

/**
 * TinyLFU admission: a candidate leaving the window gets in when it out-frequents the main
 * region's victim. The occasional random admission of a warm candidate defeats an attacker (or an
 * unlucky hash collision) that keeps a hot victim's estimate high to lock out newcomers.
 */
export class Admission {
  /** Cheap, allocation-free randomness that tests can reproduce. */
  private random = 0x2545f491;

  /** `tieSlack`: while warming up, near-ties go to the newcomer (estimates carry ~1 count of noise). */
  constructor(private readonly tieSlack: number) {}

  admits(candidateFreq: number, victimFreq: number, admitTies: boolean): boolean {
    if (candidateFreq > victimFreq) return true;
    if (admitTies && candidateFreq + this.tieSlack >= victimFreq) return true;
    if (candidateFreq < JITTER_THRESHOLD) return false;
    this.random = xorshift32(this.random);
    return ((this.random >>> 0) & JITTER_MASK) === 0;
  }
}
