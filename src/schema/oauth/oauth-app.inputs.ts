import { Field, InputType } from 'type-graphql';

const CLIENT_MUTATION_ID = 'Any string; returned unchanged in the payload so a client can match responses to requests (Relay).';
const REDIRECT_URIS = '1–10 absolute URLs, https (http only for localhost, 127.0.0.1, [::1]), without fragments; matched exactly.';

@InputType({ description: 'A new app.' })
export class CreateOAuthAppInput {
  @Field(() => String, { description: 'Shown on the consent page: 1–100 characters.' })
  name!: string;

  @Field(() => [String], { description: REDIRECT_URIS })
  redirectUris!: string[];

  @Field(() => [String], { description: 'The most the app may ask for: a non-empty subset of "read", "write", "digest", "webhooks".' })
  scopes!: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'True (the default) for an app with a secret; false for a public app (single-page or mobile), which gets no secret and must use PKCE.',
  })
  confidential?: boolean | null;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'Changes to one of your apps; absent fields stay as they are.' })
export class UpdateOAuthAppInput {
  @Field(() => String, { description: "The app's client_id." })
  clientId!: string;

  @Field(() => String, { nullable: true, description: 'A new name: 1–100 characters.' })
  name?: string | null;

  @Field(() => [String], { nullable: true, description: REDIRECT_URIS })
  redirectUris?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'New scopes; tokens already issued keep the scopes they were granted.' })
  scopes?: string[] | null;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'Names one app by its client_id.' })
export class OAuthAppClientIdInput {
  @Field(() => String, { description: 'The app\'s client_id ("dpc_…").' })
  clientId!: string;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
