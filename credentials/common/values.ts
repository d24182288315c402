/** Reading untyped values (JSON bodies, headers, thrown errors) without trusting their shape. */
import type { IDataObject } from 'n8n-workflow';

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object to read fields from; {} when it is none. */
export function asRecord(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null ? (value as IDataObject) : {};
}

/** A plain object, also from JSON text (bodies may arrive unparsed); undefined otherwise. */
export function asObject(value: unknown): IDataObject | undefined {
	if (typeof value === 'string') {
		try {
			return asObject(JSON.parse(value));
		} catch {
			return undefined;
		}
	}
	return isRecord(value) ? value : undefined;
}

/** Header lookup that ignores case (HTTP clients differ in how they spell names). */
export function headerValue(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() !== wanted) continue;
		if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
		return value === undefined || value === null ? undefined : String(value);
	}
	return undefined;
}
