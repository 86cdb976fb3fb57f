/** @jest-environment jsdom */
/// <reference lib="dom" />
/**
 * The HubSpot card with its fetch stubbed, rendered through @testing-library/react with plain-DOM
 * stand-ins for HubSpot's components: loading, the account's figures, not synced yet (404), and errors.
 */
import { render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { cardUrl, PulseHealthCard, type FetchCard } from '../../../src/hubspot-card/PulseHealthCard';
import { makeCardData } from '../../support/card-data';

jest.mock('@hubspot/ui-extensions', () => jest.requireActual('../../support/ui-extensions-standins'));

const answer = (status: number, body: unknown = {}): FetchCard => jest.fn(async () => ({ status, json: async () => body }));
const renderCard = (fetchCard: FetchCard) => render(React.createElement(PulseHealthCard, { companyId: '4242', fetchCard }));

describe('PulseHealthCard', () => {
  it('shows a spinner while the answer is on its way, and asks for this company under the public URL', () => {
    const fetchCard: FetchCard = jest.fn(() => new Promise(() => undefined));
    renderCard(fetchCard);
    expect(screen.getByRole('status').textContent).toBe('Loading Pulse signals');
    expect(fetchCard).toHaveBeenCalledWith('http://localhost:3000/api/crm-card/hubspot?companyId=4242');
  });

  it('shows the score with its change and reason, both charts, commitment, forecast against budget, risks, expansion and the console link', async () => {
    const { container } = renderCard(answer(200, makeCardData()));
    await screen.findByText('Acme Corp');
    const text = container.textContent ?? '';
    expect(text).toContain('Health score58');
    expect(screen.getByText('▼ 4 pts in 7 days')).toBeTruthy();
    expect(text).toContain('Health change reason: trend fell from 30% to 20%');
    expect(screen.getByText('Watch')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('figure')).map((f) => f.getAttribute('data-points'))).toEqual(['90', '90']);
    expect(text).toContain('Commitment used (%)75.0%');
    expect(text).toContain('Commitment exhaustion date2026-12-24 (38 days early)');
    expect(text).toContain('Forecast month spend (USD)$3,000 of $2,500 budget (120%)');
    expect(screen.getByRole('alert').textContent).toBe('Risk drivers spend down 18% in 30 days');
    expect(text).toContain('Expansion signal:');
    expect(text).toContain('Last synced by Pulse: 2026-11-24T06:02:11Z');
    expect(screen.getByText('Open in the Pulse console').getAttribute('href')).toBe('https://pulse.example.test/console/accounts/acme-1');
  });

  it('says the company is not synced yet on a 404', async () => {
    renderCard(answer(404, { error: 'not synced' }));
    expect((await screen.findByText('Not synced yet')).tagName).toBe('H3');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows an error for a refused request, a failed fetch, or an answer it does not understand', async () => {
    for (const [fetchCard, message] of [
      [answer(401, { error: 'invalid signature' }), 'Pulse answered 401.'],
      [jest.fn(async () => Promise.reject(new Error('timed out'))), 'timed out'],
      [answer(200, { surprise: true }), 'Pulse sent an answer the card does not understand.'],
    ] as const) {
      const { unmount } = renderCard(fetchCard);
      await waitFor(() => expect(screen.getByText('Pulse signals could not be loaded')).toBeTruthy());
      expect(screen.getByText(message)).toBeTruthy();
      unmount();
    }
  });

  it('escapes the company id into the URL', () => {
    expect(cardUrl('1&portalId=9', 'https://p.example/')).toBe('https://p.example/api/crm-card/hubspot?companyId=1%26portalId%3D9');
  });
});
