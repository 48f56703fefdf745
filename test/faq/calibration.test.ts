import { describe, expect, it } from 'vitest';
import { THRESHOLDS } from '../../src/faq/rerank';
import { evalSets, type Observed, observe, selectThresholds } from '../bench/faq-eval';

// An observation with the given evidence, runner-up share and outcome (a Latin-script query).
const seen = (set: string, evidence: number, right: boolean, answerable = true): Observed => ({
  set,
  topic: `${set}/${evidence}`,
  query: { cjk: false } as Observed['query'],
  top: [{ slot: 0, score: 1, evidence }],
  right,
  answerable,
});

describe('selectThresholds, the procedure that chooses the confidence thresholds', () => {
  it('picks the lowest strong threshold at which strong answers are right often enough', () => {
    // 60 queries: evidence 3.0 down to 0.05; right above 1.5, wrong at and below.
    const obs = Array.from({ length: 60 }, (_, i) => seen('a', 3 - i * 0.05, 3 - i * 0.05 > 1.5));
    // 30 right (3.0–1.55); 87% precision allows 4 wrong: 1.5, 1.45, 1.4, 1.35 → 30/34 = 0.882.
    expect(selectThresholds(obs, 0.02).strong[0]).toBeCloseTo(1.35, 9);
    // With no margin, 5 wrong fit: 30/35 = 0.857 ≥ 0.85.
    expect(selectThresholds(obs, 0).strong[0]).toBeCloseTo(1.3, 9);
  });

  it('raises the strong threshold until few unanswerable queries are answered strong', () => {
    const right = Array.from({ length: 50 }, (_, i) => seen('a', 3 + i * 0.01, true));
    // 10 unanswerable at evidence 2.0…2.9: at most 28% of them (2) may be strong.
    const gone = Array.from({ length: 10 }, (_, i) => seen('a', 2 + i * 0.1, false, false));
    expect(selectThresholds([...right, ...gone], 0.02).strong[0]).toBeCloseTo(2.7 + 1e-9, 9);
  });

  it('puts the none threshold above enough of the unanswerable queries', () => {
    const right = Array.from({ length: 50 }, (_, i) => seen('a', 3 + i * 0.01, true));
    // 10 unanswerable at evidence 0.1…1.0, none strong: 72% of them (8) must be under it.
    const gone = Array.from({ length: 10 }, (_, i) => seen('a', 0.1 + i * 0.1, false, false));
    expect(selectThresholds([...right, ...gone], 0.02).weak[0]).toBeCloseTo(0.8 + 1e-9, 9);
    expect(selectThresholds([...right, ...gone], 0).weak[0]).toBeCloseTo(0.7 + 1e-9, 9);
  });

  it('ships the thresholds it picks on every query of the three evaluation sets', () => {
    const picked = selectThresholds(evalSets.flatMap((set) => observe(set)));
    const round = (x: readonly number[]) => x.map((t) => Math.round(t * 100) / 100);
    expect({ strong: round(picked.strong), weak: round(picked.weak) }).toEqual(THRESHOLDS);
  }, 120_000);
});
