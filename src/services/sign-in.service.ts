import { generateSecret, hashSecret } from '../auth/token';
import type { RequestContext } from '../context';
import type { Db } from '../db/client';
import type { UserRecord } from '../db/records';
import { BadUserInputError, ConflictError } from '../errors/errors';
import { normalizeEmail } from '../lib/email-address';
import { toGlobalId } from '../lib/global-id';
import type { Logger } from '../observability/logger';
import type { AccessTokenService, CreatedAccessToken } from './access-token.service';
import { isUniqueViolation } from '../db/database-error';
import { checkHandle } from './identity.service';
import { spendMailBudget, type MailThrottle } from './mail-throttle';

/** How long a sign-in link works: minutes, because a mailbox is read soon after asking. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;
/** How long a session from signing in lasts. */
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

/** What a sign-in mail needs; the raw token exists only here and in the mail. */
export interface SignInMail {
  readonly to: string;
  readonly token: string;
  readonly expiresAt: Date;
}

/** Implemented in src/digest on the digest's transport (SMTP or outbox). */
export interface SignInMailer {
  sendSignIn(mail: SignInMail): Promise<void>;
}

export interface SignInDeps {
  readonly db: Db;
  readonly log: Logger;
  readonly mailer: SignInMailer;
  readonly accessTokens: AccessTokenService;
  readonly throttle?: MailThrottle;
  readonly now?: () => Date;
}

export interface SignedIn {
  readonly user: UserRecord;
  readonly session: CreatedAccessToken;
  /** True when this sign-in created the account. */
  readonly created: boolean;
  /** Where the browser should go next (an /oauth/authorize URL), when the link was asked for there. */
  readonly returnTo: string | null;
}

/** What a valid, unused link leads to, before it is used (the page asks for a handle when the account is new). */
export interface PendingSignIn {
  readonly email: string;
  readonly user: UserRecord | null;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Sign-in by email link: no passwords; the account is made the first time a link is used. */
export class SignInService {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => Date;

  constructor(private readonly deps: SignInDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Mails a single-use link valid for 15 minutes. Answers the same for known and unknown addresses
   * (the account is made when the link is used) and sends after responding, so neither the answer
   * nor its timing says whether an address has an account. `returnTo` must be a path on this server.
   */
  async requestSignIn(ctx: RequestContext, input: { email: string; returnTo?: string | null }): Promise<{ email: string }> {
    const parsed = normalizeEmail(input.email);
    if (!parsed.ok) throw new BadUserInputError('email', `The email address ${parsed.reason}.`);
    const email = parsed.email;
    const returnTo = input.returnTo ?? null;
    if (returnTo !== null && !isLocalPath(returnTo)) throw new BadUserInputError('returnTo', 'returnTo must be a path on this server starting with "/".');
    const now = this.now();
    await spendMailBudget(this.deps.throttle, { family: 'sign-in', email, clientIp: ctx.clientAddress, now, what: 'sign-in requests' });
    const { secret, hash } = generateSecret();
    const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
    await this.deps.db.prisma.signInLink.create({ data: { email, tokenHash: hash, returnTo, expiresAt } });
    this.sendInBackground({ to: email, token: secret, expiresAt });
    return { email };
  }

  /** The address a link is for and its account, without using the link; BAD_USER_INPUT (token) when it cannot be used. */
  async inspectLink(token: string): Promise<PendingSignIn> {
    const link = await this.usableLink(token);
    const user = await this.deps.db.prisma.user.findUnique({ where: { email: link.email } });
    return { email: link.email, user };
  }

  /**
   * Uses a link: signs in, making the account with `handle` when the address has none. A missing or
   * taken handle leaves the link unused, so the person can pick another; of two concurrent uses one wins.
   */
  async completeSignIn(_ctx: RequestContext, input: { token: string; handle?: string | null }): Promise<SignedIn> {
    const link = await this.usableLink(input.token);
    const { prisma } = this.deps.db;
    let user = await prisma.user.findUnique({ where: { email: link.email } });
    const handle = input.handle?.trim() || null;
    if (!user) {
      if (!handle) throw new BadUserInputError('handle', 'This address has no account yet: choose a handle to create one.');
      checkHandle(handle);
      const taken = await prisma.user.findUnique({ where: { handle } });
      if (taken) throw new ConflictError(`The handle "${handle}" is taken; choose another.`, toGlobalId('User', taken.id));
    }
    const created = !user;
    try {
      user = await prisma.$transaction(async (tx) => {
        const { count } = await tx.signInLink.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: this.now() } });
        if (count === 0) throw invalidLink();
        return user ?? tx.user.create({ data: { handle: handle!, email: link.email } });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ConflictError(`The handle "${handle}" (or an account for this address) was just taken; use the link again.`, '');
    }
    const session = await this.deps.accessTokens.issueSession(user.id, SESSION_TTL_MS);
    return { user, session, created, returnTo: link.returnTo };
  }

  /** Resolves once every sign-in mail started so far was handed to the transport or failed. */
  async whenIdle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async usableLink(token: string) {
    if (!TOKEN_PATTERN.test(token)) throw invalidLink();
    const link = await this.deps.db.prisma.signInLink.findUnique({ where: { tokenHash: hashSecret(token) } });
    if (!link || link.usedAt || link.expiresAt <= this.now()) throw invalidLink();
    return link;
  }

  private sendInBackground(mail: SignInMail): void {
    const task = this.deps.mailer.sendSignIn(mail).catch((error: unknown) => {
      this.deps.log.error({ err: error }, 'sign-in mail could not be sent');
    });
    const tracked = task.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

// "/oauth/authorize?…" yes; "//evil.example" and "https://…" no: an open redirect would let a
// phishing mail send people anywhere after a genuine sign-in.
function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && path.length <= 2048;
}

// One message for unknown, expired and used links: the answer reveals nothing about which.
function invalidLink(): BadUserInputError {
  return new BadUserInputError('token', 'This sign-in link is invalid, has expired or was already used; ask for a new one.');
}

/** Used when no mailer was wired in (tests of other features, tools): the request works, the mail fails and is logged. */
export const unconfiguredSignInMailer: SignInMailer = {
  sendSignIn: () => Promise.reject(new Error('no sign-in mailer configured (createServices without signInMailer)')),
};
