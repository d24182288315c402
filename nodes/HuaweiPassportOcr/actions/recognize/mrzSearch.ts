/** Where the MRZ lines of a recognized passport come from: Huawei's result, or a second read. */
import type { IDataObject } from 'n8n-workflow';

import { mrzLinesOf } from '../../helpers/documentChecks';
import { HuaweiCallError } from '../../helpers/nodeErrors';

type MrzSearch =
	| { lines: string[]; source: 'passport' | 'general-text' }
	| { lines?: undefined; source: 'general-text'; message: string; code?: string | null }
	| { lines?: undefined; source?: undefined };

/** The MRZ lines: from the passport result (G42 edition), or from a second read when asked for. */
export async function findMrz(
	result: IDataObject,
	wantSecondRead: boolean,
	secondRead: () => Promise<string[] | undefined>,
): Promise<MrzSearch> {
	const returned = mrzLinesOf(result);
	if (returned) return { lines: returned, source: 'passport' };
	if (!wantSecondRead) return {};
	// The passport read stands: a failed extra read is reported in `mrz`, not fatal to the item.
	try {
		const lines = await secondRead();
		return lines
			? { lines, source: 'general-text' }
			: { source: 'general-text', message: 'The second read found no MRZ lines.' };
	} catch (error) {
		const code = error instanceof HuaweiCallError ? (error.failure.code ?? null) : null;
		return {
			source: 'general-text',
			message: `The second read failed: ${(error as Error).message}`,
			code,
		};
	}
}
