import { rateLimitSubject } from '../../../src/server/rate-limit/rate-limit-policy';
import { testConfig } from '../../support/test-config';

describe('who pays for an operation', () => {
  const limits = testConfig().limits;

  it('an app acting for a person spends a budget of its own for that person, apart from the person and other apps', () => {
    const own = rateLimitSubject(limits, { userId: 7, handle: 'ada', scopes: ['read'], appId: null }, '10.0.0.1');
    const appA = rateLimitSubject(limits, { userId: 7, handle: 'ada', scopes: ['read'], appId: 3 }, '10.0.0.1');
    const appB = rateLimitSubject(limits, { userId: 7, handle: 'ada', scopes: ['read'], appId: 4 }, '10.0.0.1');
    const otherPerson = rateLimitSubject(limits, { userId: 8, handle: 'bo', scopes: ['read'], appId: 3 }, '10.0.0.1');
    expect(new Set([own.key, appA.key, appB.key, otherPerson.key]).size).toBe(4);
    expect(appA.key).toBe('user:7:app:3');
    expect(own.key).toBe('user:7');
    expect(appA.rule).toEqual(own.rule);
  });

  it("anonymous callers spend their address's budget", () => {
    expect(rateLimitSubject(limits, null, '10.0.0.1').key).toBe('ip:10.0.0.1');
  });
});
