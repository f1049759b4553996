import { Field, ObjectType } from 'type-graphql';
import type { OAuthAppRecord } from '../../services/oauth-app.service';
import { DateTimeScalar } from '../common/scalars';

@ObjectType({ description: 'A third-party app (OAuth 2.0 client) that acts for people who authorise it. See docs/build-an-app.md.' })
export class OAuthApp {
  @Field(() => String, { description: 'The public client_id ("dpc_…") the app sends to /oauth/authorize and /oauth/token.' })
  clientId!: string;

  @Field(() => String, { description: 'The name shown on the consent page.' })
  name!: string;

  @Field(() => [String], { description: 'Where /oauth/authorize may send people back; redirect_uri must equal one of these exactly.' })
  redirectUris!: string[];

  @Field(() => [String], { description: 'The scopes the app may ask for ("read", "write", "digest", "webhooks").' })
  scopes!: string[];

  @Field(() => Boolean, {
    description: 'True for apps with a client secret (servers); false for public apps (single-page, mobile), which must use PKCE with S256.',
  })
  confidential!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the app was registered (UTC).' })
  createdAt!: Date;
}

@ObjectType({ description: 'An app you authorised to act for you.' })
export class AppAuthorization {
  @Field(() => OAuthApp, { description: 'The app.' })
  app!: OAuthAppRecord;

  @Field(() => [String], { description: 'The scopes you granted it.' })
  scopes!: string[];

  @Field(() => DateTimeScalar, { description: 'When you first authorised it (UTC).' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When you last authorised it (UTC).' })
  updatedAt!: Date;
}
