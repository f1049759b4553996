import { Field, InputType } from 'type-graphql';

const CLIENT_MUTATION_ID = 'Any string; returned unchanged in the payload so a client can match responses to requests (Relay).';

@InputType({ description: 'Who wants to sign in.' })
export class RequestSignInInput {
  @Field(() => String, {
    description:
      'The address to mail the link to: at most 254 characters, "name@example.org" form; the domain is lower-cased. An invalid one is BAD_USER_INPUT with argumentName "email".',
  })
  email!: string;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}

@InputType({ description: 'The token from a sign-in link, and a handle when the address has no account yet.' })
export class CompleteSignInInput {
  @Field(() => String, { description: 'The `token` query parameter of the link in the sign-in mail (43 characters).' })
  token!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The handle for a new account (1–39 letters, digits, "-" or "_", starting with a letter or digit; unique). Ignored when the address already has an account.',
  })
  handle?: string | null;

  @Field(() => String, { nullable: true, description: CLIENT_MUTATION_ID })
  clientMutationId?: string | null;
}
