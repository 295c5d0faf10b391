/**
 * The streaming fold at the heart of an audit: canonical records go in one at a time and
 * only per-contact and per-campaign state is kept, so memory grows with distinct contacts
 * and campaigns, never with events. Pure: no I/O, no clock.
 */
import { optInCode, packColumns, type CampaignSummaryRow, type ContactRecord, type DeliveryEvent, type PlatformBounceType, type RowReject } from '../inputs/canonical-records.js';
import type { RecordSink } from '../inputs/input-adapter.js';
import type { InputFileSummary } from './audit-result.js';
import { classifyBounce, type BounceClassification } from './bounces/classify-bounce.js';
import type { MailboxProvider } from './providers/mailbox-providers.js';
import {
  ARCHIVED,
  ContactStore,
  detach,
  EXPORT_HARD_BOUNCED,
  EXPORT_MARKED_SPAM,
  EXPORT_UNSUBSCRIBED,
  IN_CONTACTS,
  SOFT_BOUNCES_PENDING,
  type ContactExtras,
  type EventMark,
} from './contacts/contact-store.js';
import { RecipientSet } from './recipient-set.js';

/** Per-campaign state from event logs: one bitset of contacts per fact. */
export interface CampaignState {
  name: string;
  /** Campaigns in order of first sight (identity within a run, never in an output). */
  number: number;
  files: Set<string>;
  /** The file whose rows were last added (asked once per row, so remembered). */
  lastFile?: string;
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
  addresses: RecipientSet;
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
  /** Every distinct contact, numbered in order of first sight. */
  readonly contacts = new ContactStore();
  readonly campaigns = new Map<string, CampaignState>();
  readonly summaries: CampaignSummaryRow[] = [];
  readonly files: InputFileSummary[] = [];
  readonly rejects: RowReject[] = [];
  readonly bounceTallies = new Map<string, BounceTally>();
  /** Files with at least one open or click event: their campaigns have open data. */
  readonly filesWithEngagement = new Set<string>();
  readonly providers = new Map<MailboxProvider, ProviderTally>();
  duplicateContactRows = 0;
  private readonly classifications = new Map<string, ClassifiedReply>();
  private readonly fileByName = new Map<string, InputFileSummary>();
  private lastCampaign: CampaignState | undefined;
  private lastFile: string | undefined;
  private lastFileRecordsSends = true;
  private lastEngagedFile: string | undefined;

  /** Distinct bounce replies in the classification cache (each classified once while cached; the cache is bounded). */
  get distinctBounceReplies(): number {
    return this.classifications.size;
  }

  /** Registers a file once its layout is known; rows are counted against it. */
  beginFile(summary: InputFileSummary): void {
    this.files.push(summary);
    this.fileByName.set(summary.file, summary);
  }

  /**
   * Puts the file summaries in the order the files were given (files read at the same time
   * register as they start): the report and the rejects list files in that order.
   */
  orderFiles(given: readonly string[]): void {
    const rank = (file: string) => {
      const i = given.indexOf(file);
      return i < 0 ? given.length : i;
    };
    this.files.sort((a, b) => rank(a.file) - rank(b.file));
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

  /**
   * The spelling written to the outputs: a contact export's over the logs', and among equals
   * the smallest, so the order of input rows never changes an output byte.
   */
  private spell(n: number, email: string, fromContacts: boolean): void {
    const store = this.contacts;
    const current = store.emails[n]!;
    if (email === current) return;
    const inContacts = store.has(n, IN_CONTACTS);
    if (fromContacts ? !inContacts || email < current : !inContacts && email < current) store.respell(n, email);
  }

  addContact(record: ContactRecord, file: string): void {
    this.addPackedContact(record, record.columns.header, packColumns(record.columns).packed, file);
  }

  /** A contact whose row's values are already joined with NUL (see `packColumns`). */
  addPackedContact(record: Omit<ContactRecord, 'columns'>, header: readonly string[], packed: string, file: string): void {
    const store = this.contacts;
    const n = store.numberFor(record.emailKey, record.email);
    this.spell(n, record.email, true);
    if (store.has(n, IN_CONTACTS)) this.duplicateContactRows++;
    else {
      store.flags[n]! |= IN_CONTACTS;
      store.setPackedColumns(n, packed);
      store.source[n] = store.sourceNumber(file, header) + 1;
    }
    keepLater(store.lastSeen, n, record.lastSeen);
    keepLater(store.lastHeardFrom, n, record.lastHeardFrom);
    keepLater(store.lastOpenedEmail, n, record.lastOpenedEmail);
    keepLater(store.lastClickedEmail, n, record.lastClickedEmail);
    // The most restrictive state wins when an address appears more than once.
    if (record.unsubscribed) this.flag(n, EXPORT_UNSUBSCRIBED, 'unsubscribed', file);
    if (record.markedSpam) this.flag(n, EXPORT_MARKED_SPAM, 'markedSpam', file);
    if (record.hardBounced) this.flag(n, EXPORT_HARD_BOUNCED, 'hardBounced', file);
    if (record.archived) this.flag(n, ARCHIVED, 'archived', file);
    // false wins over true, true over empty (unknown), empty over no column.
    const optIn = optInCode(record.optIn);
    if (optIn > store.optIn[n]!) store.optIn[n] = optIn;
  }

  /** Sets an export flag once, noting the file that set it when it is not the contact's own. */
  private flag(n: number, bit: number, name: keyof NonNullable<ContactExtras['flagFiles']>, file: string): void {
    const store = this.contacts;
    if (store.has(n, bit)) return;
    store.flags[n]! |= bit;
    if (store.sourceOf(n)?.file !== file) (store.extrasOf(n).flagFiles ??= {})[name] = file;
  }

  addSummary(entry: CampaignSummaryRow): void {
    this.summaries.push(entry);
  }

  addEvent(event: DeliveryEvent, file: string): void {
    const store = this.contacts;
    const n = store.numberFor(event.emailKey, event.email);
    this.spell(n, event.email, false);
    const campaign = this.campaignFor(event.campaign);
    // Bounce dumps hold failures only: they can name a block but not the mail sent.
    const recordsSends = this.recordsSends(file);
    if (campaign.lastFile !== file) {
      campaign.lastFile = file;
      campaign.files.add(file);
      if (recordsSends) campaign.hasSendData = true;
    }
    const at = event.at;
    if (event.event === 'dropped') {
      // Not sent at all: the platform refused (the address is on one of its lists).
      campaign.dropped.add(n);
      const extras = store.extrasOf(n);
      if (!extras.dropped || at > extras.dropped.at) {
        extras.dropped = { at, campaign: campaign.name, reason: event.dropReason ?? 'other' };
      }
      return;
    }
    if (campaign.recipients.add(n) && recordsSends) this.providerTally(store.providerOf(n)).sent++;
    campaign.firstEventAt = earlier(campaign.firstEventAt, at);

    switch (event.event) {
      case 'sent':
        campaign.firstSentAt = earlier(campaign.firstSentAt, at);
        break;
      case 'delivered':
        campaign.firstSentAt = earlier(campaign.firstSentAt, at);
        campaign.hasDeliveredEvents = true;
        campaign.delivered.add(n);
        this.noteDelivery(n, at);
        break;
      case 'open':
      case 'click':
        (event.event === 'open' ? campaign.opened : campaign.clicked).add(n);
        if (file !== this.lastEngagedFile) {
          this.lastEngagedFile = file;
          this.filesWithEngagement.add(file);
        }
        keepLater(store.lastEngagedInLogs, n, at);
        // An open or click proves the message arrived.
        this.noteDelivery(n, at);
        break;
      case 'bounce':
        campaign.firstSentAt = earlier(campaign.firstSentAt, at);
        this.addBounce(event, n, campaign, recordsSends);
        break;
      case 'deferred':
        campaign.deferred.add(n);
        break;
      case 'complaint': {
        campaign.complained.add(n);
        const first = campaign.complaintTimes.get(n);
        if (first === undefined || at < first) campaign.complaintTimes.set(n, at);
        const extras = store.extrasOf(n);
        extras.complained = earliestMark(extras.complained, at, campaign.name);
        break;
      }
      case 'unsubscribe': {
        campaign.unsubscribed.add(n);
        const extras = store.extrasOf(n);
        extras.unsubscribed = earliestMark(extras.unsubscribed, at, campaign.name);
        break;
      }
      case 'spam_trap': {
        campaign.spamTrap.add(n);
        const extras = store.extrasOf(n);
        extras.spamTrap = earliestMark(extras.spamTrap, at, campaign.name);
        break;
      }
    }
  }

  /** False for bounce-only dumps (remembered for the file being read: asked once per row). */
  private recordsSends(file: string): boolean {
    if (file !== this.lastFile) {
      this.lastFile = file;
      this.lastFileRecordsSends = !this.fileByName.get(file)?.bouncesOnly;
    }
    return this.lastFileRecordsSends;
  }

  /** A delivery (or an open or click, which proves one) ends a run of soft bounces before it. */
  private noteDelivery(n: number, at: number): void {
    const store = this.contacts;
    if (store.lastDeliveredAt[n]! >= at) return;
    store.lastDeliveredAt[n] = at;
    if (store.has(n, SOFT_BOUNCES_PENDING)) {
      const extras = store.extrasOf(n);
      extras.softBouncesSinceDelivery = extras.softBouncesSinceDelivery!.filter((t) => t > at);
    }
  }

  private addBounce(event: DeliveryEvent, n: number, campaign: CampaignState, recordsSends: boolean): void {
    const store = this.contacts;
    const contact = store.extrasOf(n);
    const status = event.status ?? '';
    const diagnostic = event.diagnostic ?? '';
    // The same bounce fed twice (a re-sent webhook, a dump read twice) counts once.
    // While one bounce is counted, it is the contact's latest: the list starts with the second.
    const seen = contact.bouncesSeen;
    const only = seen ? undefined : contact.bounce;
    if (seen) {
      for (let i = 0; i < seen.length; i += 2) if (seen[i] === campaign.number && seen[i + 1] === event.at) return;
      seen.push(campaign.number, event.at);
    } else if (only) {
      if (only.campaign === campaign.name && only.at === event.at) return;
      contact.bouncesSeen = [this.campaigns.get(only.campaign)!.number, only.at, campaign.number, event.at];
    }
    const { classification, texts } = this.classify(status, diagnostic, event.platformBounce);
    campaign.bounced.add(n);
    switch (classification.kind) {
      case 'hard':
        campaign.hard.add(n);
        if (!contact.hardBounce || event.at > contact.hardBounce.at) {
          contact.hardBounce = { at: event.at, campaign: campaign.name, code: classification.displayCode };
        }
        break;
      case 'soft':
        campaign.soft.add(n);
        if (!(store.lastDeliveredAt[n]! >= event.at)) {
          (contact.softBouncesSinceDelivery ??= []).push(event.at);
          store.flags[n]! |= SOFT_BOUNCES_PENDING;
        }
        break;
      case 'block': {
        const firstBlock = campaign.block.add(n);
        // Alarms weigh blocks against the mail sent: a bounce dump cannot say how much that was.
        if (!recordsSends) break;
        const tally = this.providerTally(store.providerOf(n));
        if (firstBlock) tally.blocked++;
        const key = `${classification.reason}|${classification.displayCode}`;
        const entry = tally.blocks.get(key);
        if (entry) entry.events++;
        else tally.blocks.set(key, { reason: classification.reason, code: classification.displayCode, events: 1 });
        break;
      }
      case 'undetermined':
        campaign.undetermined.add(n);
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
        // The cache's copies: contacts bounced by the same reply share its text.
        status: texts.status,
        diagnostic: texts.diagnostic,
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
        addresses: new RecipientSet(),
      };
      this.bounceTallies.set(tallyKey, tally);
    }
    tally.events++;
    tally.addresses.add(n);
  }

  /**
   * Each distinct (status, diagnostic, platform type) is classified once. Bounce texts often
   * carry unique ids, so the cache is bounded (emptied when full): otherwise it would grow with
   * events. Texts are detached first, so a cached result never keeps a read chunk alive.
   */
  private classify(status: string, diagnostic: string, platform: PlatformBounceType | undefined): ClassifiedReply {
    const key = platform ? `${status}\u0000${diagnostic}\u0000${JSON.stringify(platform)}` : `${status}\u0000${diagnostic}`;
    let entry = this.classifications.get(key);
    if (!entry) {
      const texts = { status: detach(status), diagnostic: detach(diagnostic) };
      entry = { classification: classifyBounce(platform ? { ...texts, platform } : texts), texts };
      if (this.classifications.size >= CLASSIFICATION_CACHE_SIZE) this.classifications.clear();
      this.classifications.set(detach(key), entry);
    }
    return entry;
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
    // Rows of one campaign mostly come together: the last one found is asked first.
    if (this.lastCampaign?.name === name) return this.lastCampaign;
    let state = this.campaigns.get(name);
    if (!state) {
      name = detach(name);
      state = {
        name,
        number: this.campaigns.size,
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
    this.lastCampaign = state;
    return state;
  }
}

/** A bounce reply's classification, with one detached copy of its texts for every contact it bounced. */
interface ClassifiedReply {
  classification: BounceClassification;
  texts: { status: string; diagnostic: string };
}

/** Distinct bounce texts kept classified at once (a few MB at most). */
const CLASSIFICATION_CACHE_SIZE = 20_000;

/** Keeps the later of a column's time (NaN = never) and `at`. */
function keepLater(column: Float64Array, n: number, at: number | undefined): void {
  if (at !== undefined && !(column[n]! >= at)) column[n] = at;
}

function earliestMark(mark: EventMark | undefined, at: number, campaign: string): EventMark {
  if (!mark || at < mark.at || (at === mark.at && campaign < mark.campaign)) return { at, campaign };
  return mark;
}

function earlier(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
