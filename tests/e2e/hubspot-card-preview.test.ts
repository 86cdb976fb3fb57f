/**
 * A local preview of the HubSpot card: the component rendered to HTML with stand-ins for HubSpot's
 * components, simple styles in place of HubSpot's, opened in Chromium and left as
 * test-results/screenshots/hubspot-card.png for a person to look at.
 */
import React from 'react';
import { CardBody } from '../../src/hubspot-card/PulseHealthCard';
import { launchChromium, screenshot } from '../support/browser';
import { makeCardData } from '../support/card-data';

// @types/react-dom is not installed; this is the one function used.
const { renderToStaticMarkup } = jest.requireActual<{ renderToStaticMarkup(element: React.ReactElement): string }>('react-dom/server');

jest.mock('@hubspot/ui-extensions', () => jest.requireActual('../support/ui-extensions-standins'));

const STYLES = `
body { font: 14px/1.4 "Lexend Deca", Helvetica, Arial, sans-serif; color: #33475b; background: #f5f8fa; margin: 0; padding: 24px; }
.card { background: #fff; border: 1px solid #cbd6e2; border-radius: 4px; padding: 20px; width: 640px; }
.hs-flex { display: flex; gap: 10px; } .hs-column { flex-direction: column; } .hs-row { flex-direction: row; align-items: center; justify-content: space-between; }
.hs-heading { margin: 0; font-size: 18px; } .hs-text { margin: 0; } .hs-microcopy { font-size: 12px; color: #7c98b6; }
.hs-tag { border-radius: 3px; padding: 2px 8px; font-size: 12px; background: #eaf0f6; } .hs-tag-success { background: #e5f8f6; } .hs-tag-warning { background: #fef8f0; border: 1px solid #f5c26b; } .hs-tag-info { background: #e5f5f8; border: 1px solid #7fd1de; }
.hs-statistics { display: flex; gap: 32px; } .hs-stat-label { font-size: 12px; text-transform: uppercase; color: #516f90; } .hs-stat-number { font-size: 28px; font-weight: 600; }
.hs-trend-decrease { color: #d94c53; font-size: 12px; } .hs-trend-increase { color: #00a38d; font-size: 12px; }
.hs-chart { margin: 0; border: 1px solid #eaf0f6; padding: 8px; } figcaption { font-size: 12px; color: #516f90; }
.hs-divider { border: 0; border-top: 1px solid #cbd6e2; width: 100%; }
.hs-dl { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 10px; margin: 0; } dt { font-size: 12px; color: #516f90; } dd { margin: 0; }
.hs-alert { background: #fef8f0; border-left: 4px solid #f5c26b; padding: 8px 12px; } .hs-link { color: #0091ae; }
`;

it('renders the card for a person to look at', async () => {
  const body = renderToStaticMarkup(React.createElement(CardBody, { data: makeCardData() }));
  expect(body).toContain('Acme Corp');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${STYLES}</style></head><body><div class="card">${body}</div></body></html>`);
    expect(await page.locator('polyline').count()).toBe(2);
    await screenshot(page, 'hubspot-card');
  } finally {
    await browser.close();
  }
});
