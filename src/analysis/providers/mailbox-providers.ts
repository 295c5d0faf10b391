/**
 * Which mailbox provider hosts a recipient, from the domain of the address. Offline, so
 * only the providers' own consumer domains are known: a company domain hosted on Google
 * Workspace or Microsoft 365 needs an MX lookup and counts as `other`.
 */
export const MAILBOX_PROVIDERS = ['google', 'microsoft', 'yahoo', 'apple', 'other'] as const;
export type MailboxProvider = (typeof MAILBOX_PROVIDERS)[number];

export const MAILBOX_PROVIDER_NAMES: Record<MailboxProvider, string> = {
  google: 'Google',
  microsoft: 'Microsoft',
  yahoo: 'Yahoo/AOL',
  apple: 'Apple',
  other: 'other providers',
};

/** Consumer domains per provider, each list from the provider's own sender pages or help. */
const DOMAINS: Record<Exclude<MailboxProvider, 'other'>, readonly string[]> = {
  // Google's sender guidelines cover personal Gmail accounts (support.google.com/a/answer/81126).
  google: ['gmail.com', 'googlemail.com'],
  // Outlook.com consumer service (Microsoft's high-volume sender requirements, 2025).
  microsoft: [
    'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com', 'windowslive.com',
    'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es', 'hotmail.nl', 'hotmail.be', 'hotmail.ca', 'hotmail.com.au', 'hotmail.com.br', 'hotmail.co.jp',
    'live.co.uk', 'live.fr', 'live.de', 'live.it', 'live.nl', 'live.be', 'live.ca', 'live.com.au', 'live.com.mx',
    'outlook.fr', 'outlook.de', 'outlook.it', 'outlook.es', 'outlook.co.uk', 'outlook.com.au', 'outlook.jp',
  ],
  // Yahoo Mail, AOL "and other Yahoo-hosted domains" (senders.yahooinc.com). Yahoo Japan
  // (yahoo.co.jp) is a different company and is not listed.
  yahoo: [
    'yahoo.com', 'ymail.com', 'rocketmail.com', 'aol.com', 'aim.com', 'love.com', 'verizon.net',
    'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.it', 'yahoo.es', 'yahoo.ca', 'yahoo.com.au', 'yahoo.com.br', 'yahoo.co.in', 'yahoo.com.mx', 'yahoo.com.ar', 'yahoo.in',
    'aol.co.uk', 'aol.fr', 'aol.de',
    'att.net', 'sbcglobal.net', 'bellsouth.net', 'pacbell.net', 'flash.net', 'swbell.net', 'ameritech.net', 'wans.net', 'nvbell.net', 'prodigy.net', 'snet.net',
  ],
  // iCloud Mail addresses (support.apple.com: iCloud Mail uses @icloud.com, @me.com and @mac.com).
  apple: ['icloud.com', 'me.com', 'mac.com'],
};

const PROVIDER_BY_DOMAIN = new Map<string, MailboxProvider>(
  Object.entries(DOMAINS).flatMap(([provider, domains]) => domains.map((d) => [d, provider as MailboxProvider])),
);

/** The provider of a lower-cased address (or bare domain). */
export function mailboxProviderOf(emailKey: string): MailboxProvider {
  const domain = emailKey.slice(emailKey.lastIndexOf('@') + 1).replace(/\.$/, '');
  return PROVIDER_BY_DOMAIN.get(domain) ?? 'other';
}
