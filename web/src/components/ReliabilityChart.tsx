/**
 * A reliability curve in plain SVG: per probability bin, the mean predicted probability (x) against
 * the observed frequency (y), the diagonal being perfect calibration. Each point's area grows with
 * its bin's n and its n is written beside it, so a bin of 12 matches does not read like one of 800.
 */
export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  predicted: number;
  observed: number;
}

const SIZE = 260;
const PAD = 30;
const span = SIZE - 2 * PAD;

/** Pixel position and radius of each non-empty bin (pure; exported for tests). */
export function reliabilityPoints(bins: readonly ReliabilityBin[]): { x: number; y: number; r: number; bin: ReliabilityBin }[] {
  const used = bins.filter((b) => b.n > 0);
  const maxN = Math.max(1, ...used.map((b) => b.n));
  return used.map((b) => ({ x: PAD + b.predicted * span, y: SIZE - PAD - b.observed * span, r: 2 + 6 * Math.sqrt(b.n / maxN), bin: b }));
}

export function ReliabilityChart({ bins, label, testId }: { bins: readonly ReliabilityBin[]; label: string; testId?: string }) {
  const pts = reliabilityPoints(bins);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} role="img" aria-label={label} data-testid={testId} className="reliability">
      <rect x={PAD} y={PAD} width={span} height={span} fill="none" stroke="currentColor" strokeOpacity="0.2" />
      {ticks.map((t) => (
        <g key={t} fontSize="9" fill="currentColor" fillOpacity="0.6">
          <text x={PAD + t * span} y={SIZE - PAD + 12} textAnchor="middle">{t}</text>
          <text x={PAD - 4} y={SIZE - PAD - t * span + 3} textAnchor="end">{t}</text>
        </g>
      ))}
      <line x1={PAD} y1={SIZE - PAD} x2={SIZE - PAD} y2={PAD} stroke="currentColor" strokeOpacity="0.35" strokeDasharray="4 3" />
      <polyline points={pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} fill="none" stroke="var(--accent, #2f81f7)" strokeWidth="1.5" />
      {pts.map((p) => (
        <g key={p.bin.from}>
          <circle cx={p.x} cy={p.y} r={p.r} fill="var(--accent, #2f81f7)" fillOpacity="0.7">
            <title>{`${p.bin.from}–${p.bin.to}: predicted ${p.bin.predicted.toFixed(3)}, observed ${p.bin.observed.toFixed(3)}, n ${p.bin.n}`}</title>
          </circle>
          <text x={p.x + p.r + 2} y={p.y - 2} fontSize="8" fill="currentColor" fillOpacity="0.75">{`n ${p.bin.n}`}</text>
        </g>
      ))}
      <text x={SIZE / 2} y={SIZE - 4} fontSize="10" textAnchor="middle" fill="currentColor">predicted probability</text>
      <text x={10} y={SIZE / 2} fontSize="10" textAnchor="middle" fill="currentColor" transform={`rotate(-90 10 ${SIZE / 2})`}>observed frequency</text>
    </svg>
  );
}
