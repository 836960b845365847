// The card registrations' part of the storage contract (PGlite and PostgreSQL): where a company's card is
// registered, marking registrations due for a refresh after a rotation, claims that never hand one row
// to two claimers, retries, final refusals, and a card that a rotation overtook never counts as current.
// Called from describeNetworkContract.
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/network/keys.ts';
import type { AcceptedCard } from '../../src/storage/card-registrations-repository.ts';
import type { Store } from '../../src/storage/store.ts';
import { company } from './fixtures.ts';

const at = (s: number) => new Date(Date.parse('2026-03-02T10:00:00.000Z') + s * 1000).toISOString();

/** A hosted company with one signing key (valid from `at(0)`); returns its id and the key's kid. */
async function hosted(s: Store): Promise<{ id: string; kid: string }> {
  const c = company();
  await s.companies.insert(c);
  const key = await generateSigningKey(c.id, at(0));
  await s.partners.insertKey(key);
  return { id: c.id, kid: key.kid };
}

const accepted = (companyId: string, kid: string, over: Partial<AcceptedCard> = {}): AcceptedCard => ({
  companyId,
  directoryUrl: 'http://dir-1.example',
  participant: '0106:12345678',
  endpoint: 'http://node.example',
  issuedAt: at(1),
  signedBy: [kid],
  at: at(1),
  ...over,
});

export function describeCardRegistrationsContract(store: () => Store): void {
  describe('directory card registrations', () => {
    it('records an accepted card as current, keeps the first registration time and is per company', async () => {
      const s = store();
      const a = await hosted(s);
      const b = await hosted(s);
      const first = await s.cardRegistrations.recordAccepted(accepted(a.id, a.kid));
      expect(first).toEqual({
        companyId: a.id,
        directoryUrl: 'http://dir-1.example',
        participant: '0106:12345678',
        endpoint: 'http://node.example',
        issuedAt: at(1),
        signedBy: [a.kid],
        registeredAt: at(1),
        updatedAt: at(1),
        status: 'current',
        refreshRequestedAt: null,
        attempts: 0,
        nextAttemptAt: null,
        lastAttemptAt: at(1),
        lastError: null,
      });
      const again = await s.cardRegistrations.recordAccepted(
        accepted(a.id, a.kid, { issuedAt: at(5), at: at(5), endpoint: 'http://node-2.example' }),
      );
      expect(again).toMatchObject({
        registeredAt: at(1),
        updatedAt: at(5),
        endpoint: 'http://node-2.example',
      });
      await s.cardRegistrations.recordAccepted(
        accepted(a.id, a.kid, { directoryUrl: 'http://dir-0.example' }),
      );
      expect((await s.cardRegistrations.listByCompany(a.id)).map((r) => r.directoryUrl)).toEqual([
        'http://dir-0.example',
        'http://dir-1.example',
      ]);
      expect(await s.cardRegistrations.listByCompany(b.id)).toEqual([]);
    });

    it('marks a company’s registrations due after a rotation and hands each to exactly one claimer', async () => {
      const s = store();
      const a = await hosted(s);
      const b = await hosted(s);
      for (const url of ['http://d1.example', 'http://d2.example', 'http://d3.example'])
        await s.cardRegistrations.recordAccepted(accepted(a.id, a.kid, { directoryUrl: url }));
      await s.cardRegistrations.recordAccepted(accepted(b.id, b.kid, { directoryUrl: 'http://d1.example' }));

      expect(await s.cardRegistrations.markRefreshDue(a.id, at(10))).toEqual([
        'http://d1.example',
        'http://d2.example',
        'http://d3.example',
      ]);
      expect((await s.cardRegistrations.listByCompany(b.id))[0]).toMatchObject({ status: 'current' });
      // Not due before the rotation's instant.
      const own = <R extends { companyId: string }>(rows: R[]) => rows.filter((r) => r.companyId === a.id);
      expect(own(await s.cardRegistrations.claimDue(at(9), at(100), 100))).toEqual([]);

      const [one, two] = await Promise.all([
        s.cardRegistrations.claimDue(at(10), at(70), 100),
        s.cardRegistrations.claimDue(at(10), at(70), 100),
      ]);
      const claimed = [...own(one), ...own(two)].map((r) => r.directoryUrl).sort();
      expect(claimed).toEqual(['http://d1.example', 'http://d2.example', 'http://d3.example']);
      // Leased: nobody else takes them until the lease ends.
      expect(own(await s.cardRegistrations.claimDue(at(69), at(200), 100))).toEqual([]);
      expect(own(await s.cardRegistrations.claimDue(at(70), at(200), 100))).toHaveLength(3);

      // A second rotation keeps "out of date since" at the first one.
      await s.cardRegistrations.markRefreshDue(a.id, at(20));
      expect((await s.cardRegistrations.listByCompany(a.id))[0]).toMatchObject({
        status: 'refresh_due',
        refreshRequestedAt: at(10),
        nextAttemptAt: at(20),
      });
    });

    it('retries a failed refresh, stops at a final refusal, and is current again once accepted', async () => {
      const s = store();
      const a = await hosted(s);
      const url = 'http://dir-1.example';
      await s.cardRegistrations.recordAccepted(accepted(a.id, a.kid));
      // A failure on a current registration (a person registered meanwhile) changes nothing.
      await s.cardRegistrations.recordFailure(a.id, url, 'late', at(2), at(3));
      expect((await s.cardRegistrations.listByCompany(a.id))[0]).toMatchObject({
        status: 'current',
        attempts: 0,
      });

      // The rotation: a new newest key, and the registration due.
      const newer = await generateSigningKey(a.id, at(10));
      await s.partners.insertKey(newer);
      await s.cardRegistrations.markRefreshDue(a.id, at(10));
      await s.cardRegistrations.recordFailure(a.id, url, 'connect ECONNREFUSED', at(11), at(15));
      expect((await s.cardRegistrations.listByCompany(a.id))[0]).toMatchObject({
        status: 'refresh_due',
        attempts: 1,
        lastError: 'connect ECONNREFUSED',
        lastAttemptAt: at(11),
        nextAttemptAt: at(15),
        refreshRequestedAt: at(10),
      });
      await s.cardRegistrations.recordFailure(a.id, url, 'HTTP 401: unregistered_key', at(16), null);
      expect((await s.cardRegistrations.listByCompany(a.id))[0]).toMatchObject({
        status: 'refresh_refused',
        attempts: 2,
        lastError: 'HTTP 401: unregistered_key',
        nextAttemptAt: null,
      });
      const own = <R extends { companyId: string }>(rows: R[]) => rows.filter((r) => r.companyId === a.id);
      expect(own(await s.cardRegistrations.claimDue(at(1_000_000), at(1_000_060), 100))).toEqual([]);

      // A person registers the new card by hand: current, the failures forgotten.
      const fixed = await s.cardRegistrations.recordAccepted(
        accepted(a.id, a.kid, { signedBy: [newer.kid, a.kid], issuedAt: at(20), at: at(20) }),
      );
      expect(fixed).toMatchObject({
        status: 'current',
        attempts: 0,
        lastError: null,
        refreshRequestedAt: null,
        nextAttemptAt: null,
      });
    });

    it('does not count a card that a rotation overtook as current', async () => {
      const s = store();
      const a = await hosted(s);
      await s.cardRegistrations.recordAccepted(accepted(a.id, a.kid));
      // The card was signed with the old key only, but the rotation committed before it was recorded
      // (first registration and refresh alike).
      await s.partners.insertKey(await generateSigningKey(a.id, at(10)));
      const late = await s.cardRegistrations.recordAccepted(
        accepted(a.id, a.kid, { issuedAt: at(11), at: at(11) }),
      );
      expect(late).toMatchObject({
        status: 'refresh_due',
        nextAttemptAt: at(11),
        refreshRequestedAt: at(11),
        issuedAt: at(11),
      });
      const first = await s.cardRegistrations.recordAccepted(
        accepted(a.id, a.kid, { directoryUrl: 'http://other.example', at: at(12) }),
      );
      expect(first).toMatchObject({ status: 'refresh_due', nextAttemptAt: at(12) });
    });
  });
}
