/**
 * Scores the bounce classifier against a labelled corpus of real bounce texts
 * (fixtures/bounce-corpus/corpus.tsv): overall kind and reason accuracy, the tallies per
 * expected kind and per expected reason, and the list of misses. Pure: the caller reads the
 * file and passes its text to `parseCorpusTsv`.
 */

import { BOUNCE_KINDS, BOUNCE_REASONS, type BounceKind, type BounceReason } from './bounce-reasons.js';
import { classifyBounce } from './classify-bounce.js';

export interface CorpusRow {
  id: string;
  status: string;
  diagnostic: string;
  provider: string;
  expectedKind: BounceKind;
  expectedReason: BounceReason;
  source: string;
  note: string;
}

export interface CorpusMiss {
  id: string;
  status: string;
  diagnostic: string;
  provider: string;
  expectedKind: BounceKind;
  expectedReason: BounceReason;
  gotKind: BounceKind;
  gotReason: BounceReason;
  /** True when the kind was right and only the reason was wrong. */
  kindCorrect: boolean;
  decidedBy: string;
}

export interface Tally {
  expected: number;
  correct: number;
}

export interface CorpusScore {
  rows: number;
  kindCorrect: number;
  reasonCorrect: number;
  /** kindCorrect / rows (0 for an empty corpus). */
  kindAccuracy: number;
  /** reasonCorrect / rows; a reason counts as correct only when the kind is right too. */
  reasonAccuracy: number;
  /** Per expected kind: how many rows expected it, how many got the right kind. */
  byKind: Record<BounceKind, Tally>;
  /** Per expected reason: how many rows expected it, how many got the right kind and reason. */
  byReason: Record<BounceReason, Tally>;
  /** Every row whose kind or reason was wrong, in corpus order. */
  misses: CorpusMiss[];
}

const COLUMNS = ['id', 'status', 'diagnostic', 'provider', 'expected_kind', 'expected_reason', 'source', 'note'] as const;

const isKind = (v: string): v is BounceKind => (BOUNCE_KINDS as readonly string[]).includes(v);
const isReason = (v: string): v is BounceReason => (BOUNCE_REASONS as readonly string[]).includes(v);

/**
 * Parses the corpus TSV (header line with the columns id, status, diagnostic, provider,
 * expected_kind, expected_reason, source, note; no quoting). Throws on an unknown column
 * layout, kind or reason, naming the line, so a typo in the corpus cannot pass silently.
 */
export function parseCorpusTsv(text: string): CorpusRow[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  const index = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  const missing = COLUMNS.filter((c) => index[c] < 0);
  if (missing.length > 0) throw new Error(`corpus header lacks column(s): ${missing.join(', ')}`);

  const rows: CorpusRow[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split('\t');
    const cell = (c: (typeof COLUMNS)[number]): string => (cells[index[c]] ?? '').trim();
    const kind = cell('expected_kind');
    const reason = cell('expected_reason');
    if (!isKind(kind)) throw new Error(`corpus line ${i + 2}: unknown expected_kind "${kind}"`);
    if (!isReason(reason)) throw new Error(`corpus line ${i + 2}: unknown expected_reason "${reason}"`);
    rows.push({
      id: cell('id'),
      status: cell('status'),
      diagnostic: cell('diagnostic'),
      provider: cell('provider'),
      expectedKind: kind,
      expectedReason: reason,
      source: cell('source'),
      note: cell('note'),
    });
  });
  return rows;
}

/** Classifies every row and compares with its labels. */
export function scoreCorpus(rows: readonly CorpusRow[]): CorpusScore {
  const byKind = Object.fromEntries(BOUNCE_KINDS.map((k) => [k, { expected: 0, correct: 0 }])) as Record<BounceKind, Tally>;
  const byReason = Object.fromEntries(BOUNCE_REASONS.map((r) => [r, { expected: 0, correct: 0 }])) as Record<BounceReason, Tally>;
  const misses: CorpusMiss[] = [];
  let kindCorrect = 0;
  let reasonCorrect = 0;

  for (const row of rows) {
    const input: { status?: string; diagnostic?: string } = {};
    if (row.status !== '') input.status = row.status;
    if (row.diagnostic !== '') input.diagnostic = row.diagnostic;
    const got = classifyBounce(input);
    const kindOk = got.kind === row.expectedKind;
    const reasonOk = kindOk && got.reason === row.expectedReason;
    byKind[row.expectedKind].expected += 1;
    byReason[row.expectedReason].expected += 1;
    if (kindOk) {
      kindCorrect += 1;
      byKind[row.expectedKind].correct += 1;
    }
    if (reasonOk) {
      reasonCorrect += 1;
      byReason[row.expectedReason].correct += 1;
    }
    if (!reasonOk) {
      misses.push({
        id: row.id,
        status: row.status,
        diagnostic: row.diagnostic,
        provider: row.provider,
        expectedKind: row.expectedKind,
        expectedReason: row.expectedReason,
        gotKind: got.kind,
        gotReason: got.reason,
        kindCorrect: kindOk,
        decidedBy: got.decidedBy,
      });
    }
  }

  const n = rows.length;
  return {
    rows: n,
    kindCorrect,
    reasonCorrect,
    kindAccuracy: n === 0 ? 0 : kindCorrect / n,
    reasonAccuracy: n === 0 ? 0 : reasonCorrect / n,
    byKind,
    byReason,
    misses,
  };
}

/** The number in a corpus id (`B0017` -> 17), or NaN. Odd ids are the development set. */
export function corpusIdNumber(id: string): number {
  const m = /(\d+)$/.exec(id);
  return m ? Number(m[1]) : Number.NaN;
}
