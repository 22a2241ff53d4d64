import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PACT_DIR, pactFileName } from '../../src/pact';

export const COMMITTED_PACT = path.join(DEFAULT_PACT_DIR, pactFileName());

interface RawInteraction {
  description: string;
  request: { path: string; headers: Record<string, string[]> };
  response: { status: number; body?: { content: Record<string, unknown> } };
}

/**
 * A hand-broken copy of the committed pact, written to `file`: the full log's `createdAt` becomes epoch
 * seconds (a wrong type), the 401 becomes an undocumented 404, and `sequence-version` asks for a version
 * the spec does not offer.
 */
export function writeBrokenPact(file: string): string {
  const pact = JSON.parse(readFileSync(COMMITTED_PACT, 'utf8')) as { interactions: RawInteraction[] };
  for (const interaction of pact.interactions) {
    if (interaction.description.includes('every documented field') && interaction.response.body) {
      interaction.response.body.content['createdAt'] = 1_704_103_200;
    }
    if (interaction.response.status === 401) interaction.response.status = 404;
    if (interaction.description.includes('only its required fields')) {
      interaction.request.headers['sequence-version'] = ['2023-01-01'];
    }
  }
  writeFileSync(file, JSON.stringify(pact, null, 2));
  return file;
}
