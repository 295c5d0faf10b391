/**
 * How a reading worker's sink calls travel to the main thread. Structured clone copies every
 * object with its property names and every string anew, so the two kinds of record that make
 * up almost all rows travel in columns instead:
 * - a plain event (no bounce text, platform type or drop reason): campaign number, event
 *   code and time in numeric arrays; its address and key only when they differ from the
 *   previous event's (a recipient's rows often come together), its key only when it is not
 *   the address;
 * - a contact whose row uses the file's header: address, key, the row's values joined
 *   (as the accumulator keeps them), four dates and the flags in numeric arrays.
 * Everything else (summaries, rejects, bounces) travels as the call itself.
 */
import type { InputFileSummary } from '../../analysis/audit-result.js';
import { EVENT_TYPES, optInCode, optInOfCode, packColumns, unpackColumns, type CampaignSummaryRow, type ContactRecord, type DeliveryEvent, type RowReject } from '../canonical-records.js';
import type { FileSink } from '../read-input-file.js';

export type SinkCall =
  | ['beginFile', InputFileSummary]
  | ['addEvent', DeliveryEvent, string]
  | ['addSummary', CampaignSummaryRow]
  | ['addContact', ContactRecord, string]
  | ['reject', RowReject];

/** One batch. `order` gives the calls in order: i >= 0 is plain event i, -1-j is plain contact j, else a call. */
export interface CallBatch {
  order: (number | SinkCall)[];
  /** The file every plain record of the batch comes from. */
  file: string;
  campaigns: string[];
  eventCampaign: Int32Array;
  eventType: Uint8Array;
  eventAt: Float64Array;
  /** '' = the previous plain event's address and key. */
  eventEmail: string[];
  /** '' = the same as the address (or, with an empty address, the previous key). */
  eventKey: string[];
  contactEmail: string[];
  contactKey: string[];
  contactPacked: string[];
  /** lastSeen, lastHeardFrom, lastOpenedEmail, lastClickedEmail per contact; NaN = none. */
  contactDates: Float64Array;
  contactFlags: Uint8Array;
}

/** A sink that can take a contact whose values are already joined (the accumulator). */
export interface PackedContactSink extends FileSink {
  addPackedContact(contact: Omit<ContactRecord, 'columns'>, header: readonly string[], packed: string, file: string): void;
}

/** What a call sent whole (an object with its property names) is counted as. */
const CALL_CHARS = 400;
const UNSUBSCRIBED = 1;
const MARKED_SPAM = 2;
const HARD_BOUNCED = 4;
const ARCHIVED = 8;
/** optInCode, two bits from here. */
const OPT_IN_SHIFT = 4;

/** Worker side: collects sink calls into batches. */
export class CallBatchWriter {
  private order: (number | SinkCall)[] = [];
  private file = '';
  private campaigns: string[] = [];
  private campaignNumbers = new Map<string, number>();
  private eventCampaign: number[] = [];
  private eventType: number[] = [];
  private eventAt: number[] = [];
  private eventEmail: string[] = [];
  private eventKey: string[] = [];
  private previousEmail = '';
  private previousKey = '';
  private contactEmail: string[] = [];
  private contactKey: string[] = [];
  private contactPacked: string[] = [];
  private contactDates: number[] = [];
  private contactFlags: number[] = [];
  private fileHeader: readonly string[] | undefined;

  /** About how many characters the batch's serialised form takes (strings, plus the numbers and a call's overhead). */
  chars = 0;

  get length(): number {
    return this.order.length;
  }

  call(call: SinkCall): void {
    if (call[0] === 'beginFile') this.fileHeader = call[1].header;
    this.order.push(call);
    this.chars += CALL_CHARS;
  }

  event(event: DeliveryEvent, file: string): void {
    if (event.status !== undefined || event.diagnostic !== undefined || event.platformBounce !== undefined || event.dropReason !== undefined || !this.sameFile(file)) {
      this.call(['addEvent', event, file]);
      return;
    }
    let campaign = this.campaignNumbers.get(event.campaign);
    if (campaign === undefined) this.campaignNumbers.set(event.campaign, (campaign = this.campaigns.push(event.campaign) - 1));
    this.order.push(this.eventAt.length);
    this.eventCampaign.push(campaign);
    this.eventType.push(EVENT_TYPES.indexOf(event.event));
    this.eventAt.push(event.at);
    const repeated = event.email === this.previousEmail && event.emailKey === this.previousKey;
    this.eventEmail.push(repeated ? '' : event.email);
    this.eventKey.push(repeated || event.emailKey === event.email ? '' : event.emailKey);
    this.chars += 16 + (repeated ? 0 : event.email.length);
    this.previousEmail = event.email;
    this.previousKey = event.emailKey;
  }

  contact(contact: ContactRecord, file: string): void {
    if (contact.columns.header !== this.fileHeader || !this.sameFile(file)) {
      this.call(['addContact', contact, file]);
      return;
    }
    this.order.push(-1 - this.contactEmail.length);
    this.contactEmail.push(contact.email);
    this.contactKey.push(contact.emailKey === contact.email ? '' : contact.emailKey);
    const packed = packColumns(contact.columns).packed;
    this.contactPacked.push(packed);
    this.chars += 48 + contact.email.length + packed.length;
    this.contactDates.push(contact.lastSeen ?? NaN, contact.lastHeardFrom ?? NaN, contact.lastOpenedEmail ?? NaN, contact.lastClickedEmail ?? NaN);
    this.contactFlags.push(
      (contact.unsubscribed ? UNSUBSCRIBED : 0) |
        (contact.markedSpam ? MARKED_SPAM : 0) |
        (contact.hardBounced ? HARD_BOUNCED : 0) |
        (contact.archived ? ARCHIVED : 0) |
        (optInCode(contact.optIn) << OPT_IN_SHIFT),
    );
  }

  /** The batch so far (numeric columns as typed arrays); the writer starts a new one. */
  take(): CallBatch {
    const batch: CallBatch = {
      order: this.order,
      file: this.file,
      campaigns: this.campaigns,
      eventCampaign: Int32Array.from(this.eventCampaign),
      eventType: Uint8Array.from(this.eventType),
      eventAt: Float64Array.from(this.eventAt),
      eventEmail: this.eventEmail,
      eventKey: this.eventKey,
      contactEmail: this.contactEmail,
      contactKey: this.contactKey,
      contactPacked: this.contactPacked,
      contactDates: Float64Array.from(this.contactDates),
      contactFlags: Uint8Array.from(this.contactFlags),
    };
    this.order = [];
    this.chars = 0;
    this.file = '';
    this.campaigns = [];
    this.campaignNumbers = new Map();
    this.eventCampaign = [];
    this.eventType = [];
    this.eventAt = [];
    this.eventEmail = [];
    this.eventKey = [];
    this.previousEmail = '';
    this.previousKey = '';
    this.contactEmail = [];
    this.contactKey = [];
    this.contactPacked = [];
    this.contactDates = [];
    this.contactFlags = [];
    return batch;
  }

  /** Plain records of a batch share one file name: the first one's. */
  private sameFile(file: string): boolean {
    if (this.file === '') this.file = file;
    return file === this.file;
  }
}

/**
 * Main-thread side: replays a batch's calls, in order, into `sink`. Contacts are pointed back
 * at the file's own header array (structured clone made a copy): outputs place their columns
 * by that array.
 */
export class CallBatchReader {
  /** The summary the sink was given in beginFile (the accumulator keeps and updates it). */
  registered: InputFileSummary | undefined;
  // The previous plain event's address and key: the same string objects, so lookups by them stay cheap.
  private previousEmail = '';
  private previousKey = '';
  private lastHeaderClone: readonly string[] | undefined;
  private sameAsFile = false;

  constructor(private readonly sink: FileSink | PackedContactSink) {}

  replay(batch: CallBatch): void {
    const sink = this.sink;
    for (const entry of batch.order) {
      if (typeof entry !== 'number') this.replayCall(entry);
      else if (entry >= 0) {
        const sent = batch.eventEmail[entry]!;
        if (sent !== '') {
          this.previousEmail = sent;
          this.previousKey = batch.eventKey[entry] || sent;
        }
        const event: DeliveryEvent = {
          campaign: batch.campaigns[batch.eventCampaign[entry]!]!,
          email: this.previousEmail,
          emailKey: this.previousKey,
          event: EVENT_TYPES[batch.eventType[entry]!]!,
          at: batch.eventAt[entry]!,
        };
        sink.addEvent(event, batch.file);
      } else this.replayContact(batch, -1 - entry);
    }
  }

  private replayCall(call: SinkCall): void {
    switch (call[0]) {
      case 'beginFile':
        this.registered = call[1];
        this.sink.beginFile(call[1]);
        break;
      case 'addEvent':
        this.sink.addEvent(call[1], call[2]);
        break;
      case 'addSummary':
        this.sink.addSummary(call[1]);
        break;
      case 'addContact': {
        const columns = call[1].columns;
        if (columns.header !== this.lastHeaderClone) {
          this.lastHeaderClone = columns.header;
          this.sameAsFile = this.registered !== undefined && sameStrings(columns.header, this.registered.header);
        }
        if (this.sameAsFile) columns.header = this.registered!.header;
        this.sink.addContact(call[1], call[2]);
        break;
      }
      case 'reject':
        this.sink.reject(call[1]);
        break;
    }
  }

  private replayContact(batch: CallBatch, j: number): void {
    const email = batch.contactEmail[j]!;
    const flags = batch.contactFlags[j]!;
    const optIn = optInOfCode((flags >> OPT_IN_SHIFT) & 3);
    const date = (k: number) => {
      const at = batch.contactDates[4 * j + k]!;
      return Number.isNaN(at) ? undefined : at;
    };
    const contact: Omit<ContactRecord, 'columns'> = {
      email,
      emailKey: batch.contactKey[j] || email,
      unsubscribed: (flags & UNSUBSCRIBED) !== 0,
      markedSpam: (flags & MARKED_SPAM) !== 0,
      hardBounced: (flags & HARD_BOUNCED) !== 0,
      archived: (flags & ARCHIVED) !== 0,
    };
    const [lastSeen, lastHeardFrom, lastOpenedEmail, lastClickedEmail] = [date(0), date(1), date(2), date(3)];
    if (lastSeen !== undefined) contact.lastSeen = lastSeen;
    if (lastHeardFrom !== undefined) contact.lastHeardFrom = lastHeardFrom;
    if (lastOpenedEmail !== undefined) contact.lastOpenedEmail = lastOpenedEmail;
    if (lastClickedEmail !== undefined) contact.lastClickedEmail = lastClickedEmail;
    if (optIn !== undefined) contact.optIn = optIn;
    const header = this.registered!.header;
    const packed = batch.contactPacked[j]!;
    if ('addPackedContact' in this.sink) this.sink.addPackedContact(contact, header, packed, batch.file);
    else this.sink.addContact({ ...contact, columns: { header, values: unpackColumns({ header, packed }) } }, batch.file);
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
