/**
 * Huawei Cloud regions that offer OCR, their default endpoints, and the endpoint safety rule.
 * Pure: shared by both credentials and the node (the node builds OCR URLs from resolveEndpoints()).
 */
import type { ICredentialDataDecryptedObject, INodePropertyOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { textField } from './fieldValue';

export type Edition = 'international' | 'g42';

export interface Region {
	id: string;
	name: string;
	ocrHost: string;
	iamHost: string;
	/** Passport recognition is documented for this region. */
	passport: boolean;
	edition: Edition;
}

const huaweiRegion = (id: string, name: string, passport: boolean): Region => ({
	id,
	name,
	ocrHost: `ocr.${id}.myhuaweicloud.com`,
	iamHost: `iam.${id}.myhuaweicloud.com`,
	passport,
	edition: 'international',
});

/** Passport regions first (the order of the Region list in the credentials). */
export const REGIONS: readonly Region[] = [
	huaweiRegion('ap-southeast-1', 'CN-Hong Kong', true),
	huaweiRegion('ap-southeast-2', 'AP-Bangkok', true),
	huaweiRegion('cn-north-4', 'CN North-Beijing4', true),
	{
		id: 'ae-ad-1',
		name: 'ME-Abu Dhabi (G42 Cloud)',
		ocrHost: 'ocr.ae-ad-1.g42cloud.com',
		iamHost: 'iam.ae-ad-1.g42cloud.com',
		passport: true,
		edition: 'g42',
	},
	huaweiRegion('cn-north-1', 'CN North-Beijing1', false),
	huaweiRegion('cn-east-3', 'CN East-Shanghai1', false),
	huaweiRegion('cn-south-1', 'CN South-Guangzhou', false),
	huaweiRegion('ap-southeast-3', 'AP-Singapore', false),
	huaweiRegion('af-south-1', 'AF-Johannesburg', false),
	huaweiRegion('la-south-2', 'LA-Santiago', false),
	huaweiRegion('la-north-2', 'LA-Mexico City2', false),
];

export const CUSTOM_REGION = 'custom';

export const DEFAULT_REGION = 'ap-southeast-1';

/** The boolean ("Override Endpoints") that lets a region from the list use other endpoints. */
export const CUSTOM_ENDPOINTS_FIELD = 'customEndpoints';

export function findRegion(id: string): Region | undefined {
	return REGIONS.find((region) => region.id === id);
}

/** Options for the credentials' Region field. */
export const REGION_OPTIONS: INodePropertyOptions[] = [
	...REGIONS.map((region) => ({
		name: `${region.name} (${region.id})${region.passport ? '' : ' – Passport Not Offered'}`,
		value: region.id,
	})),
	{ name: 'Custom (Enter Endpoints)', value: CUSTOM_REGION },
];

export interface ResolvedEndpoints {
	/** The region id (for custom regions: the one the user typed). */
	region: string;
	/** Base URL without a trailing slash, e.g. `https://ocr.ap-southeast-1.myhuaweicloud.com`. */
	ocrEndpoint: string;
	iamEndpoint: string;
	edition: Edition;
}

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);

function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	if (LOOPBACK_NAMES.has(host)) return true;
	const ipv4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	return ipv4 !== null && ipv4.slice(1).every((part) => Number(part) <= 255);
}

/**
 * Refuses anything but https, except plain http to this machine (the simulator and demos):
 * credentials must never travel unencrypted over a network.
 */
export function assertSafeEndpoint(url: string, field: string): void {
	const parsed = URL.canParse(url) ? new URL(url) : undefined;
	if (!parsed) {
		throw new UserError(
			`${field} is not a valid URL: enter it like https://ocr.ap-southeast-1.myhuaweicloud.com`,
		);
	}
	if (parsed.username || parsed.password) {
		throw new UserError(`${field} must not contain a user name or password`);
	}
	if (parsed.protocol === 'https:') return;
	if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return;
	if (parsed.protocol === 'http:') {
		throw new UserError(
			`${field} must use https:// (plain http is allowed only for this machine: localhost, 127.0.0.1 or ::1)`,
		);
	}
	throw new UserError(`${field} must be an https:// URL`);
}

function trimTrailingSlashes(url: string): string {
	return url.replace(/\/+$/, '');
}

/**
 * Region id, OCR and IAM base URLs and edition from the Region field and the endpoint overrides.
 * Overrides apply to a custom region, or to a listed region with `customEndpoints` (Override Endpoints) on.
 */
export function resolveEndpoints(credentials: ICredentialDataDecryptedObject): ResolvedEndpoints {
	const regionField = textField(credentials, 'region') || DEFAULT_REGION;
	// Overrides count only where the form shows them (n8n drops hidden fields, direct callers may not).
	const overridesApply =
		regionField === CUSTOM_REGION || credentials[CUSTOM_ENDPOINTS_FIELD] === true;
	const ocrOverride = overridesApply ? textField(credentials, 'ocrEndpoint') : '';
	const iamOverride = overridesApply ? textField(credentials, 'iamEndpoint') : '';
	let region: string;
	let edition: Edition;
	let ocrEndpoint: string;
	let iamEndpoint: string;
	if (regionField === CUSTOM_REGION) {
		region = textField(credentials, 'customRegion');
		if (!region)
			throw new UserError('Custom region: enter the region ID (for example ap-southeast-1)');
		if (!ocrOverride || !iamOverride) {
			throw new UserError('Custom region: enter both the OCR endpoint and the IAM endpoint');
		}
		edition = textField(credentials, 'edition') === 'g42' ? 'g42' : 'international';
		ocrEndpoint = ocrOverride;
		iamEndpoint = iamOverride;
	} else {
		const known = findRegion(regionField);
		if (!known)
			throw new UserError(`Unknown region "${regionField}": choose one from the list or "Custom"`);
		region = known.id;
		edition = known.edition;
		ocrEndpoint = ocrOverride || `https://${known.ocrHost}`;
		iamEndpoint = iamOverride || `https://${known.iamHost}`;
	}
	assertSafeEndpoint(ocrEndpoint, 'OCR endpoint');
	assertSafeEndpoint(iamEndpoint, 'IAM endpoint');
	return {
		region,
		ocrEndpoint: trimTrailingSlashes(ocrEndpoint),
		iamEndpoint: trimTrailingSlashes(iamEndpoint),
		edition,
	};
}
