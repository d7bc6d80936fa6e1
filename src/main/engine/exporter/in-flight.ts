import type { NewDeadLetter } from '../dead-letters';
import type { Assembled } from './assemble';

/** One batch taken from the buffer, from the moment it is assembled until it is committed. */
export interface Ticket {
  /** The newest seq the batch looked at. */
  lastSeq: number;
  /** Records looked at (sent, filtered out, or set aside) and their stored bytes. */
  looked: number;
  storedBytes: number;
  filtered: number;
  /** What goes to the dead letters when the batch is committed. */
  deadLetters: NewDeadLetter[];
  /** Every record of the batch is settled: accepted or dead-lettered. */
  done: boolean;
  /** The delivery, while it runs. */
  promise?: Promise<void>;
}

/** What the front of the window adds up to, committed in one transaction. */
export interface Settled {
  lastSeq: number;
  looked: number;
  storedBytes: number;
  filtered: number;
  deadLetters: NewDeadLetter[];
}

/**
 * The batches of one stream between the cursor and the read position, in
 * seq order (docs/exporter.md, "Requests in flight"). Batches may settle in
 * any order; only the settled ones at the front can be committed, so the
 * cursor never passes a record that is still in flight.
 *
 *   cursor                                                     read position
 *     │ [batch 1: in flight] [batch 2: settled] [batch 3: in flight] │
 *     └── commits once batch 1 settles: then batches 1-2 at once ───┘
 */
export class InFlightWindow {
  private tickets: Ticket[] = [];

  get size(): number {
    return this.tickets.length;
  }

  open(batch: Assembled, deadLetters: NewDeadLetter[]): Ticket {
    let storedBytes = batch.filteredBytes;
    for (const e of batch.entries) storedBytes += e.storedBytes;
    for (const u of batch.unprocessable) storedBytes += u.entry.storedBytes;
    const ticket: Ticket = {
      lastSeq: batch.lastSeq,
      looked: batch.looked,
      storedBytes,
      filtered: batch.filtered,
      deadLetters,
      done: false,
    };
    this.tickets.push(ticket);
    return ticket;
  }

  /** Deliveries still running. */
  pending(): Promise<void>[] {
    return this.tickets.flatMap((t) => (t.promise && !t.done ? [t.promise] : []));
  }

  /** Removes the settled batches at the front and adds them up; null when the front is not settled. */
  takeSettled(): Settled | null {
    let n = 0;
    while (n < this.tickets.length && this.tickets[n]!.done) n++;
    if (n === 0) return null;
    const taken = this.tickets.splice(0, n);
    const settled: Settled = {
      lastSeq: taken[n - 1]!.lastSeq,
      looked: 0,
      storedBytes: 0,
      filtered: 0,
      deadLetters: [],
    };
    for (const t of taken) {
      settled.looked += t.looked;
      settled.storedBytes += t.storedBytes;
      settled.filtered += t.filtered;
      settled.deadLetters.push(...t.deadLetters);
    }
    return settled;
  }

  /** Forgets every batch (cut short: they will be read again from the cursor). */
  clear(): void {
    this.tickets = [];
  }
}
