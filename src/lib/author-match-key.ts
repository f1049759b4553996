/**
 * How authors are matched across imports and submissions: by linked account when known, else by
 * exact name. One rule, so a submitted byline and an imported one land on the same author row.
 */
export function authorMatchKey(author: { readonly externalId: string | null; readonly name: string }): string {
  return author.externalId ? `hf:${author.externalId}` : `name:${author.name}`;
}
