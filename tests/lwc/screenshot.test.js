/**
 * The card as a user would see it: rendered here with a mocked record, its DOM (shadow roots flattened, the
 * lightning-card stub given SLDS's card markup) written to test-results/lwc/, then photographed by Chromium in
 * a child process (jsdom cannot start a browser) into test-results/screenshots/salesforce-lwc.png.
 */
/* global __dirname, process, document, it, expect */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'lwc';
import PulseHealth from 'c/pulseHealth';
import { getRecord } from 'lightning/uiRecordApi';
import { makeAccountRecord } from './record';

const ROOT = path.join(__dirname, '..', '..');
const COMPONENT_CSS = path.join(ROOT, 'manifests/salesforce/force-app/main/default/lwc/pulseHealth/pulseHealth.css');

function escapeText(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attributes(element) {
  return [...element.attributes].map((attribute) => ` ${attribute.name}="${attribute.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('');
}

/** The host's light children that go into the slot named `name` (default slot: those without a slot attribute). */
function slotted(host, name) {
  return [...host.childNodes].filter((node) => (node.nodeType === 1 ? node.getAttribute('slot') || '' : '') === name);
}

// lightning-card's stub renders only its slots: give it the markup the real one renders around them.
function card(host) {
  const html = (name) => slotted(host, name).map(flatten).join('');
  return `<article class="slds-card"><div class="slds-card__header"><header>${html('title')}</header></div>`
    + `<div class="slds-card__body">${html('')}</div><footer class="slds-card__footer">${html('footer')}</footer></article>`;
}

function flatten(node) {
  if (node.nodeType === 3) return escapeText(node.textContent);
  if (node.nodeType !== 1) return '';
  const tag = node.tagName.toLowerCase();
  if (tag === 'lightning-card') return card(node);
  if (tag === 'style') return '';
  const inner = node.shadowRoot ? [...node.shadowRoot.childNodes].map(flatten).join('') : [...node.childNodes].map(flatten).join('');
  return `<${tag}${attributes(node)}>${inner}</${tag}>`;
}

it('renders the card for a person to look at (test-results/screenshots/salesforce-lwc.png)', async () => {
  const element = createElement('c-pulse-health', { is: PulseHealth });
  element.recordId = '001000000000042AAA';
  document.body.appendChild(element);
  getRecord.emit(makeAccountRecord());
  await Promise.resolve();

  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Pulse health</title>`
    + `<style>${fs.readFileSync(path.join(__dirname, 'slds-stand-in.css'), 'utf8')}\n${fs.readFileSync(COMPONENT_CSS, 'utf8')}</style>`
    + `</head><body><div style="max-width: 440px">${flatten(element)}</div></body></html>\n`;
  expect(html).toMatch(/<span [^>]*class="slds-badge slds-theme_warning"[^>]*>Watch<\/span>/);
  const dir = path.join(ROOT, 'test-results', 'lwc');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'salesforce-lwc.html');
  fs.writeFileSync(file, html);

  const shot = path.join(ROOT, 'test-results', 'screenshots', 'salesforce-lwc.png');
  fs.rmSync(shot, { force: true });
  const child = spawnSync(process.execPath, ['-r', path.join(ROOT, 'tests/support/ts-register.cjs'), path.join(ROOT, 'tests/support/screenshot-html.ts'), file, 'salesforce-lwc'], {
    encoding: 'utf8',
    timeout: 60000,
  });
  expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
  expect(fs.statSync(shot).size).toBeGreaterThan(1000);
});
