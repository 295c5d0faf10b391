import { classifyBounce } from '../../analysis/bounces/classify-bounce.js';
import { ExitCode } from '../../errors.js';
import { explainJson, explainReport } from '../../reports/explain-report.js';

export interface ExplainOptions {
  /** The code or server text, as typed. */
  text: string;
  /** A separate status column value, when the user has one. */
  status?: string;
  json: boolean;
  color: boolean;
}

/** `deliv explain`: classify one SMTP code or bounce text and say what it means. */
export function runExplain(options: ExplainOptions, print: (text: string) => void): ExitCode {
  const classification = classifyBounce(options.status ? { status: options.status, diagnostic: options.text } : { diagnostic: options.text });
  if (options.json) {
    print(JSON.stringify(explainJson({ ...(options.status ? { status: options.status } : {}), text: options.text }, classification), null, 2));
  } else {
    print(explainReport(classification, { color: options.color }));
  }
  return ExitCode.Ok;
}
