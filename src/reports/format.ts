/** Small formatting helpers shared by the reporters. */

/** 0.0023 -> "0.23%"; null -> "n/a". */
export function formatRate(rate: number | null): string {
  if (rate === null) return 'n/a';
  return `${(rate * 100).toFixed(2)}%`;
}

/** A threshold value as a percentage without trailing zeros: 0.002 -> "0.2%". */
export function formatThreshold(value: number): string {
  return `${Number((value * 100).toFixed(4))}%`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatHeadroom(headroom: number | null): string {
  return headroom === null ? '–' : formatCount(headroom);
}

/**
 * Text that came from input data, made safe for a terminal: control characters and ANSI
 * escape sequences are removed, so a contact's name cannot rewrite the screen.
 */
export function forTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[@-_]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/**
 * Text that came from input data, made inert in Markdown: HTML is escaped, and the
 * characters that can open emphasis, code, links or table cells are backslash-escaped
 * (plus a block marker at the start), so a campaign name cannot inject links or tables.
 */
export function forMarkdown(text: string): string {
  return forTerminal(text)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/^(\s*)([#+-])/, '$1\\$2')
    .replace(/^(\s*\d+)\./, '$1\\.');
}
