/**
 * Reading untyped values (JSON bodies, headers, thrown errors) without trusting their shape: isRecord
 * (a guard), recordOrEmpty, recordFromJson (also from JSON text), textValue and headerValue.
 */
import type { IDataObject } from 'n8n-workflow';

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object to read fields from; {} when it is none. */
export function recordOrEmpty(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null ? (value as IDataObject) : {};
}

/** A plain object, also from JSON text (bodies may arrive unparsed); undefined otherwise. */
export function recordFromJson(value: unknown): IDataObject | undefined {
	if (typeof value === 'string') {
		try {
			return recordFromJson(JSON.parse(value));
		} catch {
			return undefined;
		}
	}
	return isRecord(value) ? value : undefined;
}

/** Text worth reading: a non-empty string, or a number written out; undefined for anything else. */
export function textValue(value: unknown): string | undefined {
	if (typeof value === 'string') return value !== '' ? value : undefined;
	return typeof value === 'number' ? String(value) : undefined;
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
