/**
 * Which images sit on which page. The page tree (ISO 32000-1 §7.7.2 catalog, §7.7.3 page tree, with
 * /Resources inherited from ancestors per §7.7.3.4) leads to each page's resource dictionary (§7.8.3)
 * and its image XObjects (§8.9.5, Table 89), also those inside form XObjects (§8.10). When the tree
 * cannot be read (its objects sit in compressed object streams, §7.5.7, or it is damaged), the only
 * evidence left is the order of the image streams in the file (image streams are never inside object
 * streams): pages are then inferred from that order, and the result says so. docs/pdf-input.md.
 */
import { attempt } from './attempt';
import { asArray, asDict, asInteger, asName, asRef, dictGet } from './lexer';
import type { PdfDict, PdfValue } from './lexer';
import { COMPRESSED, isDict } from './objects';
import type { ObjectStore, PdfObject } from './objects';

export interface PageImage {
	/** The image's object number. */
	object: PdfObject;
	width?: number;
	height?: number;
	/** The /Filter chain, e.g. ['DCTDecode'] or ['FlateDecode', 'DCTDecode']; [] when unfiltered. */
	filters: string[];
}

export interface PageImages {
	/** 1-based. */
	page: number;
	images: PageImage[];
}

export type Layout =
	| { basis: 'page-tree'; pages: PageImages[] }
	| { basis: 'image-order'; pages: PageImages[]; reason: 'compressed' | 'damaged' };

/** The tree cannot be trusted for page numbers. */
class TreeUnreadable extends Error {
	constructor(readonly reason: 'compressed' | 'damaged') {
		super(`page tree ${reason}`);
		this.name = 'TreeUnreadable';
	}
}

const MAX_TREE_DEPTH = 64;
const MAX_PAGES = 20_000;
/** Forms drawing forms: scanner output nests one level at most. */
const MAX_FORM_DEPTH = 4;
/** In image-order mode, images under this share of the largest image's area (a fifth of each side) are decorations. */
const DECORATION_AREA = 1 / 25;

function readDict(store: ObjectStore, value: PdfValue | undefined): PdfDict | undefined {
	const resolved = store.resolve(value);
	if (resolved === COMPRESSED) throw new TreeUnreadable('compressed');
	return asDict(resolved);
}

function filtersOf(store: ObjectStore, dict: PdfValue): string[] {
	const filter = store.value(dictGet(dict, 'Filter'));
	const single = asName(filter);
	if (single) return [single];
	return (asArray(filter) ?? []).map((item) => asName(store.value(item)) ?? '?');
}

/** An image's pixel area (0 when its size is unknown). */
export function area(image: PageImage): number {
	return (image.width ?? 0) * (image.height ?? 0);
}

/** The image XObject an object holds, if it is one (§8.9.5: a stream with /Subtype /Image). */
export function imageOf(store: ObjectStore, object: PdfObject): PageImage | undefined {
	if (!object.stream || asName(dictGet(object.value, 'Subtype')) !== 'Image') return undefined;
	const size = (key: string) => {
		const value = asInteger(store.value(dictGet(object.value, key)));
		return value !== undefined && value > 0 ? value : undefined;
	};
	return {
		object,
		width: size('Width'),
		height: size('Height'),
		filters: filtersOf(store, object.value),
	};
}

function collectImages(
	store: ObjectStore,
	resources: PdfValue | undefined,
	found: Map<number, PageImage>,
	depth: number,
): void {
	const xobjects = readDict(store, dictGet(readDict(store, resources), 'XObject'));
	if (!xobjects) return;
	for (const entry of xobjects.entries.values()) {
		const ref = asRef(entry);
		if (!ref || found.has(ref.num)) continue;
		const object = store.lookup(ref.num);
		if (object === COMPRESSED) throw new TreeUnreadable('compressed');
		if (!object) continue;
		const image = imageOf(store, object);
		if (image) found.set(ref.num, image);
		else if (asName(dictGet(object.value, 'Subtype')) === 'Form' && depth < MAX_FORM_DEPTH) {
			collectImages(store, dictGet(object.value, 'Resources'), found, depth + 1);
		}
	}
}

function walkTree(store: ObjectStore, root: PdfValue | undefined): PageImages[] {
	const pages: PageImages[] = [];
	const visited = new Set<number>();
	const walk = (node: PdfValue | undefined, inherited: PdfValue | undefined, depth: number) => {
		if (depth > MAX_TREE_DEPTH || pages.length >= MAX_PAGES) throw new TreeUnreadable('damaged');
		const ref = asRef(node);
		if (ref) {
			if (visited.has(ref.num)) throw new TreeUnreadable('damaged'); // a cycle
			visited.add(ref.num);
		}
		const dict = readDict(store, node);
		if (!dict) throw new TreeUnreadable('damaged'); // a missing page would shift every number
		const resources = dictGet(dict, 'Resources') ?? inherited;
		const type = asName(dictGet(dict, 'Type'));
		const kids = asArray(store.value(dictGet(dict, 'Kids')));
		if (type === 'Pages' || (type !== 'Page' && kids)) {
			for (const kid of kids ?? []) walk(kid, resources, depth + 1);
			return;
		}
		const found = new Map<number, PageImage>();
		collectImages(store, resources, found, 0);
		pages.push({ page: pages.length + 1, images: [...found.values()] });
	};
	walk(root, undefined, 0);
	return pages;
}

/** Images in file order, masks and decorations left out, each taken as one page. */
function imageOrder(store: ObjectStore): PageImages[] {
	const images: PageImage[] = [];
	const masks = new Set<number>();
	for (const object of store.scan().inOrder) {
		const current = store.lookup(object.num);
		if (current === COMPRESSED || current?.offset !== object.offset) continue; // superseded
		const image = imageOf(store, object);
		if (!image) continue;
		images.push(image);
		for (const key of ['SMask', 'Mask']) {
			const mask = asRef(dictGet(object.value, key));
			if (mask) masks.add(mask.num);
		}
	}
	const pages = images.filter((image) => !masks.has(image.object.num));
	const largest = pages.reduce((most, image) => Math.max(most, area(image)), 0);
	return pages
		.filter((image) => area(image) >= largest * DECORATION_AREA)
		.map((image, index) => ({ page: index + 1, images: [image] }));
}

/** Pages and their images, from the page tree when it can be read, else from the image order. */
export function layoutOf(store: ObjectStore, trailer: PdfDict | undefined): Layout {
	const tree = attempt(() => {
		const catalog = readDict(store, dictGet(trailer, 'Root'));
		if (!isDict(catalog) || dictGet(catalog, 'Pages') === undefined)
			throw new TreeUnreadable('damaged');
		return walkTree(store, dictGet(catalog, 'Pages'));
	}, TreeUnreadable);
	if (tree.ok) return { basis: 'page-tree', pages: tree.value };
	return { basis: 'image-order', pages: imageOrder(store), reason: tree.error.reason };
}
