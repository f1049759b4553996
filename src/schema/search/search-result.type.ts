import { Field, Float, ObjectType } from 'type-graphql';
import { Paper } from '../paper/paper.type';

@ObjectType({ description: 'A paper matching a search, with its relevance and highlighted text.' })
export class SearchResult {
  @Field(() => Paper, { description: 'The matching paper.' })
  paper!: unknown;

  @Field(() => Float, {
    description: 'Relevance (PostgreSQL ts_rank over title weight A and abstract weight B): higher is better; comparable within one search only.',
  })
  rank!: number;

  @Field({
    description: 'The best fragments of the abstract, matches wrapped in <mark>…</mark>, fragments joined by " … ". Escape the rest before rendering as HTML.',
  })
  snippet!: string;

  @Field({ description: 'The whole title with matches wrapped in <mark>…</mark>.' })
  highlightedTitle!: string;
}
