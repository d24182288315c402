/**
 * A test ICredentialsHelper with the semantics of n8n's cli CredentialsHelper (packages/cli/src/
 * credentials-helper.ts): generic and function `authenticate`, `preAuthentication` only when the
 * hidden expirable property is empty, on refresh (after a 401) or in a credential test, with the
 * result merged and stored. Credentials live in an in-memory store that can be shared across runs,
 * like n8n's database is shared across executions.
 */
import { ICredentials, ICredentialsHelper, isExpression, NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** What n8n would keep in its database: one entry per credential id. */
export class CredentialStore {
	private readonly entries = new Map<string, StoredCredential>();

	/** Every data object ever written by updateCredentials (to assert what was persisted). */
	readonly updates: Array<{ id: string; type: string; data: ICredentialDataDecryptedObject }> = [];

	add(
		type: string,
		data: ICredentialDataDecryptedObject,
		id = `${type}-1`,
		name = `${type} test`,
	): INodeCredentialsDetails {
		this.entries.set(id, { id, name, type, data: structuredClone(data) });
		return { id, name };
	}

	get(id: string): StoredCredential {
		const entry = this.entries.get(id);
		if (!entry) throw new Error(`Harness: no stored credential with id ${id}`);
		return entry;
	}

	/** The first stored credential of a type (tests usually hold one per type). */
	byType(type: string): StoredCredential | undefined {
		return [...this.entries.values()].find((entry) => entry.type === type);
	}

	details(type: string): INodeCredentialsDetails | undefined {
		const entry = this.byType(type);
		return entry ? { id: entry.id, name: entry.name } : undefined;
	}

	put(id: string, data: ICredentialDataDecryptedObject): void {
		const entry = this.get(id);
		entry.data = structuredClone(data);
		this.updates.push({ id, type: entry.type, data: structuredClone(data) });
	}
}

class PlainCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private plain: ICredentialDataDecryptedObject,
	) {
		super(details, type);
	}

	getData(): ICredentialDataDecryptedObject {
		return structuredClone(this.plain);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plain) };
	}

	setData(data: ICredentialDataDecryptedObject): void {
		this.plain = structuredClone(data);
	}
}

export interface PreAuthenticationCall {
	type: string;
	/** true when n8n asked for a refresh (after a 401). */
	expired: boolean;
	testing: boolean;
}

function expirableProperty(type: ICredentialType): INodeProperties | undefined {
	return type.properties.find(
		(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
	);
}

/** The credential test runs on a temporary NoOp node whose only parameter `temp` is empty. */
function isCredentialTestNode(node: INode | undefined): boolean {
	return node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
}

export class TestCredentialsHelper extends ICredentialsHelper {
	readonly preAuthenticationCalls: PreAuthenticationCall[] = [];

	constructor(
		private readonly types: Record<string, ICredentialType>,
		readonly store: CredentialStore,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Harness: unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				target[section] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
					const resolve = (raw: unknown) =>
						isExpression(raw)
							? String(
									workflow.expression.getSimpleParameterValue(
										node,
										raw as string,
										'internal',
										{ $credentials: credentials },
										undefined,
										'',
									) ?? '',
								)
							: raw;
					target[section][String(resolve(key))] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = expirableProperty(type);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const testing = isCredentialTestNode(node);
		if (credentials[expirable.name] !== '' && !credentialsExpired && !testing) return undefined;
		this.preAuthenticationCalls.push({ type: typeName, expired: credentialsExpired, testing });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (details?.id) {
			const stored = this.store.get(details.id).data;
			this.store.put(details.id, { ...stored, ...output } as ICredentialDataDecryptedObject);
		}
		return Object.assign(credentials, output);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		return new PlainCredentials(nodeCredentials, type, stored.data);
	}

	/**
	 * A fresh copy per call, through n8n's own NodeHelpers.getNodeParameters with the arguments of the
	 * cli's applyDefaultsAndOverwrites: defaults filled in (a never-set hidden token is ''), fields hidden
	 * by displayOptions dropped.
	 */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.withDefaults(type, this.store.get(nodeCredentials.id ?? '').data);
	}

	withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const values = structuredClone(data) as INodeParameters;
		const resolved = NodeHelpers.getNodeParameters(
			this.type(type).properties,
			values,
			true,
			false,
			null,
			null,
		);
		return (resolved ?? {}) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.put(nodeCredentials.id ?? '', data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, data);
	}
}
