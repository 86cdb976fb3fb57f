import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the card's source is: beside this module in a checkout, or back in src/ when this runs from dist/. */
const CANDIDATES = [path.join(__dirname, 'PulseHealthCard.ts'), path.join(__dirname, '..', '..', '..', 'src', 'hubspot-card', 'PulseHealthCard.ts')];

/** The card component's source text, which `pulse manifests` copies into the HubSpot project. */
export function pulseHealthCardSource(): string {
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (found === undefined) throw new Error(`the HubSpot card source is not at ${CANDIDATES.join(' or ')}`);
  return fs.readFileSync(found, 'utf8');
}
