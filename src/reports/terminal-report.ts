import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { VERDICT_LEVELS, type AuditResult, type VerdictLevel } from '../analysis/audit-result.js';
import { forTerminal as safe, formatCount, formatHeadroom, formatRate } from './format.js';

export interface TerminalReportOptions {
  color: boolean;
  outDir: string;
  written: readonly string[];
}

const LEVEL_COLOR: Record<VerdictLevel, keyof Pick<ChalkInstance, 'green' | 'yellow' | 'magenta' | 'red'>> = {
  ok: 'green',
  warning: 'yellow',
  restricted: 'magenta',
  suspended: 'red',
};

const MAX_REASONS = 8;
const rankOf = (level: VerdictLevel) => VERDICT_LEVELS.indexOf(level);
const formatChance = (p: number) => (p > 0.999 ? '>99.9%' : `${(p * 100).toFixed(p < 0.1 ? 1 : 0)}%`);

/** The one line printed under --quiet, and first in the full report. */
export function verdictLine(result: AuditResult, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const { verdict } = result;
  const binding = verdict.reasons.filter((r) => r.level === verdict.level);
  const why =
    verdict.level === 'ok'
      ? `${result.campaigns.length} campaign(s), ${formatCount(result.audience.eligible)} of ${formatCount(result.audience.total)} contacts eligible`
      : groupCodes(binding.map((r) => r.code));
  return `${chalk.bold('Verdict:')} ${chalk[LEVEL_COLOR[verdict.level]].bold(verdict.level.toUpperCase())} (${safe(why)})`;
}

/** Reason codes in first-seen order, a repeated one once with its count: "emma.suspended ×3". */
function groupCodes(codes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ');
}

/** The terminal report: verdict, reasons, the per-campaign table and the counts. */
export function terminalReport(result: AuditResult, options: TerminalReportOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  out.push(verdictLine(result, options));
  const { verdict } = result;
  if (verdict.level === 'suspended') {
    const after = result.audience.eligible
      ? `eligible.csv lists the ${formatCount(result.audience.eligible)} contact(s) who could be mailed once sending is restored.`
      : result.audience.total
        ? 'No contact is eligible either (see suppressed.csv).'
        : '';
    out.push(chalk.red(`Nothing may be sent: sending is suspended under ${safe(verdict.decidedBy.join(', '))}.${after ? ` ${after}` : ''}`));
  }
  out.push(
    `Policies: ${result.policies.judged
      .map((p) => {
        const level = verdict.byPolicy[p.name] ?? 'ok';
        return `${safe(p.name)} ${level === 'ok' ? level : chalk[LEVEL_COLOR[level]](level)}`;
      })
      .join(' · ')}`,
  );
  // Worst first; a long run of per-day findings is summarised, report.md lists them all.
  const reasons = [...verdict.reasons].sort((a, b) => rankOf(b.level) - rankOf(a.level));
  for (const r of reasons.slice(0, MAX_REASONS)) {
    const mark = r.level === 'ok' ? chalk.dim('note') : chalk[LEVEL_COLOR[r.level]](r.level);
    const thin = r.thinEvidence && r.interval ? chalk.dim(` (thin evidence: 95% interval ${formatRate(r.interval.low)}–${formatRate(r.interval.high)})`) : '';
    out.push(`  ${mark} ${safe(r.message)}${thin}`);
  }
  if (reasons.length > MAX_REASONS) out.push(chalk.dim(`  ...and ${reasons.length - MAX_REASONS} more in report.md`));
  const risks = (result.forecast?.thresholds ?? [])
    .filter((t) => t.level !== 'ok' && t.probability >= 0.01)
    .sort((a, b) => b.probability - a.probability || rankOf(b.level) - rankOf(a.level))
    .slice(0, 3);
  if (result.forecast && risks.length) {
    out.push(`Next send to ${formatCount(result.forecast.audience)}: ${risks.map((t) => `${t.code} ${formatChance(t.probability)}`).join(', ')} chance of crossing (see report.md)`);
  }
  out.push(chalk.dim(`As of ${result.asOf}`), '');

  if (result.campaigns.length) {
    const table = new Table({
      head: ['campaign', 'sent', 'delivered', 'complaints', 'compl. rate', 'level', 'headroom', 'bounce rate', 'open rate'],
      colAligns: ['left', 'right', 'right', 'right', 'right', 'left', 'right', 'right', 'right'],
      style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [] },
      // No rule between rows: one campaign per line reads faster.
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    for (const c of result.campaigns) {
      const level = c.complaintLevel;
      const levelText =
        level === 'suspended' ? chalk.red(level) : level === 'warning' || level === 'second_warning' ? chalk.yellow(level) : level === 'elevated' ? chalk.cyan(level) : level;
      table.push([
        safe(c.campaign),
        formatCount(c.sent),
        formatCount(c.delivered),
        formatCount(c.complaints),
        formatRate(c.complaintRate),
        levelText,
        formatHeadroom(c.complaintHeadroom),
        formatRate(c.bounceRate),
        formatRate(c.openRate),
      ]);
    }
    out.push(table.toString());
  }

  const k = result.bounces.byKind;
  for (const alarm of result.bounces.byProvider) out.push(chalk.yellow(`Alarm:    ${safe(alarm.message)}`));
  const a = result.audience;
  out.push(
    `Bounces:  ${formatCount(k.hard.addresses)} hard, ${formatCount(k.soft.addresses)} soft, ${formatCount(k.block.addresses)} block${k.undetermined.addresses ? `, ${formatCount(k.undetermined.addresses)} undetermined` : ''} (addresses)`,
  );
  out.push(
    `Audience: ${formatCount(a.total)} contacts (${formatCount(a.fromContacts)} from contact exports, ${formatCount(a.logOnly)} only in logs): ${chalk.bold(formatCount(a.eligible))} eligible, ${formatCount(a.suppressed)} suppressed`,
  );
  for (const f of result.inputs) out.push(chalk.dim(`Input:    ${safe(f.file)}: ${f.formatTitle} (${formatCount(f.rowsRead)} rows)`));
  const read = result.inputs.reduce((n, f) => n + f.rowsRead, 0);
  const used = result.inputs.reduce((n, f) => n + f.rowsUsed, 0);
  const rejected = result.inputs.reduce((n, f) => n + f.rowsRejected, 0);
  out.push(
    `Rows:     ${formatCount(read)} read = ${formatCount(used)} used + ${formatCount(rejected)} rejected${rejected ? chalk.yellow(` (see ${options.outDir}/rejected.csv)`) : ''}`,
  );
  if (options.written.length) out.push(chalk.dim(`Wrote ${options.written.join(', ')}`));
  return out.join('\n');
}
