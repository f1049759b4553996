// The byline rule, in one place (docs/api.md, "Bylines"). A source page may hide a name from a
// paper's byline (the Hugging Face Hub's per-author `hidden` flag). We store every name in byline
// order with its flag, and:
// - the data APIs return every name with its flag: GraphQL `authors` with `authorsHidden`, the
//   REST API `authors[].hidden` as the Hub's API does, so mirrors and HF clients see what the Hub has;
// - everything rendered for people (the email digest, RSS/Atom feeds, the HTML and Markdown paper
//   pages) shows only the names the source page shows, through shownNames() below.

/** One name of a byline with the source page's flag. */
export interface BylineEntry {
  readonly name: string;
  readonly hidden: boolean;
}

/** The names a person is shown, in byline order: hidden names left out. */
export function shownNames(byline: readonly BylineEntry[]): string[] {
  return byline.filter((entry) => !entry.hidden).map((entry) => entry.name);
}

/** A byline from the data APIs' shape: names with a parallel list of flags (missing flags mean shown). */
export function bylineOf(authors: ReadonlyArray<{ readonly name: string }>, hidden: readonly boolean[]): BylineEntry[] {
  return authors.map((author, i) => ({ name: author.name, hidden: hidden[i] ?? false }));
}
