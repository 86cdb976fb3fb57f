/**
 * `node -r tests/support/ts-register.cjs tests/support/screenshot-html.ts <file.html> <name>`: opens a page
 * written to disk in Chromium and leaves test-results/screenshots/<name>.png. For tests whose environment
 * cannot start a browser itself (the LWC tests run in jsdom).
 */
import { pathToFileURL } from 'node:url';
import { launchChromium, screenshot } from './browser';

async function main(file: string, name: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 480, height: 400 } });
    await page.goto(pathToFileURL(file).href);
    await screenshot(page, name);
  } finally {
    await browser.close();
  }
}

const [file, name] = process.argv.slice(2);
if (file === undefined || name === undefined) {
  console.error('usage: screenshot-html.ts <file.html> <name>');
  process.exit(2);
}
main(file, name).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
