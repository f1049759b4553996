import type { Scenario } from '../scenario';

/**
 * The day feed over the Hugging Face-compatible REST API: GET /api/daily_papers?date=…&limit=30,
 * the same days in the same order as the GraphQL "day feed" scenario, so the two rows compare the
 * front doors (REST items carry the Hub's full paper shape, a superset of that scenario's fields).
 */
export const scenario: Scenario = {
  name: 'REST /api/daily_papers?date= (30 papers)',
  request: (f, _state, client, i) => ({ path: `/api/daily_papers?date=${f.days[(client * 7 + i) % Math.min(f.days.length, 60)]}&limit=30` }),
};
