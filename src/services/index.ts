import type { Db } from '../db/client';
import type { Logger } from '../observability/logger';
import { PaperService } from './paper.service';
import { AuthorService } from './author.service';
import { FeedService } from './feed.service';
import { NodeService } from './node.service';
import { SearchService } from './search.service';
import { TrendingService } from './trending.service';
import type { AppPubSub } from '../pubsub/create-pubsub';
import { IdentityService } from './identity.service';
import { AccessTokenService } from './access-token.service';
import { OAuthAppService } from './oauth-app.service';
import { OAuthGrantService } from './oauth-grant.service';
import { SignInService, unconfiguredSignInMailer, type SignInMailer } from './sign-in.service';
import { SubmissionService } from './submission.service';
import { UpvoteService } from './upvote.service';
import { WebhookService, type WebhookServiceDeps } from './webhook.service';
import { DigestSubscriptionService, unconfiguredMailer, type DigestConfirmationMailer, type DigestSubscriptionDeps } from './digest-subscription.service';

export interface ServiceDeps {
  readonly db: Db;
  readonly log: Logger;
  /**
   * Where services publish events after commit: the one pub/sub the subscriptions listen on. Required:
   * a private default would swallow every event, silently, wherever a caller forgot to pass it.
   */
  readonly pubsub: AppPubSub;
  /** Sends digest confirmation mail (src/digest); without it subscribing works but the mail fails and is logged. */
  readonly digestMailer?: DigestConfirmationMailer;
  /** Per-address and per-IP limits on subscribeToDigest; unlimited when omitted (CLI, tests). */
  readonly digestThrottle?: DigestSubscriptionDeps['throttle'];
  /** Sends sign-in links (src/digest, the same transport as the digest); without it requestSignIn works but the mail fails and is logged. */
  readonly signInMailer?: SignInMailer;
  /** Webhook bounds, the address rule and the resolver (config WEBHOOK_*); the strict defaults when omitted (CLI, tests). */
  readonly webhooks?: Pick<WebhookServiceDeps, 'rules' | 'resolve'>;
}

/** Builds every domain service once per process. */
export function createServices(deps: ServiceDeps) {
  const accessTokens = new AccessTokenService(deps);
  const oauthApps = new OAuthAppService(deps);
  return {
    papers: new PaperService(deps),
    feed: new FeedService(deps),
    authors: new AuthorService(deps),
    search: new SearchService(deps),
    trending: new TrendingService(deps),
    nodes: new NodeService(),
    identity: new IdentityService(deps),
    accessTokens,
    oauthApps,
    oauthGrants: new OAuthGrantService({ ...deps, oauthApps }),
    // The digest's per-address and per-IP limits, spent from budgets of its own.
    signIn: new SignInService({ ...deps, accessTokens, mailer: deps.signInMailer ?? unconfiguredSignInMailer, throttle: deps.digestThrottle }),
    upvotes: new UpvoteService(deps),
    submissions: new SubmissionService(deps),
    webhooks: new WebhookService({ db: deps.db, ...deps.webhooks }),
    digestSubscriptions: new DigestSubscriptionService({ ...deps, mailer: deps.digestMailer ?? unconfiguredMailer, throttle: deps.digestThrottle }),
  };
}

export type Services = ReturnType<typeof createServices>;
