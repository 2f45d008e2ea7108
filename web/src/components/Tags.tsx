import type { ReactNode } from 'react';

type Tone = 'green' | 'amber' | 'red' | 'blue' | 'grey';

/**
 * A small label. antd's coloured Tag presets fall below 4.5:1 contrast, so tones are defined in styles.css
 * with dark text on a light background.
 */
export function Pill({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`pill pill-${tone}`}>{children}</span>;
}
