/** Shared types of the Huawei Cloud simulator (see README.md in this folder). */

export type Edition = 'international' | 'g42';

/** An error the fault injector can answer with instead of the real response. */
export type FaultError =
	| 'AIS.0105'
	| 'ModelArts.4402'
	| 'ModelArts.4403'
	| 'APIGW.0201/502'
	| 'APIGW.0201/504';

export interface FaultKnobs {
	/** Share of OCR calls answered with one of `errors` (0..1). */
	rate5xx: number;
	/** Share of OCR calls whose connection is destroyed without a response. */
	rateDrop: number;
	/** Share of OCR calls answered 200 with a truncated JSON body. */
	rateMalformed: number;
	/** Share of OCR calls answered normally but `slowMs` late. */
	rateSlow: number;
	slowMs: number;
	/** Seed of the PRNG that draws faults and jitter: the same seed gives the same sequence. */
	seed: number;
	/** The 5xx answers to pick from (uniformly, by the PRNG). */
	errors: FaultError[];
}

export interface Knobs {
	edition: Edition;
	/** Added to every IAM and OCR response. */
	latencyMs: number;
	/** Up to this much more, drawn by the seeded PRNG. */
	jitterMs: number;
	/** OCR calls per second (token bucket); 0 = unlimited. Over it → 429 APIGW.0308 with Retry-After. */
	qps: number;
	/** OCR calls processed at once; 0 = unlimited. Over it → 429 ModelArts.4401. */
	maxConcurrency: number;
	/** Lifetime of newly issued IAM tokens (Huawei: 24 h). */
	tokenTtlSeconds: number;
	/** Allowed X-Sdk-Date skew for AK/SK signatures (Huawei: 15 min). */
	maxSkewSeconds: number;
	/** URL mode: how long the simulator waits for an image download. */
	downloadTimeoutMs: number;
	/** false → every OCR call answers 403 ModelArts.4204 (API not enabled in this region). */
	subscribed: boolean;
	faults: FaultKnobs;
}

export type KnobsPatch = Partial<Omit<Knobs, 'faults'>> & { faults?: Partial<FaultKnobs> };

export interface Counters {
	/** Every IAM and OCR request (admin routes excluded). */
	requests: number;
	iam: {
		/** Tokens issued. */
		tokens: number;
		/** Token requests refused (any 4xx). */
		failed: number;
		/** Project list calls (both routes). */
		projects: number;
	};
	ocr: {
		total: number;
		inFlight: number;
		maxInFlight: number;
		byStatus: Record<string, number>;
		/** Error codes answered (success is not counted here). */
		byCode: Record<string, number>;
		/** 'passport' | 'general-text' */
		byPath: Record<string, number>;
		/** How callers authenticated successfully: 'token' | 'aksk'. */
		byAuth: Record<string, number>;
	};
	downloads: { total: number; failed: number; bytes: number };
	faults: { error5xx: number; drop: number; malformed: number; slow: number };
}

export interface SimProject {
	id: string;
	name: string;
	region: string;
}

export interface SimAccount {
	/** The account (domain) name users give as `domain.name`. */
	name: string;
	id: string;
	projects: SimProject[];
}

export interface SimUser {
	account: string;
	name: string;
	password: string;
	/** Login protection: the token call needs methods ["password","totp"] and this passcode. */
	mfaPasscode?: string;
	/** true → OCR answers 403 ModelArts.4203 (no permission) for this user's tokens and keys. */
	ocrDenied?: boolean;
}

export interface SimAkSk {
	account: string;
	accessKey: string;
	secretKey: string;
	/** Temporary keys: requests must carry this X-Security-Token. */
	securityToken?: string;
	ocrDenied?: boolean;
}

export interface SimulatorOptions {
	/** 0 = a free port. */
	port?: number;
	host?: string;
	edition?: Edition;
	/** The region this OCR endpoint serves; default ap-southeast-1 (ae-ad-1 for the g42 edition). */
	region?: string;
	/** Replace the default user (the first one is the ready-made user of `config`). */
	users?: SimUser[];
	/** Replace the default AK/SK pair (the first one is the ready-made pair of `config`). */
	aksk?: SimAkSk[];
	/** Extra projects for the first account (e.g. a project id from a test vector). */
	projects?: SimProject[];
	knobs?: KnobsPatch;
	/** The simulator's clock in ms since the epoch (token times and X-Sdk-Date skew); default Date.now. */
	now?: () => number;
}

export interface SimulatorConfig {
	region: string;
	account: string;
	accountId: string;
	user: string;
	userId: string;
	password: string;
	accessKey: string;
	secretKey: string;
	/** The first account's projects, one per region (named after it), plus `options.projects`. */
	projects: SimProject[];
	/** The first account's project of `region`: the one the OCR path needs. */
	projectId: string;
	accounts: SimAccount[];
	users: SimUser[];
	aksk: SimAkSk[];
}
