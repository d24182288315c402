/**
 * n8n-core pulls in @langchain/core, which require()s the ESM-only p-retry. Plain Node 20.19+ can
 * require ESM, Jest's module runtime cannot, so under Jest that one module is replaced by a
 * minimal CommonJS stand-in (nothing in the harness path retries through it). Must be imported
 * before n8n-core.
 */
declare const jest: { mock: (name: string, factory: () => unknown) => void } | undefined;

if (typeof jest !== 'undefined') {
	jest.mock('p-retry', () => {
		const pRetry = async (run: (attempt: number) => unknown) => await run(1);
		class AbortError extends Error {}
		return { __esModule: true, default: pRetry, AbortError };
	});
}

export {};
