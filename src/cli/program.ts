import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ConfigError, UsageError } from '../errors.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';
import { isFormatName } from '../inputs/adapters.js';
import { FORMAT_NAMES, type FormatName } from '../inputs/input-adapter.js';
import { parseTimestamp } from '../inputs/values/parse-timestamp.js';
import { isKnownTimeZone } from '../inputs/values/zoned-time.js';
import { runAudit } from './commands/audit.js';
import { runExplain } from './commands/explain.js';
import { runInspect } from './commands/inspect.js';
import { runPolicies } from './commands/policies.js';
import { runSchema } from './commands/schema.js';
import { loadPolicyChoice } from '../config/choose-policies.js';
import { BUILT_IN_POLICIES, DEFAULT_POLICY_NAMES } from '../policies/index.js';
import { FAIL_ON_LEVELS, parseFailGates, type FailGate } from './exit-codes.js';
import { DELIV_VERSION } from './version.js';

export interface ProgramContext {
  /** Writes a report to stdout. */
  print(text: string): void;
  /** Where the exit code of the command that ran is stored. */
  setExitCode(code: number): void;
  /** Now, for a default --as-of: the CLI is the only layer that reads the clock. */
  now(): number;
  color: boolean;
  /** The environment, read only here (GITHUB_STEP_SUMMARY). */
  env: Readonly<Record<string, string | undefined>>;
}

/** commander declarations -> typed options; one action per command. */
export function buildProgram(context: ProgramContext): Command {
  const program = new Command()
    .name('deliv')
    .description(
      'Audit email deliverability offline: complaint, bounce, open and spam-trap rates per campaign, the bounce list,\n180-day eligibility, and restriction/suspension verdicts under Emma\'s and Intercom\'s published policies.',
    )
    .version(DELIV_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      // One line, like every other deliv error: "deliv: <what> (see --help)".
      outputError: (s, write) => write(`deliv: ${s.replace(/^error: /, '').trim()} (see deliv --help)\n`),
    });

  program
    .command('audit')
    .description('audit campaign results (and contact exports) and write the suppressed and sendable audiences and a report')
    .argument('<results...>', 'exports to audit (CSV or JSON): event logs and webhook dumps (generic, SendGrid, SES, Postmark, Mailgun), campaign summaries (generic, Mailchimp reports), and contact exports too')
    .option('-c, --contacts <file>', 'a contact export (generic, Intercom, Mailchimp audience, SendGrid suppression list); repeat for several', collect, [] as string[])
    .option('--as-of <date>', 'ISO date or date-time the 180-day window is measured from (default: now)', parseAsOf)
    .option('-o, --out <dir>', 'folder for suppressed.csv, eligible.csv, bounces.csv, report.md, audit.json', 'deliv-out')
    .addOption(
      new Option(
        '--fail-on <level>',
        `exit 1 when the verdict is at or above this level (${FAIL_ON_LEVELS.join(', ')}), or when a policy's is: <policy>:<level>, comma-separated (e.g. emma:warning,intercom:restricted)`,
      )
        .argParser(parseGates)
        .default([{ level: 'restricted' }] satisfies FailGate[], 'restricted'),
    )
    .option(
      '-p, --policy <names|file>',
      `the policies to judge by, comma-separated: built-in names (${Object.keys(BUILT_IN_POLICIES).join(', ')}), default (${DEFAULT_POLICY_NAMES.join(', ')}, plus ses when an SES export is read), or a custom policy .json file; repeatable`,
      collect,
    )
    .option('--format <name>', `read every input file as this format instead of detecting it (${FORMAT_NAMES.join(', ')})`, parseFormat)
    .option('--campaign-key <field>', 'the field that names the campaign (e.g. an SES mail.tags key, a SendGrid custom arg); default: each source\'s own')
    .option('--timezone <zone>', 'IANA time zone for timestamps that carry none, e.g. Mailchimp exports (default UTC)', parseZone)
    .option('--soft-bounce-limit <n>', 'suppress an address after this many soft bounces in a row with no delivery between (default 3)', wholeNumber(1))
    .option('--soft-bounce-days <days>', '...when those soft bounces span at least this many days (default 7)', wholeNumber(0))
    .option('--json', 'print audit.json to stdout instead of the terminal report')
    .option('-q, --quiet', 'print only the verdict line')
    .option('--strict', 'exit 2 when any input row was rejected (the outputs, rejected.csv included, are still written)')
    .option('--threads <n>', '1: read every file on the main thread, one after another; 2: read and parse each file on a worker thread while the main thread audits, contact exports and result logs at once (default with two cores: both streams at once, a worker for each file of 4 MB or more)', wholeNumber(1))
    .option('--config <file>', `read options from this JSON file (default: ${DEFAULT_CONFIG_FILE} in the working directory, if present); flags win`)
    .addHelpText(
      'after',
      `
Exit status: 0 verdict below --fail-on, 1 at or above it, 2 bad input or usage (or, with --strict, rejected rows).

Examples:
  deliv audit campaign.csv
  deliv audit events.csv summaries.csv --contacts contacts.csv --as-of 2026-11-23
  deliv audit events.csv --contacts contacts.csv --fail-on warning --quiet   # CI gate
  deliv audit ses-events.jsonl --policy ses,gmail --fail-on ses:warning
  deliv audit events.csv --policy default,our-rules.json --fail-on our-rules:warning`,
    )
    .action(async (results: string[], flags: AuditFlags, command: Command) => {
      const opts = await withConfig(flags, command);
      if (opts.json && opts.quiet) throw new UsageError('--json and --quiet cannot be used together');
      const given = [...results, ...opts.contacts];
      const repeated = given.find((file, i) => given.findIndex((other) => resolve(other) === resolve(file)) !== i);
      if (repeated) throw new UsageError(`${repeated} is given more than once; each input file is read once`);
      const policyChoice = await loadPolicyChoice(opts.policy);
      const code = await runAudit(
        {
          ...(policyChoice ? { policyChoice } : {}),
          results,
          contacts: opts.contacts,
          asOf: opts.asOf ?? context.now(),
          outDir: opts.out,
          failOn: opts.failOn,
          json: Boolean(opts.json),
          quiet: Boolean(opts.quiet),
          ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
          strict: Boolean(opts.strict),
          color: context.color,
          read: {
            timezone: opts.timezone ?? 'UTC',
            ...(opts.campaignKey ? { campaignKey: opts.campaignKey } : {}),
            ...(opts.format ? { format: opts.format } : {}),
          },
          ...(context.env['GITHUB_STEP_SUMMARY'] ? { stepSummaryPath: context.env['GITHUB_STEP_SUMMARY'] } : {}),
          policyOverrides: {
            ...(opts.softBounceLimit !== undefined ? { softBounceLimit: opts.softBounceLimit } : {}),
            ...(opts.softBounceDays !== undefined ? { softBounceMinDays: opts.softBounceDays } : {}),
          },
        },
        context.print,
      );
      context.setExitCode(code);
    });
  program
    .command('inspect')
    .description('show how deliv reads files before auditing them: format, encoding, delimiter, columns, record counts and rejects')
    .argument('<files...>', 'any CSV or JSON file, recognised or not')
    .option('--format <name>', 'read the file as this format instead of detecting it', parseFormat)
    .option('--campaign-key <field>', 'the field that names the campaign')
    .option('--timezone <zone>', 'IANA time zone for timestamps that carry none (default UTC)', parseZone)
    .option('--rows', 'also print every record exactly as parsed, before mapping')
    .option('--json', 'print the inspection as JSON')
    .addHelpText('after', '\nExit status: 0 when every file is recognised and read to the end, 2 otherwise.')
    .action(async (files: string[], opts: { format?: FormatName; campaignKey?: string; timezone?: string; rows?: boolean; json?: boolean }) => {
      const code = await runInspect(
        {
          files,
          json: Boolean(opts.json),
          rows: Boolean(opts.rows),
          read: {
            timezone: opts.timezone ?? 'UTC',
            ...(opts.campaignKey ? { campaignKey: opts.campaignKey } : {}),
            ...(opts.format ? { format: opts.format } : {}),
          },
        },
        context.print,
      );
      context.setExitCode(code);
    });

  const policies = program
    .command('policies')
    .description('list the policies deliv applies, with every threshold and its source')
    .option('--json', 'print them as JSON')
    .action(async (opts: { json?: boolean }) => context.setExitCode(await runPolicies({ json: Boolean(opts.json) }, context.print)));
  policies
    .command('show')
    .description('show one policy: every threshold, its value, whether it is an estimate, and its source')
    .argument('<name|file>', 'a policy name from deliv policies, or a custom policy .json file (shown as resolved)')
    .option('--json', 'print it as JSON')
    // `deliv policies show x --json`: commander gives --json to the parent command.
    .action((name: string, opts: { json?: boolean }, command: Command) =>
      runPolicies({ show: name, json: Boolean(opts.json || command.parent?.opts()['json']) }, context.print).then((code) => context.setExitCode(code)),
    );

  program
    .command('schema')
    .description('print a JSON Schema: of a custom policy file (policy) or of audit.json (audit), for editors and consumers')
    .argument('<which>', 'policy or audit')
    .action((which: string) => context.setExitCode(runSchema(which, context.print)));

  program
    .command('explain')
    .description('explain an SMTP reply code or bounce text: kind, reason, what it means and what to do')
    .argument('<code-or-text...>', 'a code such as 552-5.2.2 or 550 5.1.1, or a whole server reply (quote it, or let the words run on)')
    .option('--status <code>', "the bounce's separate status column, when you have one (e.g. 5.1.1)")
    .option('--json', 'print the classification as JSON')
    .addHelpText(
      'after',
      `
Examples:
  deliv explain 552-5.2.2
  deliv explain "421 4.7.28 Gmail has detected an unusual rate of unsolicited mail originating from your IP address"
  deliv explain --json 550 5.7.606 Access denied, banned sending IP`,
    )
    .action((words: string[], opts: { status?: string; json?: boolean }) => {
      const text = words.join(' ').trim();
      if (!text) throw new UsageError('give a code or a bounce text to explain');
      context.setExitCode(runExplain({ text, ...(opts.status ? { status: opts.status } : {}), json: Boolean(opts.json), color: context.color }, context.print));
    });
  return program;
}

interface AuditFlags {
  contacts: string[];
  asOf?: number;
  out: string;
  failOn: FailGate[];
  json?: boolean;
  quiet?: boolean;
  strict?: boolean;
  softBounceLimit?: number;
  softBounceDays?: number;
  format?: FormatName;
  campaignKey?: string;
  timezone?: string;
  config?: string;
  policy?: string[];
  threads?: number;
}

/**
 * Options from the config file, each replaced by its flag when the flag was given on the
 * command line: defaults < config file < flags.
 */
async function withConfig(flags: AuditFlags, command: Command): Promise<AuditFlags> {
  const config = await loadConfig(flags.config ?? DEFAULT_CONFIG_FILE, flags.config !== undefined);
  const file = flags.config ?? DEFAULT_CONFIG_FILE;
  const merged: AuditFlags = { ...flags };
  const fromFile = (name: keyof AuditFlags) => command.getOptionValueSource(name) !== 'cli';
  const convert = <T>(name: string, value: string, parse: (text: string) => T): T => {
    try {
      return parse(value);
    } catch (error) {
      throw new ConfigError(`${file}: ${name}: ${(error as Error).message}`);
    }
  };
  if (config.contacts && fromFile('contacts')) merged.contacts = config.contacts;
  if (config.asOf && fromFile('asOf')) merged.asOf = convert('asOf', config.asOf, parseAsOf);
  if (config.out && fromFile('out')) merged.out = config.out;
  if (config.failOn && fromFile('failOn')) merged.failOn = convert('failOn', config.failOn, parseGates);
  if (config.format && fromFile('format')) merged.format = config.format;
  if (config.campaignKey && fromFile('campaignKey')) merged.campaignKey = config.campaignKey;
  if (config.timezone && fromFile('timezone')) merged.timezone = convert('timezone', config.timezone, parseZone);
  if (config.softBounceLimit !== undefined && fromFile('softBounceLimit')) merged.softBounceLimit = config.softBounceLimit;
  if (config.softBounceDays !== undefined && fromFile('softBounceDays')) merged.softBounceDays = config.softBounceDays;
  if (config.json !== undefined && fromFile('json')) merged.json = config.json;
  if (config.quiet !== undefined && fromFile('quiet')) merged.quiet = config.quiet;
  if (config.threads !== undefined && fromFile('threads')) merged.threads = config.threads;
  if (config.strict !== undefined && fromFile('strict')) merged.strict = config.strict;
  if (config.policy !== undefined && fromFile('policy')) merged.policy = typeof config.policy === 'string' ? [config.policy] : config.policy;
  return merged;
}

/** Repeatable options; `previous` is undefined the first time when the option has no default. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A commander parser for whole numbers of at least `min`. */
function wholeNumber(min: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
    return value;
  };
}

function parseGates(text: string): FailGate[] {
  const gates = parseFailGates(text);
  if (typeof gates === 'string') throw new InvalidArgumentError(`${gates}.`);
  return gates;
}

function parseFormat(text: string): FormatName {
  if (!isFormatName(text)) throw new InvalidArgumentError(`expected one of ${FORMAT_NAMES.join(', ')}.`);
  return text;
}

function parseZone(text: string): string {
  if (!isKnownTimeZone(text)) throw new InvalidArgumentError('expected an IANA time zone such as Europe/Paris or America/Los_Angeles.');
  return text;
}

function parseAsOf(text: string): number {
  const value = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? parseTimestamp(text) : Number.NaN;
  if (value === undefined || Number.isNaN(value)) {
    throw new InvalidArgumentError('expected an ISO date (2026-11-23) or date-time (2026-11-23T09:00:00Z).');
  }
  return value;
}
