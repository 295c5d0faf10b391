// Preloaded into a measured process (node --import): on exit, writes its peak RSS and CPU time
// to the file named by DELIV_BENCH_USAGE, so the bench measures the real CLI, unchanged.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const file = process.env.DELIV_BENCH_USAGE;
  if (file) writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime }));
});
