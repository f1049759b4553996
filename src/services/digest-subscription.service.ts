import { randomBytes } from 'node:crypto';
import { hashSecret } from '../auth/token';
import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import { isUniqueViolation } from '../db/database-error';
import type { DigestSubscription as DigestSubscriptionRecord } from '../db/generated/client';
import { requireScope } from '../auth/require-scope';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { normalizeEmail } from '../lib/email-address';
import type { Logger } from '../observability/logger';
import { spendMailBudget, type MailThrottle } from './mail-throttle';

export type { DigestSubscriptionRecord };

export const DIGEST_FREQUENCIES = ['DAILY', 'WEEKLY'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** How long a confirmation link works. */
export const CONFIRMATION_TTL_MS = 48 * 3_600_000;
/** Subscribing again sends another confirmation mail at most this often (mail-bombing guard). */
export const CONFIRMATION_RESEND_INTERVAL_MS = 10 * 60_000;

/** What a confirmation mail needs; the raw tokens exist only here and in the mail. */
export interface ConfirmationMail {
  readonly to: string;
  readonly frequency: DigestFrequency;
  readonly confirmToken: string;
  readonly unsubscribeToken: string;
  readonly expiresAt: Date;
}

/** Implemented in src/digest (SMTP or outbox); the service only decides when to send. */
export interface DigestConfirmationMailer {
  sendConfirmation(mail: ConfirmationMail): Promise<void>;
}

export interface DigestSubscriptionDeps {
  readonly db: Db;
  readonly log: Logger;
  readonly mailer: DigestConfirmationMailer;
  readonly now?: () => Date;
  /** Tighter limits than the API's general budget, because every accepted request may send mail. */
  readonly throttle?: MailThrottle;
}

// 256 random bits, base64url: 43 characters. Only the SHA-256 is stored, so a database leak
// yields no working link; a fast hash suffices because the secret is not guessable.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function issueToken(): { token: string; hash: Uint8Array<ArrayBuffer> } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecret(token) };
}

export class DigestSubscriptionService {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => Date;

  constructor(private readonly deps: DigestSubscriptionDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Double opt-in. Records a pending subscription and mails a confirmation link. The result is the
   * same for new, pending, confirmed and unsubscribed addresses, and the mail is sent after the
   * response, so neither the answer nor its timing tells whether an address is known.
   */
  async subscribe(ctx: RequestContext, input: { email: string; frequency: string }): Promise<{ email: string }> {
    const email = requireEmail(input.email);
    const frequency = requireFrequency(input.frequency);
    await spendMailBudget(this.deps.throttle, {
      family: 'digest-subscribe',
      email,
      clientIp: ctx.clientAddress,
      now: this.now(),
      what: 'subscription requests',
    });
    let mail: ConfirmationMail | null;
    try {
      mail = await this.recordRequest(email, frequency, ctx.viewer?.userId ?? null);
    } catch (error) {
      // Two first requests for one address raced; the loser takes the "known address" path.
      if (!isUniqueViolation(error)) throw error;
      mail = await this.recordRequest(email, frequency, ctx.viewer?.userId ?? null);
    }
    if (mail) this.sendInBackground(mail);
    return { email };
  }

  /** Confirms with the token from the confirmation mail. Single use; expires after 48 hours. */
  async confirm(_ctx: RequestContext, token: string): Promise<DigestSubscriptionRecord> {
    const hash = requireTokenShape(token, invalidConfirmation);
    const now = this.now();
    const { prisma } = this.deps.db;
    const row = await prisma.digestSubscription.findUnique({ where: { confirmTokenHash: hash } });
    if (!row || row.status !== 'pending' || !row.confirmTokenExpiresAt || row.confirmTokenExpiresAt <= now) throw invalidConfirmation();
    const data = { status: 'confirmed', confirmedAt: now, confirmTokenHash: null, confirmTokenExpiresAt: null };
    // Conditional on the hash: of two concurrent confirmations exactly one succeeds.
    const { count } = await prisma.digestSubscription.updateMany({ where: { id: row.id, confirmTokenHash: hash, status: 'pending' }, data });
    if (count === 0) throw invalidConfirmation();
    return { ...row, ...data };
  }

  /**
   * Unsubscribes with the token from the confirmation mail or from any digest. Needs no login.
   * Using one token ends the subscription and invalidates every other link it was sent.
   */
  async unsubscribe(_ctx: RequestContext, token: string): Promise<DigestSubscriptionRecord> {
    const hash = requireTokenShape(token, invalidUnsubscribe);
    const now = this.now();
    return this.deps.db.prisma.$transaction(async (tx) => {
      const subscription =
        (await tx.digestSubscription.findUnique({ where: { unsubscribeTokenHash: hash } })) ??
        (await tx.digestDelivery.findUnique({ where: { unsubscribeTokenHash: hash }, select: { subscription: true } }))?.subscription;
      if (!subscription) throw invalidUnsubscribe();
      await tx.digestDelivery.updateMany({
        where: { subscriptionId: subscription.id, unsubscribeTokenHash: { not: null } },
        data: { unsubscribeTokenHash: null },
      });
      return tx.digestSubscription.update({
        where: { id: subscription.id },
        data: { status: 'unsubscribed', unsubscribedAt: now, unsubscribeTokenHash: null, confirmTokenHash: null, confirmTokenExpiresAt: null },
      });
    });
  }

  /** The subscription for the viewer's sign-in address (or linked to the viewer); null when none. Needs the `digest` scope. */
  async viewerSubscription(ctx: RequestContext): Promise<DigestSubscriptionRecord | null> {
    const viewer = requireScope(ctx.viewer, 'digest');
    const user = await ctx.loaders.userById.load(viewer.userId);
    const { prisma } = this.deps.db;
    const own = user?.email ? await prisma.digestSubscription.findUnique({ where: { email: user.email } }) : null;
    // Before signing in by email, a person may have subscribed while holding a CLI token: linked by user id.
    return own ?? prisma.digestSubscription.findFirst({ where: { userId: viewer.userId }, orderBy: { id: 'desc' } });
  }

  /**
   * Subscribes the viewer's sign-in address at `frequency`, or unsubscribes it. No confirmation
   * mail: signing in by email already proved the address. Needs the `digest` scope and an account
   * made by email sign-in (BAD_USER_INPUT otherwise: there is no proven address to send to).
   */
  async updateForViewer(ctx: RequestContext, input: { subscribed: boolean; frequency?: string | null }): Promise<DigestSubscriptionRecord> {
    const viewer = requireScope(ctx.viewer, 'digest');
    const user = await ctx.loaders.userById.load(viewer.userId);
    if (!user?.email) throw new BadUserInputError('input', 'This account has no email address; sign in by email once to attach one.');
    const now = this.now();
    const cleared = { confirmTokenHash: null, confirmTokenExpiresAt: null, lastConfirmationSentAt: null };
    const { prisma } = this.deps.db;
    if (!input.subscribed) {
      const existing = await prisma.digestSubscription.findUnique({ where: { email: user.email } });
      if (!existing) throw new NotFoundError('DigestSubscription', user.email);
      return prisma.digestSubscription.update({
        where: { id: existing.id },
        data: { ...cleared, status: 'unsubscribed', unsubscribedAt: now, unsubscribeTokenHash: null, userId: user.id },
      });
    }
    const frequency = requireFrequency(input.frequency ?? '');
    const confirmed = { ...cleared, frequency, status: 'confirmed', confirmedAt: now, unsubscribedAt: null, userId: user.id };
    return prisma.digestSubscription.upsert({ where: { email: user.email }, create: { email: user.email, ...confirmed }, update: confirmed });
  }

  /** Resolves once every confirmation mail started so far was handed to the transport or failed. */
  async whenIdle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  // Returns the mail to send, or null when none is due (confirmed, or sent less than 10 minutes ago).
  private async recordRequest(email: string, frequency: DigestFrequency, userId: number | null): Promise<ConfirmationMail | null> {
    const { prisma } = this.deps.db;
    const now = this.now();
    const confirm = issueToken();
    const unsubscribe = issueToken();
    const expiresAt = new Date(now.getTime() + CONFIRMATION_TTL_MS);
    const fresh = {
      frequency,
      status: 'pending',
      confirmTokenHash: confirm.hash,
      confirmTokenExpiresAt: expiresAt,
      unsubscribeTokenHash: unsubscribe.hash,
      lastConfirmationSentAt: now,
    };
    const mail = { to: email, frequency, confirmToken: confirm.token, unsubscribeToken: unsubscribe.token, expiresAt };
    const existing = await prisma.digestSubscription.findUnique({ where: { email }, select: { id: true } });
    if (!existing) {
      await prisma.digestSubscription.create({ data: { email, userId, ...fresh } });
      return mail;
    }
    // One conditional statement decides and claims the resend, so parallel requests send one mail.
    // A confirmed subscription matches nothing: changing its frequency takes an unsubscribe first.
    const { count } = await prisma.digestSubscription.updateMany({
      where: {
        id: existing.id,
        status: { in: ['pending', 'unsubscribed'] },
        OR: [{ lastConfirmationSentAt: null }, { lastConfirmationSentAt: { lte: new Date(now.getTime() - CONFIRMATION_RESEND_INTERVAL_MS) } }],
      },
      data: { ...fresh, unsubscribedAt: null, ...(userId !== null && { userId }) },
    });
    return count === 1 ? mail : null;
  }

  private sendInBackground(mail: ConfirmationMail): void {
    const task = this.deps.mailer.sendConfirmation(mail).catch(async (error: unknown) => {
      this.deps.log.error({ err: error }, 'digest confirmation mail could not be sent');
      // Lets the address ask again at once instead of waiting out the resend interval.
      await this.deps.db.prisma.digestSubscription
        .updateMany({ where: { confirmTokenHash: hashSecret(mail.confirmToken) }, data: { lastConfirmationSentAt: null } })
        .catch(() => undefined);
    });
    const tracked = task.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

function requireEmail(input: string): string {
  const parsed = normalizeEmail(input);
  if (!parsed.ok) throw new BadUserInputError('email', `The email address ${parsed.reason}.`);
  return parsed.email;
}

function requireFrequency(input: string): DigestFrequency {
  if ((DIGEST_FREQUENCIES as readonly string[]).includes(input)) return input as DigestFrequency;
  throw new BadUserInputError('frequency', `frequency must be one of ${DIGEST_FREQUENCIES.join(', ')}.`);
}

function requireTokenShape(token: string, invalid: () => BadUserInputError): Uint8Array<ArrayBuffer> {
  if (!TOKEN_PATTERN.test(token)) throw invalid();
  return hashSecret(token);
}

// One message for unknown, expired and used tokens: the answer reveals nothing about which.
function invalidConfirmation(): BadUserInputError {
  return new BadUserInputError('token', 'This confirmation link is invalid, has expired or was already used; subscribe again to get a new one.');
}

function invalidUnsubscribe(): BadUserInputError {
  return new BadUserInputError('token', 'This unsubscribe link is invalid or was already used.');
}

/** Used when no mailer was wired in (tests of other features, tools): the request works, the mail fails and is logged. */
export const unconfiguredMailer: DigestConfirmationMailer = {
  sendConfirmation: () => Promise.reject(new Error('no digest mailer configured (createServices without digestMailer)')),
};
