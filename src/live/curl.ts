/** How a reproduction authenticates: with the caller's own credentials, a fixed wrong pair, or none. */
export type CurlAuth = 'environment' | 'none' | { readonly user: string; readonly password: string };

/**
 * A `curl` command that repeats a request. The caller's credentials are written as the shell variables
 * `$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET`, never as their values.
 *
 * @example curlCommand('https://sandbox.sequencehq.com/activity-logs/a', { 'sequence-version': '2024-07-30' }, 'environment')
 * // curl -sS -i -u "$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET" -H 'sequence-version: 2024-07-30' 'https://…/activity-logs/a'
 */
export function curlCommand(url: string, headers: Readonly<Record<string, string>>, auth: CurlAuth): string {
  const parts = ['curl', '-sS', '-i'];
  if (auth === 'environment') parts.push('-u', '"$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET"');
  else if (auth !== 'none') parts.push('-u', shellQuote(`${auth.user}:${auth.password}`));
  for (const [name, value] of Object.entries(headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  parts.push(shellQuote(url));
  return parts.join(' ');
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
