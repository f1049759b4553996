import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../common/node.type';
import { DateTimeScalar, NonNegativeInt, URLScalar } from '../common/scalars';

// Pages of papers read only a list's columns when every selected field is in CARD_FIELDS
// (paper.connection.ts); a new field belongs there only if a PaperCard row answers it.
@ObjectType({ implements: Node, description: 'A research paper featured in the daily list, identified by its arXiv id.' })
export class Paper extends Node {
  @Field({ description: 'Title as on arXiv.' })
  title!: string;

  @Field({ description: 'Abstract as on arXiv, plain text.' })
  abstract!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the first arXiv version was published (UTC). Null when the source feed did not give it.' })
  publishedAt!: Date | null;

  @Field(() => URLScalar, { nullable: true, description: 'The code repository (usually GitHub); null when the paper has no known code.' })
  githubRepo!: string | null;

  @Field(() => NonNegativeInt, { nullable: true, description: 'GitHub stars of `githubRepo` as last imported; null when unknown or there is no repository.' })
  githubStars!: number | null;

  @Field(() => URLScalar, { nullable: true, description: 'The project page, when the authors have one.' })
  projectPage!: string | null;

  @Field(() => URLScalar, { nullable: true, description: "A thumbnail image of the paper's first page or teaser figure." })
  thumbnailUrl!: string | null;

  @Field(() => [URLScalar], { description: 'Images and videos attached to the paper on its page; empty when none.' })
  mediaUrls!: string[];

  @Field(() => String, { nullable: true, description: 'A machine-written summary of the abstract; null when none was generated.' })
  aiSummary!: string | null;

  @Field(() => [String], { description: 'Machine-extracted keywords; empty when none were generated.' })
  aiKeywords!: string[];

  @Field(() => Int, { nullable: true, description: 'Comments on the source page as last imported; null when unknown.' })
  numComments!: number | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the paper was withdrawn from arXiv; null for papers that stand.' })
  withdrawnAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the paper was submitted to the daily list; null for imported papers without that information.',
  })
  submittedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When this record was first stored here.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When this record last changed here (import, edit or upvote).' })
  updatedAt!: Date;
}
