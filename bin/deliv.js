#!/usr/bin/env node
// Runs the compiled CLI (npm run build writes dist/).
import { setFlagsFromString } from 'node:v8';

// When V8 sees objects from one allocation site survive a collection, it may allocate all later
// ones straight into the old generation ("pretenuring"), where the dead wait for a full
// collection. For deliv's per-row objects that is the wrong bet: measured on the 1M-contact
// bench, about one run in two then peaked near 680 MB instead of 440 MB. Set before anything
// is allocated; worker threads share the flag.
setFlagsFromString('--no-allocation-site-pretenuring');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
