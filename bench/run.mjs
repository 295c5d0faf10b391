#!/usr/bin/env node
// npm run bench [-- --contacts N --events M --scaling]
// Generates a seeded dataset at run time (nothing large is committed), then measures in one
// run: (1) a bare csv-parse pass over the files, the single-core floor; (2) `deliv audit` on
// them, end to end, as the CLI. Prints rows/s, MB/s, wall time, peak RSS and the ratio.
// --scaling also audits 2x the events (time must grow linearly) and 4x (20M events by default:
// peak RSS must stay within 10% of the 1x run, since memory grows with contacts, not events).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeContacts, writeEvents } from './generate-dataset.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const contacts = option('--contacts', 1_000_000);
const events = option('--events', 5_000_000);
const scaling = args.includes('--scaling');
const keep = args.includes('--keep');

const dir = mkdtempSync(join(tmpdir(), 'deliv-bench-'));
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs node with the usage reporter preloaded; returns wall seconds, peak RSS MB, stdout. */
function measure(label, nodeArgs) {
  const usageFile = join(dir, `${label}.usage.json`);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', join(root, 'bench/report-usage.mjs'), ...nodeArgs], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DELIV_BENCH_USAGE: usageFile, NO_COLOR: '1' },
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${label} failed (${run.status}): ${run.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  return { seconds, rssMb: usage.maxRssKb / 1024, cpuSeconds: (usage.userUs + usage.systemUs) / 1e6, stdout: run.stdout };
}

async function dataset(eventCount, tag) {
  const contactsFile = join(dir, 'contacts.csv');
  const eventsFile = join(dir, `events-${tag}.csv`);
  if (tag === '1x') await writeContacts(contactsFile, contacts);
  const rows = await writeEvents(eventsFile, contacts, eventCount);
  return { contactsFile, eventsFile, rows: rows + contacts, bytes: statSync(contactsFile).size + statSync(eventsFile).size };
}

function bench(data, label, singleToo) {
  const bare = measure(`bare-${label}`, [join(root, 'bench/bare-csv-parse.mjs'), data.contactsFile, data.eventsFile]);
  const auditWith = (threads) =>
    measure(`audit-${label}-${threads ?? 'default'}`, [
      join(root, 'bin/deliv.js'), 'audit', data.eventsFile, '--contacts', data.contactsFile,
      '--as-of', '2026-11-23', '--out', join(dir, `out-${label}-${threads ?? 'default'}`), '--fail-on', 'never', '--quiet',
      ...(threads ? ['--threads', String(threads)] : []),
    ]);
  const single = singleToo ? auditWith(1) : undefined;
  const audit = auditWith(undefined);
  return { bare, single, audit, verdict: audit.stdout.trim() };
}

const line = (name, m, data) =>
  `| ${name} | ${fmt(m.seconds, 2)} s | ${fmt(data.rows / m.seconds)} | ${fmt(data.bytes / 1_048_576 / m.seconds, 1)} | ${fmt(m.rssMb)} MB |`;

console.log(`deliv bench: ${fmt(contacts)} contacts, ${fmt(events)} events; node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB`);
const t0 = Date.now();
const one = await dataset(events, '1x');
console.log(`generated ${fmt(one.rows)} rows, ${fmt(one.bytes / 1_048_576, 1)} MB in ${fmt((Date.now() - t0) / 1000, 1)} s (${dir})`);
const r1 = bench(one, '1x', true);
console.log('');
console.log('| pass | wall | rows/s | MB/s | peak RSS |');
console.log('|---|--:|--:|--:|--:|');
console.log(line('bare csv-parse (1 core)', r1.bare, one));
console.log(line('deliv audit --threads 1 (CLI)', r1.single, one));
console.log(line(`deliv audit (CLI, ${cpus().length > 1 ? `${cpus().length} cores: contacts and logs read at once, on workers` : 'one core'})`, r1.audit, one));
console.log('');
console.log(`ratio single-threaded deliv / bare csv-parse: ${fmt(r1.single.seconds / r1.bare.seconds, 2)} (target: at most 1.25)`);
console.log(`ratio deliv on ${cpus().length} cores / bare csv-parse: ${fmt(r1.audit.seconds / r1.bare.seconds, 2)} (target: under 1.0 with two cores)`);
console.log(`peak RSS: ${fmt(r1.single.rssMb)} MB single-threaded, ${fmt(r1.audit.rssMb)} MB on ${cpus().length} cores (target: at most 500 MB at 1,000,000 contacts + 5,000,000 events)`);
console.log(`CPU time: bare ${fmt(r1.bare.cpuSeconds, 2)} s, single-threaded ${fmt(r1.single.cpuSeconds, 2)} s, on ${cpus().length} cores ${fmt(r1.audit.cpuSeconds, 2)} s; ${r1.verdict}`);
if (scaling) {
  console.log('');
  for (const factor of [2, 4]) {
    const data = await dataset(events * factor, `${factor}x`);
    const r = bench(data, `${factor}x`, false);
    console.log(`${factor}× events (${fmt(events * factor)}): deliv ${fmt(r.audit.seconds, 2)} s, peak RSS ${fmt(r.audit.rssMb)} MB; bare csv-parse ${fmt(r.bare.seconds, 2)} s`);
    console.log(`  time ratio ${factor}× / 1×: ${fmt(r.audit.seconds / r1.audit.seconds, 2)} (linear: at most ${fmt(factor * 1.05, 2)}); RSS ratio: ${fmt(r.audit.rssMb / r1.audit.rssMb, 2)} (target: at most 1.10)`);
    rmSync(data.eventsFile, { force: true });
  }
}
if (!keep) rmSync(dir, { recursive: true, force: true });
