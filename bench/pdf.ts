/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * PDF page-image extraction (nodes/HuaweiPassportOcr/pdf): the bounded-work goals of issue 12 as
 * CPU timings. Each figure is the slowest of `repeats` runs, beside the reference of one native search
 * through the same bytes (Buffer.indexOf of a string that is not there), measured in the same run.
 * No simulator involved: the extractor is pure.
 */
import { extractPdfJpeg } from '../nodes/HuaweiPassportOcr/pdf';
import type { PdfPageSelection } from '../nodes/HuaweiPassportOcr/pdf';
import { ICAO_SMALL, PDF_FIXTURES, readPdfFixture } from '../test/fixtures/pdf';
import { mutatePdf, pick } from '../test/fixtures/pdf/mutate';
import { drawImage, imageDict, PdfWriter } from '../test/fixtures/pdf/writer';
import { seededRandom } from '../test/fixtures/raster';
import type { Row } from './rows';
import type { Sizes } from './scenarios';

const TARGET_MS = 1000;

/** A scanned document of about `megabytes` MB: one JPEG page after another. */
function manyPages(megabytes: number): Buffer {
	const jpeg = ICAO_SMALL.jpeg();
	const pages = Math.ceil((megabytes * 1024 * 1024) / jpeg.length);
	const pdf = new PdfWriter();
	const kids: string[] = [];
	for (let page = 0; page < pages; page++) kids.push(`${10 + page * 3} 0 R`);
	pdf.object(1, '<</Type /Catalog /Pages 2 0 R>>');
	pdf.object(2, `<</Type /Pages /Kids [${kids.join(' ')}] /Count ${pages}>>`);
	for (let page = 0; page < pages; page++) {
		const num = 10 + page * 3;
		pdf.object(
			num,
			`<</Type /Page /Parent 2 0 R /Resources <</XObject <</Im1 ${num + 1} 0 R>>>> /Contents ${num + 2} 0 R>>`,
		);
		pdf.stream(num + 1, imageDict(ICAO_SMALL.width, ICAO_SMALL.height, '/DCTDecode'), jpeg);
		pdf.stream(num + 2, '', drawImage('Im1', 612, 792));
	}
	return pdf.xrefTable('/Root 1 0 R').build();
}

/** 10 000 objects (annotations) around one scanned page, with the xref table broken: all scanned. */
function tenThousandObjects(): Buffer {
	const pdf = new PdfWriter();
	pdf.object(1, '<</Type /Catalog /Pages 2 0 R>>');
	pdf.object(2, '<</Type /Pages /Kids [3 0 R] /Count 1>>');
	pdf.object(3, '<</Type /Page /Parent 2 0 R /Resources <</XObject <</Im1 4 0 R>>>>>>');
	pdf.stream(4, imageDict(ICAO_SMALL.width, ICAO_SMALL.height, '/DCTDecode'), ICAO_SMALL.jpeg(), {
		lengthObject: 5,
	});
	for (let num = 6; num < 10_006; num++)
		pdf.object(num, `<</Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (note ${num})>>`);
	return Buffer.concat([pdf.build(), Buffer.from('startxref\n12345\n%%EOF\n', 'latin1')]);
}

function junk(megabytes: number): Buffer {
	const data = Buffer.alloc(
		megabytes * 1024 * 1024,
		'1 0 obj << /Length 9 0 R >> stream (',
		'latin1',
	);
	data.write('%PDF-1.7\n', 0, 'latin1');
	return data;
}

/**
 * CPU time of the call (user + system), not wall time: with ~7 jobs sharing two cores, wall time
 * mostly measures the wait for a core. On an idle machine the two are the same for this pure code.
 */
function timeMs(run: () => void): number {
	const started = process.cpuUsage();
	run();
	const used = process.cpuUsage(started);
	return (used.user + used.system) / 1000;
}

function slowest(repeats: number, run: () => void): number {
	let worst = 0;
	for (let i = 0; i < repeats; i++) worst = Math.max(worst, timeMs(run));
	return worst;
}

function row(
	figure: string,
	data: Buffer,
	measuredMs: number,
	repeats: number,
	outcome: string,
): Row {
	const referenceMs = slowest(repeats, () => data.indexOf('\u0001never-there\u0002', 0, 'latin1'));
	return {
		figure: `${figure} (${(data.length / (1024 * 1024)).toFixed(1)} MB): ${outcome}`,
		measured: `${measuredMs.toFixed(0)} ms CPU`,
		reference: `${referenceMs.toFixed(0)} ms native search`,
		ratio: referenceMs > 0 ? measuredMs / referenceMs : null,
		target: `< ${TARGET_MS} ms`,
		met: measuredMs < TARGET_MS,
		values: { measuredMs, referenceMs, bytes: data.length },
	};
}

function extraction(
	figure: string,
	data: Buffer,
	selection: PdfPageSelection,
	repeats: number,
): Row {
	let outcome = '';
	const measured = slowest(repeats, () => {
		const result = extractPdfJpeg(data, selection);
		outcome = result.ok
			? `${result.pages.length} page image(s), ${result.ordering.basis}`
			: result.problem.code;
	});
	return row(figure, data, measured, repeats, outcome);
}

/** The slowest of the fuzz test's mutated files (same generator, more of them). */
function fuzzWorst(count: number): Row {
	const random = seededRandom(0x5eed_0012);
	const sources = PDF_FIXTURES.map((fixture) => readPdfFixture(fixture.file));
	let worst: { ms: number; input: Buffer } = { ms: 0, input: Buffer.alloc(0) };
	for (let run = 0; run < count; run++) {
		const input = mutatePdf(pick(random, sources), random);
		const ms = timeMs(() => extractPdfJpeg(input, { mode: 'all' }));
		if (ms > worst.ms) worst = { ms, input };
	}
	return row(`slowest of ${count} mutated PDFs`, worst.input, worst.ms, 1, 'answered');
}

export async function pdf(_sim: unknown, sizes: Sizes): Promise<Row[]> {
	const repeats = Math.max(3, sizes.repeats);
	const big = manyPages(50);
	return [
		extraction('50 MB scan, first page', big, { mode: 'first' }, repeats),
		extraction('50 MB scan, every page', big, { mode: 'all' }, repeats),
		extraction('10 000 objects, xref broken', tenThousandObjects(), { mode: 'first' }, repeats),
		extraction('50 MB of malformed syntax', junk(50), { mode: 'first' }, repeats),
		fuzzWorst(sizes.repeats > 1 ? 5000 : 1200),
	];
}
