import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json' with { type: 'json' };
import nl from '../../i18n/nl.json' with { type: 'json' };
import type { DeliveryEvent, SentMessage } from '../../http/types.ts';
import { formatDateTime, formatDateTimeSeconds } from '../../lib/format.ts';
import { eventText, refreshDelay, sentState, stateSentences } from './sent-messages.ts';

const t = i18next.t.bind(i18next) as TFunction;

beforeAll(async () => {
  await i18next.init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
});

const NOW = Date.parse('2026-11-22T10:00:00Z');

const message = (over: Partial<SentMessage> = {}): SentMessage => ({
  messageId: '00000000-0000-4000-8000-000000000001',
  documentType: 'OrderChange',
  partner: { id: '00000000-0000-4000-8000-000000000002', name: 'Verkoop B BV' },
  orderId: '00000000-0000-4000-8000-000000000003',
  seq: 3,
  status: 'pending',
  attempts: 0,
  totalAttempts: 0,
  createdAt: '2026-11-22T09:59:00Z',
  deliveredAt: null,
  nextAttemptAt: '2026-11-22T09:59:00Z',
  lastError: null,
  receipt: null,
  partnerResponse: null,
  ...over,
});

const response = (code: string) => ({
  code,
  description: code === 'RE' ? 'OrderChange PO-1-OC-3: unknown order' : null,
  documentId: '00000000-0000-4000-8000-000000000004',
  at: '2026-11-22T10:00:01Z',
});

describe('the state of a sent message', () => {
  it('tells being sent, waiting to retry, delivered, not delivered and rejected apart', () => {
    expect(sentState(message())).toBe('sending');
    expect(sentState(message({ attempts: 2 }))).toBe('retrying');
    expect(sentState(message({ status: 'delivered', attempts: 1 }))).toBe('delivered');
    expect(sentState(message({ status: 'dead', attempts: 4 }))).toBe('dead');
    // The partner's rejection outweighs the delivery; an acceptance does not.
    expect(sentState(message({ status: 'delivered', partnerResponse: response('RE') }))).toBe('rejected');
    expect(sentState(message({ status: 'delivered', partnerResponse: response('AP') }))).toBe('delivered');
  });

  it('explains each state in a sentence, with counts and the partner', async () => {
    await i18next.changeLanguage('en');
    const retrying = message({ attempts: 2, nextAttemptAt: '2026-11-22T10:05:00Z' });
    expect(stateSentences(t, retrying, 'B', NOW)[0]).toMatch(/^2 attempts failed\. Next attempt .*\.$/);
    expect(stateSentences(t, message({ attempts: 1 }), 'B', NOW)[0]).toMatch(/^Attempt 1 failed\./);
    const delivered = message({
      status: 'delivered',
      attempts: 3,
      totalAttempts: 3,
      deliveredAt: '2026-11-22T10:00:00Z',
      receipt: { receivedAt: '2026-11-22T10:00:00Z', status: 'duplicate', kid: 'k' },
      partnerResponse: response('AP'),
    });
    const sentences = stateSentences(t, delivered, 'Verkoop B BV', NOW);
    expect(sentences).toHaveLength(4);
    expect(sentences[0]).toMatch(/^Delivered .*, after 3 attempts\.$/);
    expect(sentences[1]).toMatch(/^Signed receipt from Verkoop B BV: received /);
    expect(sentences[2]).toBe('Verkoop B BV had already received it.');
    expect(sentences[3]).toBe('Verkoop B BV processed the message.');
    // One attempt is not worth mentioning.
    expect(stateSentences(t, { ...delivered, attempts: 1, totalAttempts: 1 }, 'B', NOW)[0]).not.toContain(
      'attempt',
    );
    expect(stateSentences(t, message({ status: 'dead', attempts: 1 }), 'B', NOW)).toEqual([
      'Stopped after 1 attempt: B does not know about this change yet.',
    ]);
    // A message held back (e.g. by the circuit breaker) says until when.
    const held = message({ nextAttemptAt: '2026-11-22T10:01:00Z' });
    expect(stateSentences(t, held, 'B', NOW)[0]).toMatch(/^Ready to be sent; next attempt /);
    expect(stateSentences(t, message(), 'B', NOW)).toEqual(['Ready to be sent.']);

    await i18next.changeLanguage('nl');
    expect(stateSentences(t, message({ status: 'dead', attempts: 4 }), 'B', NOW)).toEqual([
      'Na 4 pogingen gestopt: B weet nog niets van deze wijziging.',
    ]);
    expect(
      stateSentences(t, message({ status: 'delivered', partnerResponse: response('RE') }), 'B', NOW)[0],
    ).toMatch(/^B heeft het bericht ontvangen maar kon het niet verwerken\./);
  });
});

describe('a delivery timeline event in plain words', () => {
  const at = '2026-11-22T10:00:00Z';
  const events: [DeliveryEvent, string, string | null, number][] = [
    [{ at, event: 'queued', seq: 3, documentType: 'Order' }, 'Queued as message 3 of this order', null, 0],
    [
      { at, event: 'attempt', attempt: 1, outcome: 'network_error', error: 'fetch failed', retryAt: at },
      'Attempt 1: could not reach the partner’s server',
      'Error: fetch failed',
      1,
    ],
    [
      { at, event: 'attempt', attempt: 2, outcome: 'refused', httpStatus: 503, reason: 'maintenance' },
      'Attempt 2: refused by the partner’s server (HTTP 503)',
      'The partner’s reason: maintenance',
      0,
    ],
    [
      { at, event: 'attempt', outcome: 'breaker_open', retryAt: at },
      'Paused: too many failed attempts in a row to this partner',
      null,
      1,
    ],
    [
      { at, event: 'attempt', attempt: 3, outcome: 'delivered' },
      'Attempt 3: delivered to the partner',
      null,
      0,
    ],
    [
      { at, event: 'dead_lettered', reason: 'HTTP 503: maintenance' },
      'Given up: not delivered in time',
      'Last error: HTTP 503: maintenance',
      0,
    ],
    [{ at, event: 'resent' }, 'Queued again', null, 0],
    [
      { at, event: 'receipt_stored', receivedAt: at, receiptStatus: 'accepted', backfilled: true },
      'Signed receipt stored: received {at}',
      null,
      1,
    ],
    [
      { at, event: 'partner_response', code: 'RE', description: 'unknown order', issues: 2 },
      'Rejected by the partner',
      'Reason: unknown order',
      1,
    ],
    [{ at, event: 'partner_response', code: 'AP', description: null }, 'Processed by the partner', null, 0],
  ];

  it('names every event, keeps the technical detail verbatim and adds the next attempt', async () => {
    await i18next.changeLanguage('en');
    for (const [event, text, detail, notes] of events) {
      const said = eventText(t, event);
      expect(said.text, event.event).toBe(text.replaceAll('’', "'").replace('{at}', formatDateTime(at)));
      expect(said.detail ? `${said.detail.label} ${said.detail.value}` : null).toBe(
        detail?.replaceAll('’', "'") ?? null,
      );
      expect(said.notes, event.event).toHaveLength(notes);
    }
    expect(eventText(t, events[1]![0]).notes[0]).toBe(`Next attempt ${formatDateTimeSeconds(at)}.`);
    expect(eventText(t, events[7]![0]).notes).toEqual([
      'Filled in afterwards: this message is older than the timeline.',
    ]);
    expect(eventText(t, events[8]![0]).notes).toEqual(['2 issues listed.']);
  });

  it('speaks Dutch too', async () => {
    await i18next.changeLanguage('nl');
    expect(eventText(t, events[1]![0]).text).toBe('Poging 1: geen verbinding met de server van de partner');
    expect(eventText(t, events[5]![0]).detail).toEqual({
      label: 'Laatste fout:',
      value: 'HTTP 503: maintenance',
    });
  });
});

describe('asking again while a message is on its way', () => {
  it('waits for the next attempt within 2–30 s, briefly after a delivery, and not at all otherwise', () => {
    const iso = (ms: number) => new Date(NOW + ms).toISOString();
    expect(refreshDelay([], NOW)).toBeNull();
    expect(refreshDelay([message({ nextAttemptAt: iso(-1000) })], NOW)).toBe(2_000);
    expect(refreshDelay([message({ nextAttemptAt: iso(10_000) })], NOW)).toBe(10_500);
    expect(refreshDelay([message({ nextAttemptAt: iso(600_000) })], NOW)).toBe(30_000);
    const delivered = (ago: number, partnerResponse: SentMessage['partnerResponse'] = null) =>
      message({ status: 'delivered', deliveredAt: iso(-ago), nextAttemptAt: null, partnerResponse });
    expect(refreshDelay([delivered(1_000)], NOW)).toBe(3_000);
    expect(refreshDelay([delivered(60_000)], NOW)).toBeNull();
    expect(refreshDelay([delivered(1_000, response('RE'))], NOW)).toBeNull();
    expect(refreshDelay([message({ status: 'dead', nextAttemptAt: null })], NOW)).toBeNull();
    expect(refreshDelay([delivered(60_000), message({ nextAttemptAt: iso(5_000) })], NOW)).toBe(5_500);
  });
});
