// Writes a realistic, seeded dataset for the benchmark: a generic contact export and a generic
// event log (sent, delivered, open, click, bounce, complaint, unsubscribe) across campaigns.
// Same seed and sizes, same bytes. Streams to disk, so memory stays flat whatever the size.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** mulberry32: small, fast, seeded. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'aol.com', 'icloud.com', 'example.org', 'company.co.uk'];
const BOUNCES = [
  ['550', '550 5.1.1 The email account that you tried to reach does not exist'],
  ['552', '552 5.2.2 The email account that you tried to reach is over quota'],
  ['421', '421 4.7.28 Gmail has detected an unusual rate of unsolicited mail'],
  ['550', '550 5.7.1 Message rejected due to local policy'],
  ['554', '554 5.4.4 SMTP; Unable to route: no mail hosts for domain'],
];
export const email = (i) => `user${i}@${DOMAINS[i % DOMAINS.length]}`;

async function writeLines(path, produce) {
  const out = createWriteStream(path);
  let buffer = '';
  for (const line of produce()) {
    buffer += line;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  out.end();
  await once(out, 'finish');
}

/** contacts.csv: N contacts with activity dates; a few unsubscribed, no opt-in, archived. */
export async function writeContacts(path, contacts, seed = 1) {
  const random = prng(seed);
  const day = (d) => new Date(Date.UTC(2026, 10, 23) - d * 86_400_000).toISOString();
  await writeLines(path, function* () {
    yield 'email,first_name,last_seen,last_opened_email,unsubscribed,opt_in,plan\n';
    for (let i = 0; i < contacts; i++) {
      const seen = random() < 0.7 ? day(Math.floor(random() * 400)) : '';
      const opened = random() < 0.5 ? day(Math.floor(random() * 300)) : '';
      yield `${email(i)},Name${i},${seen},${opened},${random() < 0.02 ? 'true' : 'false'},${random() < 0.01 ? 'false' : 'true'},${random() < 0.3 ? 'pro' : 'free'}\n`;
    }
  });
}

/**
 * events.csv: `events` rows over `campaigns` campaigns a week apart. Each send is followed by
 * delivered or a bounce, and some opens, clicks, complaints and unsubscribes, so the mix is
 * what a real log holds (about 40% sends, 38% deliveries, 18% opens, 3% clicks).
 */
export async function writeEvents(path, contacts, events, campaigns = 50, seed = 2) {
  const random = prng(seed);
  const start = Date.UTC(2026, 0, 5, 9);
  let written = 0;
  await writeLines(path, function* () {
    yield 'campaign,email,event,timestamp,status,diagnostic\n';
    let k = 0;
    while (written < events) {
      const c = Math.floor((written / events) * campaigns);
      // Campaigns reach different slices of the list: a stride coprime with most sizes.
      const recipient = (k++ * 7919 + c * 104_729) % contacts;
      const name = `Campaign ${String(c + 1).padStart(2, '0')}`;
      const t0 = start + c * 7 * 86_400_000 + (k % 3600) * 1000;
      const ts = (offset) => new Date(t0 + offset).toISOString();
      const to = email(recipient);
      yield `${name},${to},sent,${ts(0)},,\n`;
      written++;
      const r = random();
      if (r < 0.02) {
        const [status, text] = BOUNCES[Math.floor(random() * BOUNCES.length)];
        yield `${name},${to},bounce,${ts(60_000)},${status},"${text}"\n`;
        written++;
        continue;
      }
      yield `${name},${to},delivered,${ts(30_000)},,\n`;
      written++;
      if (random() < 0.45) {
        yield `${name},${to},open,${ts(3_600_000)},,\n`;
        written++;
        if (random() < 0.15) (yield `${name},${to},click,${ts(3_700_000)},,\n`), written++;
      }
      const s = random();
      if (s < 0.0008) (yield `${name},${to},complaint,${ts(7_200_000)},,\n`), written++;
      else if (s < 0.004) (yield `${name},${to},unsubscribe,${ts(7_200_000)},,\n`), written++;
    }
  });
  return written;
}
