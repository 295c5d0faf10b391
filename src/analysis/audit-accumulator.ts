/**
 * The streaming fold at the heart of an audit: canonical records go in one at a time and
 * only per-contact and per-campaign state is kept, so memory grows with distinct contacts
 * and campaigns, never with events. Pure: no I/O, no clock.
 */
import { packColumns, type CampaignSummaryRow, type ContactRecord, type DeliveryEvent, type DropReason, type PackedColumns, type PlatformBounceType, type RowReject } from '../inputs/canonical-records.js';
import type { RecordSink } from '../inputs/input-adapter.js';
import type { InputFileSummary } from './audit-result.js';
import { classifyBounce, type BounceClassification } from './bounces/classify-bounce.js';
import { mailboxProviderOf, type MailboxProvider } from './providers/mailbox-providers.js';
import { RecipientSet } from './recipient-set.js';

/** What one audience member has accumulated from contact exports and result logs. */
export interface ContactState {
  index: number;
  key: string;
  /** First spelling seen. */
  email: string;
  /** Who hosts the mailbox, from the address's domain. */
  provider: MailboxProvider;
  inContacts: boolean;
  columns?: PackedColumns;
  contactFile?: string;
  lastSeen?: number;
  lastHeardFrom?: number;
  lastOpenedEmail?: number;
  lastClickedEmail?: number;
  /** Latest open or click seen in the result logs. */
  lastEngagedInLogs?: number;
  exportUnsubscribed: boolean;
  exportMarkedSpam: boolean;
  exportHardBounced: boolean;
  archived: boolean;
  /** The contact file that set each flag first, for the suppression detail. */
  flagFiles?: { unsubscribed?: string; markedSpam?: string; hardBounced?: string; archived?: string };
  /** false wins over true, true over null (column left empty), null over undefined (no column). */
  optIn?: boolean | null;
  complained?: EventMark;
  unsubscribed?: EventMark;
  spamTrap?: EventMark;
  hardBounce?: EventMark & { code: string };
  bounce?: LatestBounce;
  /** The latest send the platform refused, and why. */
  dropped?: EventMark & { reason: DropReason };
  /** Bounces already counted, by campaign and time: a repeated event changes nothing. */
  bouncesSeen?: Set<string>;
  lastDeliveredAt?: number;
  /** Soft bounces later than the last delivery: "in a row" whatever the input order. */
  softBouncesSinceDelivery?: number[];
}

interface EventMark {
  at: number;
  campaign: string;
}

interface LatestBounce {
  count: number;
  at: number;
  campaign: string;
  status: string;
  diagnostic: string;
  classification: BounceClassification;
}

/** Per-campaign state from event logs: one bitset of contacts per fact. */
export interface CampaignState {
  name: string;
  files: Set<string>;
  /** Every recipient with any event: the message was sent to them. */
  recipients: RecipientSet;
  delivered: RecipientSet;
  bounced: RecipientSet;
  hard: RecipientSet;
  soft: RecipientSet;
  block: RecipientSet;
  undetermined: RecipientSet;
  deferred: RecipientSet;
  opened: RecipientSet;
  clicked: RecipientSet;
  complained: RecipientSet;
  unsubscribed: RecipientSet;
  spamTrap: RecipientSet;
  /** Recipients the platform refused to send to (suppressed before any attempt). */
  dropped: RecipientSet;
  hasDeliveredEvents: boolean;
  /** Some file of the campaign records sends, not only failures. */
  hasSendData: boolean;
  /** Earliest sent/delivered/bounce event. */
  firstSentAt?: number;
  /** Earliest event of any kind (fallback send time). */
  firstEventAt?: number;
  /** First complaint time per complainer, for Emma's second warning. */
  complaintTimes: Map<number, number>;
}

export interface BounceTally {
  kind: BounceClassification['kind'];
  reason: BounceClassification['reason'];
  code: string;
  explanation: string;
  advice: string;
  events: number;
  addresses: Set<number>;
}

/** Messages sent to and blocked by one mailbox provider, over every logged campaign. */
export interface ProviderTally {
  /** Recipient-campaign pairs sent to the provider. */
  sent: number;
  /** Of which a block bounce came back (the sender's fault). */
  blocked: number;
  /** Block bounces by reason and code. */
  blocks: Map<string, { reason: BounceClassification['reason']; code: string; events: number }>;
}

/** Folds canonical records; `run-audit.ts` turns the final state into an AuditResult. */
export class AuditAccumulator implements RecordSink {
  readonly contacts = new Map<string, ContactState>();
  readonly contactList: ContactState[] = [];
  readonly campaigns = new Map<string, CampaignState>();
  readonly summaries: CampaignSummaryRow[] = [];
  readonly files: InputFileSummary[] = [];
  readonly rejects: RowReject[] = [];
  readonly bounceTallies = new Map<string, BounceTally>();
  /** Files with at least one open or click event: their campaigns have open data. */
  readonly filesWithEngagement = new Set<string>();
  readonly providers = new Map<MailboxProvider, ProviderTally>();
  duplicateContactRows = 0;
  private readonly classifications = new Map<string, BounceClassification>();
  private readonly fileByName = new Map<string, InputFileSummary>();

  /** Distinct bounce replies in the classification cache (each classified once while cached; the cache is bounded). */
  get distinctBounceReplies(): number {
    return this.classifications.size;
  }

  /** Registers a file once its layout is known; rows are counted against it. */
  beginFile(summary: InputFileSummary): void {
    this.files.push(summary);
    this.fileByName.set(summary.file, summary);
  }

  /** Keeps a rejected row (the reader counts it against its file). */
  reject(reject: RowReject): void {
    this.rejects.push(reject);
  }

  /** Re-labels a row already counted as used (e.g. a summary superseded at the end). */
  rejectUsedRow(reject: RowReject): void {
    this.rejects.push(reject);
    const summary = this.fileByName.get(reject.file);
    if (summary) {
      summary.rowsUsed--;
      summary.rowsRejected++;
    }
  }

  private contactFor(key: string, email: string): ContactState {
    let state = this.contacts.get(key);
    if (!state) {
      key = detach(key);
      state = {
        index: this.contactList.length,
        key,
        email: email === key ? key : detach(email),
        provider: mailboxProviderOf(key),
        inContacts: false,
        exportUnsubscribed: false,
        exportMarkedSpam: false,
        exportHardBounced: false,
        archived: false,
      };
      this.contacts.set(key, state);
      this.contactList.push(state);
    }
    return state;
  }

  /**
   * The spelling written to the outputs: a contact export's over the logs', and among equals
   * the smallest, so the order of input rows never changes an output byte.
   */
  private spell(state: ContactState, email: string, fromContacts: boolean): void {
    if (email === state.email) return;
    if (fromContacts ? !state.inContacts || email < state.email : !state.inContacts && email < state.email) state.email = detach(email);
  }

  addContact(record: ContactRecord, file: string): void {
    const state = this.contactFor(record.emailKey, record.email);
    this.spell(state, record.email, true);
    if (state.inContacts) this.duplicateContactRows++;
    else {
      state.inContacts = true;
      state.columns = packColumns(record.columns);
      state.contactFile = file;
    }
    state.lastSeen = later(state.lastSeen, record.lastSeen);
    state.lastHeardFrom = later(state.lastHeardFrom, record.lastHeardFrom);
    state.lastOpenedEmail = later(state.lastOpenedEmail, record.lastOpenedEmail);
    state.lastClickedEmail = later(state.lastClickedEmail, record.lastClickedEmail);
    // The most restrictive state wins when an address appears more than once.
    // (flagFiles only for contacts that have a flag: most have none.)
    if (record.unsubscribed && !state.exportUnsubscribed) (state.exportUnsubscribed = true), ((state.flagFiles ??= {}).unsubscribed = file);
    if (record.markedSpam && !state.exportMarkedSpam) (state.exportMarkedSpam = true), ((state.flagFiles ??= {}).markedSpam = file);
    if (record.hardBounced && !state.exportHardBounced) (state.exportHardBounced = true), ((state.flagFiles ??= {}).hardBounced = file);
    if (record.archived && !state.archived) (state.archived = true), ((state.flagFiles ??= {}).archived = file);
    if (record.optIn === false) state.optIn = false;
    else if (record.optIn === true && state.optIn !== false) state.optIn = true;
    else if (record.optIn === null && state.optIn === undefined) state.optIn = null;
  }

  addSummary(entry: CampaignSummaryRow): void {
    this.summaries.push(entry);
  }

  addEvent(event: DeliveryEvent, file: string): void {
    const contact = this.contactFor(event.emailKey, event.email);
    this.spell(contact, event.email, false);
    const campaign = this.campaignFor(event.campaign);
    // Bounce dumps hold failures only: they can name a block but not the mail sent.
    const recordsSends = !this.fileByName.get(file)?.bouncesOnly;
    if (!campaign.files.has(file)) {
      campaign.files.add(file);
      if (recordsSends) campaign.hasSendData = true;
    }
    const id = contact.index;
    const at = event.at;
    if (event.event === 'dropped') {
      // Not sent at all: the platform refused (the address is on one of its lists).
      campaign.dropped.add(id);
      if (!contact.dropped || at > contact.dropped.at) {
        contact.dropped = { at, campaign: campaign.name, reason: event.dropReason ?? 'other' };
      }
      return;
    }
    if (campaign.recipients.add(id) && recordsSends) this.providerTally(contact.provider).sent++;
    campaign.firstEventAt = earlier(campaign.firstEventAt, at);

    switch (event.event) {
      case 'sent':
        campaign.firstSentAt = earlier(campaign.firstSentAt, at);
        break;
      case 'delivered':
        campaign.firstSentAt = earlier(campaign.firstSentAt, at);
        campaign.hasDeliveredEvents = true;
        campaign.delivered.add(id);
        noteDelivery(contact, at);
        break;
      case 'open':
      case 'click':
        (event.event === 'open' ? campaign.opened : campaign.clicked).add(id);
        this.filesWithEngagement.add(file);
        contact.lastEngagedInLogs = later(contact.lastEngagedInLogs, at);
        // An open or click proves the message arrived.
        noteDelivery(contact, at);
        break;
      case 'bounce':
        campaign.firstSentAt = earlier(campaign.firstSentAt, at);
        this.addBounce(event, contact, campaign, recordsSends);
        break;
      case 'deferred':
        campaign.deferred.add(id);
        break;
      case 'complaint': {
        campaign.complained.add(id);
        const first = campaign.complaintTimes.get(id);
        if (first === undefined || at < first) campaign.complaintTimes.set(id, at);
        contact.complained = earliestMark(contact.complained, at, campaign.name);
        break;
      }
      case 'unsubscribe':
        campaign.unsubscribed.add(id);
        contact.unsubscribed = earliestMark(contact.unsubscribed, at, campaign.name);
        break;
      case 'spam_trap':
        campaign.spamTrap.add(id);
        contact.spamTrap = earliestMark(contact.spamTrap, at, campaign.name);
        break;
    }
  }

  private addBounce(event: DeliveryEvent, contact: ContactState, campaign: CampaignState, recordsSends: boolean): void {
    const status = event.status ?? '';
    const diagnostic = event.diagnostic ?? '';
    // The same bounce fed twice (a re-sent webhook, a dump read twice) counts once.
    const seenKey = `${campaign.name}\u0000${event.at}`;
    contact.bouncesSeen ??= new Set();
    if (contact.bouncesSeen.has(seenKey)) return;
    contact.bouncesSeen.add(seenKey);
    const classification = this.classify(status, diagnostic, event.platformBounce);
    const id = contact.index;
    campaign.bounced.add(id);
    switch (classification.kind) {
      case 'hard':
        campaign.hard.add(id);
        if (!contact.hardBounce || event.at > contact.hardBounce.at) {
          contact.hardBounce = { at: event.at, campaign: campaign.name, code: classification.displayCode };
        }
        break;
      case 'soft':
        campaign.soft.add(id);
        if (contact.lastDeliveredAt === undefined || event.at > contact.lastDeliveredAt) {
          (contact.softBouncesSinceDelivery ??= []).push(event.at);
        }
        break;
      case 'block': {
        const firstBlock = campaign.block.add(id);
        // Alarms weigh blocks against the mail sent: a bounce dump cannot say how much that was.
        if (!recordsSends) break;
        const tally = this.providerTally(contact.provider);
        if (firstBlock) tally.blocked++;
        const key = `${classification.reason}|${classification.displayCode}`;
        const entry = tally.blocks.get(key);
        if (entry) entry.events++;
        else tally.blocks.set(key, { reason: classification.reason, code: classification.displayCode, events: 1 });
        break;
      }
      case 'undetermined':
        campaign.undetermined.add(id);
        break;
    }
    const previous = contact.bounce;
    const isLatest =
      !previous ||
      event.at > previous.at ||
      // Ties broken on content, so input order never changes the output.
      (event.at === previous.at && `${status}\u0000${diagnostic}` > `${previous.status}\u0000${previous.diagnostic}`);
    if (isLatest) {
      contact.bounce = {
        count: (previous?.count ?? 0) + 1,
        at: event.at,
        campaign: campaign.name,
        status: detach(status),
        diagnostic: detach(diagnostic),
        classification,
      };
    } else {
      previous.count++;
    }
    const tallyKey = `${classification.kind}|${classification.reason}|${classification.displayCode}`;
    let tally = this.bounceTallies.get(tallyKey);
    if (!tally) {
      tally = {
        kind: classification.kind,
        reason: classification.reason,
        code: classification.displayCode,
        explanation: classification.explanation,
        advice: classification.advice,
        events: 0,
        addresses: new Set(),
      };
      this.bounceTallies.set(tallyKey, tally);
    }
    tally.events++;
    tally.addresses.add(id);
  }

  /**
   * Each distinct (status, diagnostic, platform type) is classified once. Bounce texts often
   * carry unique ids, so the cache is bounded (emptied when full): otherwise it would grow with
   * events. Texts are detached first, so a cached result never keeps a read chunk alive.
   */
  private classify(status: string, diagnostic: string, platform: PlatformBounceType | undefined): BounceClassification {
    const key = platform ? `${status}\u0000${diagnostic}\u0000${JSON.stringify(platform)}` : `${status}\u0000${diagnostic}`;
    let result = this.classifications.get(key);
    if (!result) {
      const input = { status: detach(status), diagnostic: detach(diagnostic) };
      result = classifyBounce(platform ? { ...input, platform } : input);
      if (this.classifications.size >= CLASSIFICATION_CACHE_SIZE) this.classifications.clear();
      this.classifications.set(detach(key), result);
    }
    return result;
  }

  private providerTally(provider: MailboxProvider): ProviderTally {
    let tally = this.providers.get(provider);
    if (!tally) {
      tally = { sent: 0, blocked: 0, blocks: new Map() };
      this.providers.set(provider, tally);
    }
    return tally;
  }

  private campaignFor(name: string): CampaignState {
    let state = this.campaigns.get(name);
    if (!state) {
      name = detach(name);
      state = {
        name,
        files: new Set(),
        recipients: new RecipientSet(),
        delivered: new RecipientSet(),
        bounced: new RecipientSet(),
        hard: new RecipientSet(),
        soft: new RecipientSet(),
        block: new RecipientSet(),
        undetermined: new RecipientSet(),
        deferred: new RecipientSet(),
        opened: new RecipientSet(),
        clicked: new RecipientSet(),
        complained: new RecipientSet(),
        unsubscribed: new RecipientSet(),
        spamTrap: new RecipientSet(),
        dropped: new RecipientSet(),
        hasDeliveredEvents: false,
        hasSendData: false,
        complaintTimes: new Map(),
      };
      this.campaigns.set(name, state);
    }
    return state;
  }
}

/**
 * A copy of a string that shares no memory with the text it was cut from. Values read
 * from a CSV are slices of a 1 MiB chunk, and V8 keeps the whole chunk alive while any
 * slice of it lives: without this, keeping one address per chunk would keep the file.
 */
/** Distinct bounce texts kept classified at once (a few MB at most). */
const CLASSIFICATION_CACHE_SIZE = 20_000;

function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

function noteDelivery(contact: ContactState, at: number): void {
  if (contact.lastDeliveredAt !== undefined && at <= contact.lastDeliveredAt) return;
  contact.lastDeliveredAt = at;
  if (contact.softBouncesSinceDelivery) {
    contact.softBouncesSinceDelivery = contact.softBouncesSinceDelivery.filter((t) => t > at);
  }
}

function earliestMark(mark: EventMark | undefined, at: number, campaign: string): EventMark {
  if (!mark || at < mark.at || (at === mark.at && campaign < mark.campaign)) return { at, campaign };
  return mark;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

function earlier(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
