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
