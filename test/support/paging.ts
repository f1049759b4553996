/** A connection page as the paging walks read it: the ids of its nodes and its pageInfo. */
export interface WalkedPage {
  readonly ids: string[];
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Pages through a connection with first/after to its end, then with last/before to its start,
 * asserting hasPreviousPage on the way forward; returns the ids in the order each walk saw them.
 */
export async function walkBothWays(
  page: (args: { first?: number; after?: string | null; last?: number; before?: string | null }) => Promise<WalkedPage>,
  size: { forward: number; backward: number },
): Promise<{ forward: string[]; backward: string[] }> {
  const forward: string[] = [];
  for (let after: string | null = null; ;) {
    const current = await page({ first: size.forward, after });
    forward.push(...current.ids);
    expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!current.pageInfo.hasNextPage) break;
    after = current.pageInfo.endCursor;
  }
  const backward: string[] = [];
  for (let before: string | null = null; ;) {
    const current = await page({ last: size.backward, before });
    backward.unshift(...current.ids);
    if (!current.pageInfo.hasPreviousPage) break;
    before = current.pageInfo.startCursor;
  }
  return { forward, backward };
}
