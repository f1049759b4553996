import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { UserRecord } from '../../services/records';
import { toGlobalId } from '../../lib/global-id';
import { User } from './user.type';

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id (Relay).' })
  id(@Root() user: UserRecord): string {
    return toGlobalId('User', user.id);
  }
}
