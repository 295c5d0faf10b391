/**
 * Finds the SMTP reply code (RFC 5321, e.g. `550`) and the enhanced status code
 * (RFC 3463, e.g. `5.1.1`) in a bounce's status field and diagnostic text.
 *
 * Forms recognised: `550-5.1.1`, `550 5.1.1`, `smtp; 550 5.1.1 …`, `smtp;550 5.1.1`,
 * `X-Postfix; … said: 550 5.1.1 …`, `#5.4.4`, `550 #5.1.0` (qmail), `(5.7.1)`, `dsn=5.1.1`,
 * Yahoo/AOL's dotted reply codes (`… disabled (554.30)`), Gmail's repeated continuation lines
 * (`550-5.1.1 … 550-5.1.1 … 550 5.1.1 …`), and codes split between the two fields (status
 * `5.1.1`, diagnostic `550 5.1.1 user unknown`).
 *
 * Wrapped replies: a relaying server often reports another server's reply inside its own,
 * e.g. Gmail's `5.1.0 - Unknown address error 550-'5.2.2 The email account … is over quota'`,
 * Exchange's `Remote server returned '550 5.7.1 …'`, or a DSN `Status: 5.0.0` around a
 * `550 5.7.1` diagnostic. The outer code is then only a class ("other address status",
 * "other undefined status"); the INNER reply names the real cause. So a pair whose enhanced
 * code is specific wins over a pair whose enhanced code is generic (`x.y.0`), and a generic
 * status column (`5.0.0`, `4.0.0`) is replaced by a specific enhanced code of the same class
 * found in the diagnostic.
 *
 * Not mistaken for codes: IP addresses (`192.168.1.10`, `[250.1.2.3]`), version numbers
 * (`version 5.1.1`, `v4.2.1`, `Exim 4.94.2`), dates (`5.1.2024`), numbers with units
 * (`552 bytes`, `450 seconds`) and digits inside longer tokens.
 */

export interface BounceInput {
  /** The status column as given, e.g. `550 5.1.1`, `5.1.1` or `smtp; 550 5.1.1 …`. */
  status?: string;
  /** The server's text. */
  diagnostic?: string;
}

export interface SmtpCodes {
  /** RFC 5321 reply code, e.g. `550`. */
  basic?: string;
  /** RFC 3463 enhanced status code, e.g. `5.1.1`. */
  enhanced?: string;
}

/** What may stand right before a code: start, space or punctuation that is not part of a number or word. */
const BEFORE = String.raw`(?<=^|[\s;:,(\[<"'=#])`;

/**
 * Reply code: 3 digits, first 2, 4 or 5, second 0-5 (RFC 5321 4.2.1). It may be followed by
 * a `-` continuation only when a letter, space or enhanced code comes next (not `555-1234`).
 * Numbers followed by a unit are quantities, not replies. Count nouns only count in lower
 * case ("500 recipients", "10 messages"): a reply's text starts with a capital ("550 Message
 * rejected", "557 Email address … is not available here"). Compiled case-sensitively.
 */
const BASIC_SOURCE =
  BEFORE +
  String.raw`([245][0-5]\d)` +
  String.raw`(?=$|[\s,;:)\]>"']|\.(?!\d)|-(?:['"#]?[245]\.\d|[A-Za-z\s]))` +
  String.raw`(?!\s*(?:[Bb]ytes?|[KkMmGg]i?[Bb]|[Oo]ctets?|[Ss]econds?|[Ss]ecs?|ms|[Mm]inutes?|[Mm]ins?|[Hh]ours?|[Hh]rs?|[Dd]ays?|%|[Pp]ercent|recipients?|rcpts?|messages?|e-?mails?|mails?|connections?|attempts?|times?|tries|retries|characters?|chars?|lines?)\b)`;

/**
 * Enhanced code: class.subject.detail with class 2/4/5, subject 0-7, detail 1-3 digits
 * (RFC 3463 section 2). Besides `BEFORE`, it may follow a reply code and `-` (`550-5.1.1`).
 * Not after "version"/"v"/"release" and not followed by a digit, a letter or `.digit`.
 */
const ENHANCED_SOURCE =
  String.raw`(?:${BEFORE}|(?<=(?:^|[\s;:,(\[<"'=#])[245][0-5]\d-['"#]?))` +
  String.raw`(?<!\b(?:version|ver|release|rev|v)\.?\s{0,3})` +
  String.raw`([245])\.([0-7])\.(\d{1,3})` +
  String.raw`(?![\w]|\.\d)`;

/**
 * Yahoo/AOL's dotted reply code at the end of a text: `This mailbox is disabled (554.30)`.
 * Only a reply code in parentheses with one dotted suffix counts (not an IP address).
 */
const DOTTED_BASIC_SOURCE = String.raw`(?<=\()([245][0-5]\d)\.\d{1,3}(?=\))`;

interface Found {
  code: string;
  index: number;
  end: number;
}

function findAll(source: string, text: string, flags = 'gi'): Found[] {
  const re = new RegExp(source, flags);
  const found: Found[] = [];
  for (const m of text.matchAll(re)) {
    const code = m[3] !== undefined ? `${m[1]}.${m[2]}.${m[3]}` : (m[1] ?? '');
    found.push({ code, index: m.index, end: m.index + m[0].length });
  }
  return found;
}

const isFailure = (code: string): boolean => code.startsWith('4') || code.startsWith('5');
/** `x.y.0`: an enhanced code that gives only a class and subject ("other or undefined"). */
const isGenericStatus = (enhanced: string): boolean => /\.0$/.test(enhanced);
const classOf = (code: string): string => code.charAt(0);

interface FieldCodes {
  failure: SmtpCodes;
  success: SmtpCodes;
  /** Every failure code in order, to look for one of a given class. */
  failureBasics: readonly string[];
  failureEnhanced: readonly string[];
}

/** The codes of one field. A reply code directly followed by an enhanced code is a pair and wins. */
function codesInField(text: string | undefined): FieldCodes {
  const empty: FieldCodes = { failure: {}, success: {}, failureBasics: [], failureEnhanced: [] };
  if (text === undefined || text.trim() === '') return empty;

  const basics = [...findAll(BASIC_SOURCE, text, 'g'), ...findAll(DOTTED_BASIC_SOURCE, text, 'g')].sort(
    (a, b) => a.index - b.index,
  );
  const enhanced = findAll(ENHANCED_SOURCE, text);
  const failureBasics = basics.filter((b) => isFailure(b.code)).map((b) => b.code);
  const failureEnhanced = enhanced.filter((e) => isFailure(e.code)).map((e) => e.code);

  const pairs = basics.flatMap((b) => {
    const e = enhanced.find((x) => x.index > b.index && /^[-\s]\s*['"#]?$/.test(text.slice(b.end, x.index)));
    return e ? [{ basic: b.code, enhanced: e.code }] : [];
  });
  const failurePairs = pairs.filter((p) => isFailure(p.basic) && isFailure(p.enhanced));
  // An inner reply with a specific code beats an outer one that only gives a class.
  const failurePair = failurePairs.find((p) => !isGenericStatus(p.enhanced)) ?? failurePairs[0];
  const firstSpecific = failureEnhanced.find((e) => !isGenericStatus(e));

  const failure: SmtpCodes = failurePair
    ? { basic: failurePair.basic, enhanced: failurePair.enhanced }
    : definedOnly(failureBasics[0], firstSpecific ?? failureEnhanced[0]);
  const success = definedOnly(
    basics.find((b) => !isFailure(b.code))?.code,
    enhanced.find((e) => !isFailure(e.code))?.code,
  );
  return { failure, success, failureBasics, failureEnhanced };
}

function definedOnly(basic: string | undefined, enhanced: string | undefined): SmtpCodes {
  const codes: SmtpCodes = {};
  if (basic !== undefined) codes.basic = basic;
  if (enhanced !== undefined) codes.enhanced = enhanced;
  return codes;
}

/**
 * Joins the codes of the status field (trusted first) with those of the diagnostic.
 * A code taken from the diagnostic to complete the status must have the same class
 * (a `5.1.1` status is not completed with a `452` found in the text).
 */
function combine(status: SmtpCodes, diag: SmtpCodes, diagField: FieldCodes | undefined): SmtpCodes {
  if (status.basic === undefined && status.enhanced === undefined) return diag;
  // A generic status (a DSN's `Status: 5.0.0`) wrapping a specific reply of the same class.
  if (
    status.enhanced !== undefined &&
    isGenericStatus(status.enhanced) &&
    diag.enhanced !== undefined &&
    !isGenericStatus(diag.enhanced) &&
    classOf(diag.enhanced) === classOf(status.enhanced)
  ) {
    const basic = status.basic ?? (diag.basic !== undefined && classOf(diag.basic) === classOf(diag.enhanced) ? diag.basic : undefined);
    return definedOnly(basic, diag.enhanced);
  }
  if (status.basic !== undefined && status.enhanced !== undefined) return status;
  if (status.enhanced !== undefined) {
    const want = classOf(status.enhanced);
    const basic =
      diag.basic !== undefined && classOf(diag.basic) === want
        ? diag.basic
        : diagField?.failureBasics.find((b) => classOf(b) === want);
    return definedOnly(basic, status.enhanced);
  }
  const want = classOf(status.basic ?? '');
  const enhanced =
    diag.enhanced !== undefined && classOf(diag.enhanced) === want
      ? diag.enhanced
      : diagField?.failureEnhanced.find((e) => classOf(e) === want);
  return definedOnly(status.basic, enhanced);
}

/**
 * The reply code and enhanced status code of a bounce, from the status field first, then the
 * diagnostic text. Failure codes (4xx/5xx, 4.x.x/5.x.x) are preferred; success codes (2xx, 2.x.x)
 * are only returned when there is no failure code at all.
 */
export function extractSmtpCodes(input: BounceInput): SmtpCodes {
  const status = codesInField(input.status);
  const diag = codesInField(input.diagnostic);
  const failure = combine(status.failure, diag.failure, diag);
  if (failure.basic !== undefined || failure.enhanced !== undefined) return failure;
  return combine(status.success, diag.success, undefined);
}

/**
 * The text with every SMTP code removed and whitespace collapsed, so that Gmail-style
 * continuation lines (`… does not 550-5.1.1 exist …`) read as one sentence.
 */
export function stripSmtpCodes(text: string): string {
  return text
    .replace(new RegExp(ENHANCED_SOURCE, 'gi'), ' ')
    .replace(new RegExp(BASIC_SOURCE + '-?', 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `550-5.1.1`, `550`, `5.4.7` or '' (the form the seed table uses). */
export function formatSmtpCodes(codes: SmtpCodes): string {
  if (codes.basic !== undefined && codes.enhanced !== undefined) return `${codes.basic}-${codes.enhanced}`;
  return codes.basic ?? codes.enhanced ?? '';
}

/** True when a reply or enhanced code says the failure is temporary (4xx or 4.x.x). */
export function isTemporaryCode(codes: SmtpCodes): boolean {
  return codes.basic?.startsWith('4') === true || codes.enhanced?.startsWith('4') === true;
}

/** Only the failure codes (4/5 class); success codes carry no failure information. */
export function failureCodes(codes: SmtpCodes): SmtpCodes {
  return definedOnly(
    codes.basic !== undefined && isFailure(codes.basic) ? codes.basic : undefined,
    codes.enhanced !== undefined && isFailure(codes.enhanced) ? codes.enhanced : undefined,
  );
}
