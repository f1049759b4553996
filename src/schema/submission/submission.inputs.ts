import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../common/scalars';

@InputType({ description: 'A paper to add to the feed. Every field is validated; an error names the offending field in `extensions.argumentName`.' })
export class SubmitPaperInput {
  @Field({ description: 'The arXiv id, e.g. "2407.18232" or "hep-th/9901001"; a version suffix ("v2") is dropped.' })
  arxivId!: string;

  @Field({ description: 'Title, 1–500 characters after trimming.' })
  title!: string;

  @Field({ description: 'Abstract as plain text, 1–10,000 characters after trimming.' })
  abstract!: string;

  @Field(() => [String], {
    description: 'Author names in byline order, 1–500 names of 1–200 characters. A name joins the existing Author with exactly that name.',
  })
  authors!: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the first arXiv version was published; omit when unknown. Not in the future.' })
  publishedAt?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day to feature the paper on (YYYY-MM-DD, UTC); defaults to today.' })
  day?: Date | null;

  @Field(() => String, { nullable: true, description: 'Code repository URL (http or https, at most 2048 characters).' })
  githubRepo?: string | null;

  @Field(() => String, { nullable: true, description: 'Project page URL (http or https, at most 2048 characters).' })
  projectPage?: string | null;

  @Field(() => String, { nullable: true, description: 'Any string; returned unchanged in the payload (Relay).' })
  clientMutationId?: string | null;
}

@InputType({ description: 'New links for a paper you submitted. Omit a field to keep it; pass null or "" to remove it.' })
export class UpdatePaperInput {
  @Field(() => ID, { description: 'The paper: its global `id` or a bare arXiv id.' })
  paperId!: string;

  @Field(() => String, { nullable: true, description: 'Code repository URL (http or https); null removes it.' })
  githubRepo?: string | null;

  @Field(() => String, { nullable: true, description: 'Project page URL (http or https); null removes it.' })
  projectPage?: string | null;

  @Field(() => String, { nullable: true, description: 'Any string; returned unchanged in the payload (Relay).' })
  clientMutationId?: string | null;
}

@ArgsType()
export class PaperSubmittedArgs {
  @Field(() => DateScalar, { nullable: true, description: 'Only papers featured on this day (YYYY-MM-DD). Omit for all new papers.' })
  day?: Date | null;
}
