import type { NonEmptyArray } from 'type-graphql';
import { AuthorResolver } from './author/author.resolver';
import { DayResolver } from './day/day.resolver';
import { NodeResolver } from './node/node.resolver';
import { SearchResolver } from './search/search.resolver';
import { TrendingResolver } from './trending/trending.resolver';
import { DigestResolver } from './digest/digest.resolver';
import { PaperResolver } from './paper/paper.resolver';
import { RateLimitResolver } from './rate-limit/rate-limit.resolver';
import { SubmissionResolver } from './submission/submission.resolver';
import { PaperUpvoteFieldsResolver } from './upvote/paper-upvote-fields.resolver';
import { UpvoteResolver } from './upvote/upvote.resolver';
import { UserResolver } from './user/user.resolver';
import { ViewerResolver } from './viewer/viewer.resolver';
import { AccessTokenResolver } from './account/access-token.resolver';
import { SignInResolver } from './account/sign-in.resolver';
import { ViewerDigestResolver } from './digest/viewer-digest.resolver';
import { OAuthAppResolver } from './oauth/oauth-app.resolver';
import { ViewerWebhooksResolver, WebhookFieldsResolver } from './webhook/webhook.resolver';

/** Every resolver class of the API; build-schema.ts and the schema test share this list. */
export const resolvers: NonEmptyArray<new () => object> = [
  PaperResolver,
  AuthorResolver,
  DayResolver,
  TrendingResolver,
  SearchResolver,
  NodeResolver,
  RateLimitResolver,
  UserResolver,
  ViewerResolver,
  UpvoteResolver,
  PaperUpvoteFieldsResolver,
  SubmissionResolver,
  DigestResolver,
  AccessTokenResolver,
  SignInResolver,
  ViewerDigestResolver,
  OAuthAppResolver,
  ViewerWebhooksResolver,
  WebhookFieldsResolver,
];
