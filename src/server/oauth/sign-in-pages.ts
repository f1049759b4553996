import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../../context';
import { escapeHtml } from '../../digest/compose';
import { readForm, sendPage } from '../../digest/digest-pages';
import { SESSION_TTL_MS, type SignInService } from '../../services/sign-in.service';
import { sessionCookie } from './session-cookie';

// The browser side of sign-in by email: the form /oauth/authorize shows to someone not signed in
// (POST /signin/request), and the page the mailed link opens (/signin). GET /signin only shows a
// button, because mail scanners fetch links; POST uses the link and sets the session cookie.

export interface SignInPagesDeps {
  readonly signIn: SignInService;
  /** An anonymous context carrying the client address (for the per-IP limit). */
  readonly contextFor: (req: IncomingMessage) => Promise<RequestContext>;
  readonly secureCookies: boolean;
}

const TITLE = 'Sign in to Daily Papers';

/** The form that asks for an address; `returnTo` is where the link will lead after signing in. */
export function signInForm(returnTo: string, message = ''): string {
  return (
    `${message}<p>We will email you a link to sign in; no password needed.</p>` +
    `<form method="post" action="/signin/request"><input type="hidden" name="return_to" value="${escapeHtml(returnTo)}">` +
    '<label>Email <input type="email" name="email" required autocomplete="email"></label> <button type="submit">Email me a link</button></form>'
  );
}

export function createSignInPages(deps: SignInPagesDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  return async (req, res, url) => {
    if (url.pathname === '/signin/request' && req.method === 'POST') {
      const form = await readForm(req);
      const returnTo = form?.get('return_to') || null;
      try {
        const { email } = await deps.signIn.requestSignIn(await deps.contextFor(req), { email: form?.get('email') ?? '', returnTo });
        sendPage(
          res,
          200,
          TITLE,
          `<p>Check your inbox: a sign-in link is on its way to <strong>${escapeHtml(email)}</strong>. It works once, for 15 minutes.</p>`,
        );
      } catch (error) {
        const known = codedError(error);
        if (!known) throw error;
        sendPage(res, known.status, TITLE, signInForm(returnTo ?? '/', `<p role="alert">${escapeHtml(known.message)}</p>`));
      }
      return true;
    }
    if (url.pathname !== '/signin') return false;
    if (req.method === 'GET') {
      const token = url.searchParams.get('token') ?? '';
      try {
        const pending = await deps.signIn.inspectLink(token);
        sendPage(res, 200, TITLE, linkForm(token, pending.email, pending.user === null));
      } catch (error) {
        const known = codedError(error);
        if (!known) throw error;
        sendPage(res, 400, TITLE, `<p role="alert">${escapeHtml(known.message)}</p>`);
      }
      return true;
    }
    if (req.method !== 'POST') return false;
    const form = await readForm(req);
    const token = form?.get('token') ?? '';
    try {
      const signedIn = await deps.signIn.completeSignIn(await deps.contextFor(req), { token, handle: form?.get('handle') });
      const cookie = sessionCookie(signedIn.session.token, SESSION_TTL_MS / 1000, deps.secureCookies);
      if (signedIn.returnTo) {
        res.writeHead(303, { location: signedIn.returnTo, 'set-cookie': cookie, 'cache-control': 'no-store' });
        res.end();
      } else {
        sendPage(res, 200, TITLE, `<p>Signed in as <strong>@${escapeHtml(signedIn.user.handle)}</strong>.</p>`, [], { 'set-cookie': cookie });
      }
    } catch (error) {
      const known = codedError(error);
      if (!known) throw error;
      const pending = await deps.signIn.inspectLink(token).catch(() => null);
      const body = `<p role="alert">${escapeHtml(known.message)}</p>` + (pending ? linkForm(token, pending.email, pending.user === null) : '');
      sendPage(res, known.status, TITLE, body);
    }
    return true;
  };
}

function linkForm(token: string, email: string, newAccount: boolean): string {
  const handle = newAccount
    ? '<p>This address has no account yet. Choose a handle (letters, digits, "-" or "_"):</p><p><input name="handle" required maxlength="39" pattern="[A-Za-z0-9][A-Za-z0-9_-]*"></p>'
    : '';
  return (
    `<form method="post" action="/signin"><input type="hidden" name="token" value="${escapeHtml(token)}">` +
    `<p>Sign in as <strong>${escapeHtml(email)}</strong>.</p>${handle}<button type="submit">${newAccount ? 'Create account and sign in' : 'Sign in'}</button></form>`
  );
}

/** A deliberate AppError's message and status; null for anything else (an outage is not the person's fault). */
export function codedError(error: unknown): { message: string; status: number } | null {
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: number } } }).extensions;
  const code = extensions?.code;
  if (code !== 'BAD_USER_INPUT' && code !== 'CONFLICT' && code !== 'RATE_LIMITED') return null;
  return { message: (error as Error).message, status: extensions?.http?.status ?? (code === 'CONFLICT' ? 409 : 400) };
}
