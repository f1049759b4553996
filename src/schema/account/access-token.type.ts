import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars';

// GraphQL names are SCREAMING_SNAKE; the stored values are the lower-case strings on the right.
export enum AccessTokenKind {
  PERSONAL = 'personal',
  SESSION = 'session',
  OAUTH = 'oauth',
}

registerEnumType(AccessTokenKind, {
  name: 'AccessTokenKind',
  description: 'How a token came to be.',
  valuesConfig: {
    PERSONAL: { description: 'A personal access token ("dpat_…"), made with createPersonalAccessToken or by an operator with `npm run users`.' },
    SESSION: { description: 'A session ("dpst_…") from signing in by email; signOut ends it.' },
    OAUTH: { description: 'An access token ("dpoa_…") issued to an OAuth app; end it with revokeAppAuthorization.' },
  },
});

@ObjectType({ description: "One of the viewer's tokens, without its secret (the secret is shown only once, when the token is made)." })
export class AccessToken {
  @Field(() => String, { nullable: true, description: 'The name the owner gave it; null for tokens issued by an operator with the CLI.' })
  name!: string | null;

  @Field(() => String, { description: 'The public start of the token ("dpat_1a2b3c4d"): recognise it in your files and revoke it by it.' })
  prefix!: string;

  @Field(() => AccessTokenKind, { description: 'Personal access token or sign-in session.' })
  kind!: AccessTokenKind;

  @Field(() => [String], { description: 'What the token may do: "read", "write", "digest", "webhooks" (write also allows what webhooks does).' })
  scopes!: string[];

  @Field(() => DateTimeScalar, { description: 'When it was made (UTC).' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it last authenticated a request, to within five minutes; null if never.' })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it stops working (UTC); null if it never expires.' })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was revoked; null while it works.' })
  revokedAt!: Date | null;
}
