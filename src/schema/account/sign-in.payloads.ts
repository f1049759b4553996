import { Field, ObjectType } from 'type-graphql';
import type { UserRecord } from '../../services/records';
import { DateTimeScalar } from '../common/scalars';
import { User } from '../user/user.type';

const CLIENT_MUTATION_ID = 'The `clientMutationId` of the input, unchanged.';

@ObjectType({ description: 'The result of requestSignIn. Deliberately the same whether or not the address has an account.' })
export class RequestSignInPayload {
  @Field(() => String, { description: 'The normalised address a link was mailed to; it works once, for 15 minutes.' })
  email!: string;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@ObjectType({ description: 'The result of completeSignIn: a session token for the person.' })
export class CompleteSignInPayload {
  @Field(() => String, {
    description:
      'The session token ("dpst_…"), to send as "Authorization: Bearer <token>". Shown only now; it has every scope and lasts 30 days unless you signOut.',
  })
  token!: string;

  @Field(() => DateTimeScalar, { description: 'When the session ends (UTC).' })
  expiresAt!: Date;

  @Field(() => User, { description: 'The person now signed in.' })
  user!: UserRecord;

  @Field(() => Boolean, { description: 'True when this sign-in created the account.' })
  accountCreated!: boolean;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
