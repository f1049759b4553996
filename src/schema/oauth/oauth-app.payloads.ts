import { Field, ObjectType } from 'type-graphql';
import type { OAuthAppRecord } from '../../services/oauth-app.service';
import { OAuthApp } from './oauth-app.type';

const CLIENT_MUTATION_ID = 'The `clientMutationId` of the input, unchanged.';

@ObjectType({ description: 'An app, and its new client secret when one was just made.' })
export class OAuthAppSecretPayload {
  @Field(() => OAuthApp, { description: 'The app.' })
  app!: OAuthAppRecord;

  @Field(() => String, { nullable: true, description: 'The client secret ("dpcs_…"), shown only now; null for public apps. Keep it on your server.' })
  clientSecret!: string | null;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'An app after a change.' })
export class OAuthAppPayload {
  @Field(() => OAuthApp, { description: 'The app as it now stands (or as it was, for deleteOAuthApp and revokeAppAuthorization).' })
  app!: OAuthAppRecord;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
