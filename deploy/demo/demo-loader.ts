import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DevTokenIssuer, SignOptions, TokenClaims } from '../../apps/api/src/auth/dev-token-issuer.js';

/** How the demo gets a demo user's token: signed with the dev key, or from the identity provider. */
export type DemoTokenSource = (user: TokenClaims) => Promise<string>;

/** Tokens signed with the development key (the api trusts JWT_JWKS_FILE). */
export const signedWith =
  (issuer: DevTokenIssuer, signing: SignOptions): DemoTokenSource =>
  (user) =>
    issuer.sign(user, signing);

interface DemoStep {
  id: string;
  as: string;
  mutation: string;
  /** A file in deploy/demo to upload first (POST /attachments); its uploadId goes into the input. */
  upload?: string;
  input: Record<string, unknown>;
}

/**
 * Uploads a demo file as the user and answers its uploadId. On a second load the attachDocument step is
 * recognised by its command id and appends nothing; the second upload is then never attached and goes
 * with the uploads the api removes after ATTACHMENT_UNATTACHED_TTL_MINUTES.
 */
async function uploadDemoFile(apiUrl: string, token: string, file: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(join(REPO_ROOT, 'deploy/demo', file))]), file);
  const response = await fetch(`${apiUrl}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await response.json()) as { uploadId?: string; errors?: { message: string }[] };
  if (!body.uploadId) throw new Error(`Uploading demo file ${file} failed: ${body.errors?.[0]?.message}`);
  return body.uploadId;
}

// Compiled to dist/deploy/demo, run from source by tests: find the data beside the source either way.
export const REPO_ROOT = resolve(
  import.meta.dirname,
  import.meta.dirname.includes('/dist/') ? '../../..' : '../..',
);
const read = <T>(file: string): T =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/demo', file), 'utf8')) as T;

const ALREADY_HELD = new Set(['COMMAND_ID_REUSED', 'ALREADY_GRANTED', 'NOTHING_PENDING']);

/** A UUID (version 5 layout) that depends only on the step id. */
function commandIdFor(stepId: string): string {
  const hex = createHash('sha256').update(`keten-demo:${stepId}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DemoLoadResult {
  steps: number;
  appended: number;
  tokens: { user: TokenClaims; token: string }[];
}

/**
 * Loads the demo scenario through the GraphQL API at `apiUrl` as the demo users. Safe to run again:
 * every step carries a command id derived from its step id, so a second run appends nothing.
 */
export async function loadDemo(
  apiUrl: string,
  tokenOf: DemoTokenSource,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<DemoLoadResult> {
  const { users } = read<{ users: TokenClaims[] }>('../idp/seed.json');
  const { steps } = read<{ steps: DemoStep[] }>('demo-scenario.json');
  // One after the other: a provider's sign-in is a few requests each.
  const tokens: DemoLoadResult['tokens'] = [];
  for (const user of users) tokens.push({ user, token: await tokenOf(user) });
  const tokenOfUser = new Map(tokens.map(({ user, token }) => [user.userId, token]));

  let appended = 0;
  for (const [index, step] of steps.entries()) {
    const token = tokenOfUser.get(step.as);
    if (!token)
      throw new Error(
        `Step ${step.id} runs as unknown demo user ${step.as}; add it to deploy/idp/seed.json.`,
      );
    const input = `${step.mutation[0].toUpperCase()}${step.mutation.slice(1)}Input`;
    const uploaded = step.upload ? { uploadId: await uploadDemoFile(apiUrl, token, step.upload) } : {};
    const response = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation($input: ${input}!) { ${step.mutation}(input: $input) { eventIds duplicate } }`,
        variables: { input: { ...step.input, ...uploaded, commandId: commandIdFor(step.id) } },
      }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { eventIds: string[]; duplicate: boolean }>;
      errors?: { message: string; extensions?: { reason?: string } }[];
    };
    // A database loaded by an older keten already holds this step: its command ids hashed differently, or
    // it granted the demo agreements in one step (before four eyes), so they exist and wait for no approval.
    if (ALREADY_HELD.has(body.errors?.[0]?.extensions?.reason ?? '')) {
      onProgress(index + 1, steps.length);
      continue;
    }
    if (body.errors?.length)
      throw new Error(`Demo step ${step.id} (${step.mutation}) failed: ${body.errors[0].message}`);
    const result = body.data?.[step.mutation];
    if (result && !result.duplicate) appended += result.eventIds.length;
    onProgress(index + 1, steps.length);
  }
  return { steps: steps.length, appended, tokens };
}
