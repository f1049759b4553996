import type { NonEmptyArray } from 'type-graphql';
import { AuthorResolver } from './author/author.resolver';
import { PaperResolver } from './paper/paper.resolver';

/** Every resolver class of the API; build-schema.ts and the schema test share this list. */
export const resolvers: NonEmptyArray<Function> = [PaperResolver, AuthorResolver];
