import { Field, ObjectType } from 'type-graphql';
import { Node } from '../common/node.type';
import { DateTimeScalar } from '../common/scalars';

@ObjectType({ implements: Node, description: 'A registered user: someone who upvotes and submits papers.' })
export class User extends Node {
  @Field({ description: 'Unique user name, e.g. "akhaliq". Stable: use it to link to the user.' })
  handle!: string;

  @Field(() => String, { nullable: true, description: 'Name to display; null when the user has not set one (show the handle instead).' })
  displayName!: string | null;

  @Field(() => String, { nullable: true, description: 'Avatar image URL; null when none is known.' })
  avatarUrl!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the account was created (UTC).' })
  createdAt!: Date;
}
