/**
 * Latency histograms for the sync benchmark. A load generator records millions of
 * deliveries, so it keeps counts per bucket rather than samples: buckets are exact below
 * 512 µs and 1/256 wide (0.4 %) above, HDR-style, and merge by adding counts, so workers
 * send only their non-empty buckets to the parent.
 */

const exact = 512;
const perOctave = 256;

/** The bucket of a latency in microseconds (negative values, from clock noise, count as 0). */
function bucketOf(micros: number): number {
  const v = Math.max(0, Math.floor(micros));
  if (v < exact) return v;
  const shift = 31 - Math.clz32(v) - 8; // v >> shift lies in [256, 512)
  return exact + (shift - 1) * perOctave + ((v >> shift) - perOctave);
}

/** The middle of a bucket, in microseconds. */
function valueOf(bucket: number): number {
  if (bucket < exact) return bucket;
  const shift = Math.floor((bucket - exact) / perOctave) + 1;
  const mantissa = ((bucket - exact) % perOctave) + perOctave;
  return (mantissa << shift) + (1 << (shift - 1));
}

/** Non-empty buckets as `[bucket, count]` pairs: what a worker sends over IPC. */
export type HistogramData = [number, number][];

export class Histogram {
  private readonly counts = new Map<number, number>();
  count = 0;

  record(micros: number): void {
    const b = bucketOf(micros);
    this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
    this.count++;
  }

  merge(data: HistogramData): void {
    for (const [b, n] of data) {
      this.counts.set(b, (this.counts.get(b) ?? 0) + n);
      this.count += n;
    }
  }

  toData(): HistogramData {
    return [...this.counts];
  }

  /** The p-th percentile in milliseconds; NaN when nothing was recorded. */
  percentileMs(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (const b of [...this.counts.keys()].sort((x, y) => x - y)) {
      seen += this.counts.get(b)!;
      if (seen >= rank) return valueOf(b) / 1000;
    }
    return NaN;
  }
}

/** Microseconds on CLOCK_MONOTONIC, which every process on the machine shares: a sender's stamp is comparable in another worker. */
export const nowMicros = (): number => Number(process.hrtime.bigint() / 1000n);

export const median = (values: number[]): number => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
};
