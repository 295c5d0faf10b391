import type { FileInspection } from '../inputs/inspect-file.js';
import { forTerminal as safe, formatCount } from './format.js';

/** The terminal answer to `deliv inspect`, one block per file. */
export function inspectReport(inspections: readonly FileInspection[]): string {
  return inspections.map(inspectBlock).join('\n\n');
}

function inspectBlock(i: FileInspection): string {
  const out: string[] = [safe(i.file)];
  const how = i.container === 'csv' ? `CSV, ${i.encoding ?? 'utf-8'}, delimiter ${JSON.stringify(i.delimiter ?? ',')}` : `JSON (${i.shape || 'no records'})`;
  out.push(`  read as:  ${i.format ? `${i.formatTitle} (${i.format})` : 'no known format'}; ${how}`);
  if (i.problem) out.push(`  problem:  ${safe(i.problem)}`);
  for (const note of i.notes) out.push(`  note:     ${safe(note)}`);
  const ignored = Object.entries(i.rows.ignored).map(([why, n]) => `${formatCount(n)} ${why}`);
  out.push(
    i.format
      ? `  rows:     ${formatCount(i.rows.read)} read = ${formatCount(i.rows.used)} used + ${formatCount(i.rows.rejected)} rejected${ignored.length ? ` (used without effect: ${ignored.join(', ')})` : ''}`
      : `  rows:     ${formatCount(i.rows.read)} read, not mapped (no format fits)`,
  );
  const events = Object.entries(i.records.events).map(([e, n]) => `${e} ${formatCount(n)}`);
  const parts = [...events];
  if (i.records.contacts) parts.push(`contacts ${formatCount(i.records.contacts)}`);
  if (i.records.campaignSummaries) parts.push(`campaign summaries ${formatCount(i.records.campaignSummaries)}`);
  if (parts.length) out.push(`  records:  ${parts.join(', ')}`);
  if (i.records.campaigns.length) {
    const shown = i.records.campaigns.slice(0, 10).map((c) => `"${safe(c)}"`).join(', ');
    out.push(`  campaigns: ${shown}${i.records.campaigns.length > 10 ? ` and ${i.records.campaigns.length - 10} more` : ''}`);
  }
  if (Object.keys(i.mapping).length) {
    out.push('  columns read:');
    for (const [field, header] of Object.entries(i.mapping)) {
      const zone = i.zones[field] ? ` (zone ${i.zones[field]})` : '';
      out.push(`    ${field.padEnd(20)} <- "${safe(header)}"${zone}`);
    }
  }
  if (i.otherColumns.length) out.push(`  other columns (${i.otherColumns.length}): ${i.otherColumns.map((c) => `"${safe(c)}"`).join(', ')}`);
  if (!i.format && i.candidates.length) {
    out.push('  formats tried:');
    for (const c of [...i.candidates].sort((a, b) => a.missing.length - b.missing.length || b.matched - a.matched)) {
      out.push(`    ${c.format.padEnd(22)} ${c.missing.length ? `missing ${c.missing.join(', ')}` : 'fits'}`);
    }
  }
  if (i.rejects.length) {
    out.push(`  rejected rows${i.rows.rejected > i.rejects.length ? ` (first ${i.rejects.length})` : ''}:`);
    for (const r of i.rejects) out.push(`    line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${safe(r.reason)}`);
  }
  if (i.parsedRows) {
    out.push('  rows as parsed:');
    for (const row of i.parsedRows) out.push(`    ${safe(JSON.stringify(row))}`);
  }
  return out.join('\n');
}
