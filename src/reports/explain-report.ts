import { Chalk } from 'chalk';
import type { BounceClassification } from '../analysis/bounces/classify-bounce.js';
import { BOUNCE_REASON_INFO } from '../analysis/bounces/bounce-reasons.js';
import { forTerminal as safe } from './format.js';

/** What `deliv explain --json` prints. */
export interface ExplainJson {
  input: { status?: string; text: string };
  kind: BounceClassification['kind'];
  reason: BounceClassification['reason'];
  title: string;
  code: string;
  codes: BounceClassification['codes'];
  explanation: string;
  advice: string;
  decidedBy: string;
  /** Whether deliv would suppress the recipient for this bounce on its own. */
  suppressesRecipient: boolean;
}

export function explainJson(input: { status?: string; text: string }, c: BounceClassification): ExplainJson {
  return {
    input,
    kind: c.kind,
    reason: c.reason,
    title: BOUNCE_REASON_INFO[c.reason].title,
    code: c.displayCode,
    codes: c.codes,
    explanation: c.explanation,
    advice: c.advice,
    decidedBy: c.decidedBy,
    suppressesRecipient: c.kind === 'hard',
  };
}

const KIND_NOTE: Record<BounceClassification['kind'], string> = {
  hard: 'a permanent recipient failure: deliv suppresses the address (hard_bounce).',
  soft: 'temporary or message-specific: retry later; deliv suppresses the address only after repeated soft bounces with no delivery in between.',
  block: "the sender's problem (reputation, content, authentication or policy): the recipient is not suppressed; fix the sending side.",
  undetermined: 'nothing is known about this failure.',
};

/** The terminal answer to `deliv explain`. */
export function explainReport(c: BounceClassification, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const title = BOUNCE_REASON_INFO[c.reason].title;
  return [
    `${chalk.bold(safe(c.displayCode || '(no code)'))}: ${chalk.bold(c.kind)} / ${c.reason} (${title})`,
    `What it means: ${safe(c.explanation)}`,
    `What to do:    ${safe(c.advice)}`,
    `Effect:        ${KIND_NOTE[c.kind]}`,
  ].join('\n');
}
