import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../../context';
import type { Services } from '../../services';
import { createOAuthRoutes } from './oauth-routes';
import { createSignInPages } from './sign-in-pages';

export interface AccountRoutesDeps {
  readonly services: Pick<Services, 'identity' | 'oauthApps' | 'oauthGrants' | 'signIn'>;
  /** PUBLIC_BASE_URL: the OAuth issuer; https there makes the session cookie Secure. */
  readonly issuer: string;
  /** An anonymous context carrying the client address (for the per-IP sign-in limit). */
  readonly contextFor: (req: IncomingMessage) => Promise<RequestContext>;
}

/** Every browser- and app-facing account route: /signin pages, /oauth/* and the RFC 8414 metadata. */
export function createAccountRoutes(deps: AccountRoutesDeps): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const oauth = createOAuthRoutes(deps);
  const signIn = createSignInPages({ signIn: deps.services.signIn, contextFor: deps.contextFor, secureCookies: deps.issuer.startsWith('https:') });
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    return (await oauth(req, res, url)) || signIn(req, res, url);
  };
}
