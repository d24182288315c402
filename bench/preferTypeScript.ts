/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * Plain Node resolves `X.node` to `X.node.json` (the codex file) before `X.node.ts`, because it tries
 * extensions in registration order and @swc-node/register adds `.ts` last. Jest tries `.ts` first.
 * Moving `.json` behind `.ts` makes the benchmark load the same modules as the tests.
 */
import Module from 'node:module';

const extensions = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
const json = extensions['.json'];
delete extensions['.json'];
extensions['.json'] = json;
