import { Field, ObjectType } from 'type-graphql';
import type { AccessTokenListing } from '../../services/access-token.service';
import { AccessToken } from './access-token.type';

const CLIENT_MUTATION_ID = 'The `clientMutationId` of the input, unchanged.';

@ObjectType({ description: 'The result of createPersonalAccessToken.' })
export class CreatePersonalAccessTokenPayload {
  @Field(() => String, { description: 'The whole token, to send as "Authorization: Bearer <token>". Shown only now: only its hash is stored.' })
  token!: string;

  @Field(() => AccessToken, { description: 'The token as viewer.tokens lists it.' })
  accessToken!: AccessTokenListing;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'The result of revokePersonalAccessToken.' })
export class RevokePersonalAccessTokenPayload {
  @Field(() => AccessToken, { description: 'The token, with revokedAt set. Requests with it now answer 401.' })
  accessToken!: AccessTokenListing;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'The result of signOut.' })
export class SignOutPayload {
  @Field(() => Boolean, { description: 'Always true: the token used for this request no longer works.' })
  signedOut!: boolean;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
