import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { AuthorRecord } from '../../db/records';
import { toGlobalId } from '../../lib/global-id';
import { Author } from './author.type';

@Resolver(() => Author)
export class AuthorResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id (Relay).' })
  id(@Root() author: AuthorRecord): string {
    return toGlobalId('Author', author.id);
  }
}
