import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The authenticated caller: the user behind the bearer token, and what the token allows.' })
export class Viewer {
  @Field({ description: "The user's handle." })
  handle!: string;

  @Field(() => [String], {
    description:
      'Scopes of the token in use: "read" (viewer data), "write" (mutations), "digest" (the viewer\'s digest subscription), "webhooks" (the viewer\'s webhooks; write implies it).',
  })
  scopes!: string[];
}
