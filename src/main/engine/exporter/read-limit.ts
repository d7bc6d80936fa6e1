/**
 * How many buffer rows to read for the next request.
 *
 * A request stops at `maxBatchBytes` (2 MB by default) long before
 * `maxBatchRecords` (10,000) with real records: about 3,100 records of 620
 * bytes fit. Every row read past that point is read again for the next
 * request, so draining a backlog read each record three times over, and the
 * profile of a drain showed reading as the engine's largest cost. The
 * exporter therefore learns how many bytes of request each row it looks at
 * becomes (filtered rows count as rows that add nothing) and reads a quarter
 * more rows than fill a request. A guess that is too small only makes a
 * request smaller; the next one follows at once.
 */
export class ReadLimit {
  private bytesPerRow = 0;

  next(maxRecords: number, maxBytes: number): number {
    if (this.bytesPerRow <= 0) return maxRecords;
    const fit = Math.ceil((maxBytes / this.bytesPerRow) * 1.25);
    return Math.max(1, Math.min(maxRecords, Math.max(64, fit)));
  }

  /** After assembling: `rows` looked at (sent or filtered out) made `bytes` of request. */
  observe(rows: number, bytes: number): void {
    if (rows === 0) return;
    const sample = bytes / rows;
    // A moving average: streams change slowly, single batches can be odd.
    this.bytesPerRow = this.bytesPerRow === 0 ? sample : this.bytesPerRow * 0.7 + sample * 0.3;
  }
}
