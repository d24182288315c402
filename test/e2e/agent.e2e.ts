/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * An n8n AI Agent calls the node as a tool, in a real n8n@2.0.3: the shipped example workflow
 * (`examples/passport-ai-agent-tool.json`) runs with its OpenAI Chat Model pointed at a scripted fake
 * OpenAI server on loopback, and the Huawei Passport OCR tools pointed at the simulator. What the agent
 * hands the model is read from the requests the fake server received: the tool definitions, every tool
 * result (fields, confidence and verdict; or one clear sentence for a failure) and the final answer.
 * It runs with both AI Agent versions in use: 3 (n8n 2.x's default, tools run as workflow nodes) and
 * 2.2 (tools run inside the agent through LangChain).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { EXAMPLE_FILES, loadExample, PLACEHOLDERS } from '../../scripts/lib/examples';
import { documentTruth } from '../fixtures/documents';
import { KEY_FIELDS } from '../fixtures/truth';
import { iamCredentialFor } from './lib/credentials';
import {
	contentText,
	startFakeOpenAi,
	type ChatCompletionBody,
	type ChatMessage,
	type FakeOpenAi,
	type ScriptedReply,
} from './lib/fakeOpenAi';
import { startFileServer, type FileServer } from './lib/fileServer';
import {
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	outputItems,
	type ExecutionResult,
	type N8nHome,
} from './lib/n8n';
import { EXTENSIONS_DIR, FIXTURE_IMAGES_DIR, N8N_INSTALL_DIR } from './lib/paths';
import { findSecretLeaks } from './lib/secrets';
import { startSimulatorProcess, type SimulatorProcess } from './lib/simulator';
import type { WorkflowNode } from './lib/workflowBuilder';

const OPENAI = { id: 'openAiFakeModel1', name: 'OpenAI (fake, loopback)', type: 'openAiApi' };
/** Not a secret anywhere but here: the test checks it never reaches a tool result. */
const OPENAI_API_KEY = 'sk-e2e-fake-key-0123456789abcdef';

/** Tool names as n8n derives them from the node names in the example (spaces → "_"). */
const TOOLS = {
	link: 'Read_passport_from_link',
	base64: 'Read_passport_from_base64',
	mrz: 'Check_MRZ',
} as const;
const ICAO = documentTruth('icao-specimen');
/** The specimen MRZ with its document number check digit changed (6 → 7). */
const BROKEN_MRZ = [ICAO.mrz[0], `${ICAO.mrz[1].slice(0, 9)}7${ICAO.mrz[1].slice(10)}`];
const base64Of = (file: string) => readFileSync(join(FIXTURE_IMAGES_DIR, file)).toString('base64');

/** One scripted tool call and the name the test gives it. */
interface Step {
	label: string;
	tool: string;
	arguments: Record<string, string>;
}

/** The tool calls the fake model makes, one per turn, in this order; then it answers in text. */
function conversation(filesUrl: string): Step[] {
	return [
		{ label: 'link', tool: TOOLS.link, arguments: { imageUrl: `${filesUrl}/icao-specimen.jpg` } },
		{
			label: 'unreadable image',
			tool: TOOLS.link,
			arguments: { imageUrl: `${filesUrl}/bad-no-truth.jpg` },
		},
		{
			label: 'link to nothing',
			tool: TOOLS.link,
			arguments: { imageUrl: `${filesUrl}/no-such-passport.jpg` },
		},
		{ label: 'not a link', tool: TOOLS.link, arguments: { imageUrl: 'passport.jpg' } },
		{ label: 'broken MRZ', tool: TOOLS.mrz, arguments: { mrzText: BROKEN_MRZ.join('\n') } },
		{ label: 'valid MRZ', tool: TOOLS.mrz, arguments: { mrzText: ICAO.mrz.join('\n') } },
		{
			label: 'base64',
			tool: TOOLS.base64,
			arguments: { imageBase64: `data:image/png;base64,${base64Of('icao-specimen.png')}` },
		},
		{
			label: 'invalid base64',
			tool: TOOLS.base64,
			arguments: { imageBase64: 'this is not base64 at all!' },
		},
		{
			label: 'oversized image',
			tool: TOOLS.base64,
			arguments: { imageBase64: base64Of('bad-too-wide.png') },
		},
	];
}

const toolMessages = (body: ChatCompletionBody) =>
	body.messages.filter((message) => message.role === 'tool');

/** The final answer is built from the first tool result, so it proves the model read it. */
function finalAnswer(body: ChatCompletionBody): string {
	const first = toolMessages(body)[0];
	const [passport] = JSON.parse(contentText(first)) as Array<Record<string, unknown>>;
	return `Checked ${String(passport.surname)}, passport ${String(passport.passport_number)}.`;
}

/**
 * The fake model's script: the number of tool results already in the conversation says which turn
 * this is (a retried request gets the same answer).
 */
const scriptFor =
	(steps: Step[]) =>
	(body: ChatCompletionBody): ScriptedReply => {
		const turn = toolMessages(body).length;
		if (turn < steps.length)
			return { toolCalls: [{ name: steps[turn].tool, arguments: steps[turn].arguments }] };
		return { text: finalAnswer(body) };
	};

/** Each step's tool call (from the assistant messages) and its result, from the last request. */
function toolExchanges(body: ChatCompletionBody) {
	const calls = body.messages.flatMap((message: ChatMessage) => message.tool_calls ?? []);
	return toolMessages(body).map((result) => {
		const call = calls.find((candidate) => candidate.id === result.tool_call_id);
		const args = call ? (JSON.parse(call.function.arguments) as Record<string, unknown>) : {};
		return {
			name: call?.function.name,
			// Agent v3 rebuilds the history from its own records and adds the call id to the arguments.
			arguments: Object.fromEntries(Object.entries(args).filter(([key]) => key !== 'id')),
			content: contentText(result),
		};
	});
}

/** Parses a tool result as the agent serialises it: the JSON of the tool's output items. */
function parsedResult(content: string): Array<Record<string, unknown>> {
	const value = JSON.parse(content) as unknown;
	expect(Array.isArray(value)).toBe(true);
	return value as Array<Record<string, unknown>>;
}

/** A failure as the model must get it: one item, one sentence with the fix, nothing else. */
function expectOneSentence(content: string, pattern: RegExp): void {
	const items = parsedResult(content);
	expect(items).toHaveLength(1);
	expect(Object.keys(items[0])).toEqual(['error']);
	const message = String(items[0].error);
	expect(message).toMatch(pattern);
	expect(message).not.toMatch(/\n|\bat \S+ \(|\.[jt]s:\d+|Error:|undefined|\[object/);
	expect(message.length).toBeLessThan(400);
}

describe.each([
	{ agentVersion: 3, id: 'e2eAgentTool0v30' },
	{ agentVersion: 2.2, id: 'e2eAgentTool0v22' },
])('an AI Agent (v$agentVersion) uses the node as a tool', ({ agentVersion, id }) => {
	let home: N8nHome;
	let sim: SimulatorProcess | undefined;
	let files: FileServer | undefined;
	let openAi: FakeOpenAi | undefined;
	let steps: Step[];
	let result: ExecutionResult;
	let lastRequest: ChatCompletionBody;
	let exchanges: ReturnType<typeof toolExchanges>;
	const exchange = (label: string) => exchanges[steps.findIndex((step) => step.label === label)];

	beforeAll(async () => {
		home = await createN8nHome(`agent-v${agentVersion}`, EXTENSIONS_DIR);
		sim = await startSimulatorProcess({ logFile: join(home.importDir, 'simulator.log') });
		files = await startFileServer(FIXTURE_IMAGES_DIR);
		steps = conversation(files.url);
		openAi = await startFakeOpenAi(scriptFor(steps));
		await importCredentials(home, [
			iamCredentialFor(sim.info),
			{ ...OPENAI, data: { apiKey: OPENAI_API_KEY, url: openAi.baseUrl } },
		]);
		// The example as shipped; only the model's credential (the base URL) and the sample link change.
		const example = loadExample(EXAMPLE_FILES.agentTool, {
			credential: iamCredentialFor(sim.info),
			replacements: [[PLACEHOLDERS.imageUrl, `${files.url}/icao-specimen.jpg`]],
		});
		const nodes = (example.nodes as WorkflowNode[]).map((node) => {
			if (node.type === '@n8n/n8n-nodes-langchain.agent')
				return { ...node, typeVersion: agentVersion };
			if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi')
				return { ...node, credentials: { openAiApi: { id: OPENAI.id, name: OPENAI.name } } };
			return node;
		});
		await importWorkflows(home, [{ ...example, id, nodes }]);
		result = await executeWorkflow(home, id);
		// Kept in the run folder for debugging: everything n8n sent to the model.
		writeFileSync(
			join(home.importDir, 'model-requests.json'),
			JSON.stringify(openAi.requests, null, 2),
		);
		const chats = openAi.chatRequests();
		lastRequest = chats[chats.length - 1];
		exchanges = lastRequest ? toolExchanges(lastRequest) : [];
	});

	afterAll(async () => {
		await Promise.all([openAi?.stop(), files?.stop(), sim?.stop()]);
	});

	it('the workflow carries executionOrder v1 and the run succeeds', () => {
		expect(
			JSON.parse(readFileSync(join(__dirname, '../../examples', EXAMPLE_FILES.agentTool), 'utf8'))
				.settings,
		).toEqual({ executionOrder: 'v1' });
		expect(result.error).toBeUndefined();
	});

	it('the model got the three tools, described for a model, with their parameter schemas', () => {
		const [first] = openAi!.chatRequests();
		expect(contentText(first.messages[first.messages.length - 1])).toBe(
			`Please check the passport at ${files!.url}/icao-specimen.jpg`,
		);
		const tools = Object.fromEntries(
			(first.tools ?? []).map((tool) => [tool.function.name, tool.function]),
		);
		expect(Object.keys(tools).sort()).toEqual(Object.values(TOOLS).sort());
		const recognize = tools[TOOLS.link].description ?? '';
		// What it does, what it needs (a link or base64 text, not a file), what it returns.
		expect(recognize).toMatch(/passport/i);
		expect(recognize).toMatch(/link|URL/i);
		expect(recognize).toMatch(/base64/i);
		expect(recognize).toMatch(/13 fields/i);
		expect(recognize).toMatch(/confidence/i);
		expect(recognize).toMatch(/verdict/i);
		expect(recognize).toMatch(/error/i);
		expect(tools[TOOLS.base64].description).toBe(recognize);
		expect(tools[TOOLS.mrz].description).toMatch(/MRZ/);
		expect(tools[TOOLS.mrz].description).toMatch(/check digit/i);
		expect(tools[TOOLS.mrz].description).not.toBe(recognize);
		expect(tools[TOOLS.link].parameters).toMatchObject({
			type: 'object',
			properties: {
				imageUrl: { type: 'string', description: expect.stringMatching(/http\(s\) link/) },
			},
			required: ['imageUrl'],
		});
		expect(tools[TOOLS.base64].parameters).toMatchObject({
			properties: { imageBase64: { type: 'string', description: expect.stringMatching(/base64/) } },
			required: ['imageBase64'],
		});
		expect(tools[TOOLS.mrz].parameters).toMatchObject({
			properties: { mrzText: { type: 'string' } },
			required: ['mrzText'],
		});
	});

	it('every tool call got its result and the agent went on to the end, in order', () => {
		// One request per turn: turn n carries n tool results (no retry was needed).
		expect(openAi!.chatRequests().map((body) => toolMessages(body).length)).toEqual(
			steps.map((_step, index) => index).concat(steps.length),
		);
		expect(exchanges.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
			steps.map((step) => ({ name: step.tool, args: step.arguments })),
		);
	});

	it('a readable passport by link: the 13 fields, their confidence and the verdict', () => {
		const items = parsedResult(exchange('link').content);
		expect(items).toHaveLength(1);
		const [passport] = items;
		for (const field of KEY_FIELDS) expect(typeof passport[field]).toBe('string');
		expect(passport).toMatchObject({
			surname: ICAO.fields.surname,
			passport_number: ICAO.fields.passport_number,
			date_of_birth: ICAO.fields.date_of_birth,
			verdict: { passed: true, reasons: [] },
		});
		const confidence = passport.confidence as Record<string, number>;
		expect(Object.keys(confidence)).toEqual(expect.arrayContaining(['surname', 'passport_number']));
		expect(Object.values(confidence).every((value) => value > 0 && value <= 1)).toBe(true);
	});

	it('failures reach the model as one sentence with the fix', () => {
		expectOneSentence(
			exchange('unreadable image').content,
			/no readable passport.*AIS\.0104.*send a sharp/i,
		);
		expectOneSentence(
			exchange('link to nothing').content,
			/could not download.*ModelArts\.4603.*public http\(s\) URL/i,
		);
		expectOneSentence(exchange('not a link').content, /not a valid URL.*full http\(s\) address/);
		expectOneSentence(exchange('invalid base64').content, /not valid base64/);
		expectOneSentence(exchange('oversized image').content, /9000.*px.*at most \d+ px.*resize/);
	});

	it('Parse MRZ as a tool: the check-digit verdict', () => {
		const [broken] = parsedResult(exchange('broken MRZ').content);
		expect(broken).toMatchObject({ mrz: { valid: false }, verdict: { passed: false } });
		expect(JSON.stringify(broken.verdict)).toMatch(/check digit/i);
		const [valid] = parsedResult(exchange('valid MRZ').content);
		expect(valid).toMatchObject({ mrz: { valid: true }, verdict: { passed: true } });
	});

	it('base64 text of a small image works like a link', () => {
		const [passport] = parsedResult(exchange('base64').content);
		expect(passport).toMatchObject({
			passport_number: ICAO.fields.passport_number,
			verdict: { passed: true },
		});
	});

	it("the agent's output is the model's final answer", () => {
		const [item] = outputItems(result, 'AI Agent');
		expect(item.json.output).toBe(
			`Checked ${ICAO.fields.surname}, passport ${ICAO.fields.passport_number}.`,
		);
	});

	it('no secret reaches the model: not the IAM password, not the API key', () => {
		const sent = { 'requests to the model': JSON.stringify(openAi!.chatRequests()) };
		expect(findSecretLeaks({ password: sim!.info.password, apiKey: OPENAI_API_KEY }, sent)).toEqual(
			[],
		);
	});
});

/** The parts of LangChain's ChatOpenAI (the client n8n's OpenAI Chat Model uses) this check calls. */
interface LangChainChatModel {
	bindTools(tools: unknown[]): LangChainChatModel;
	invoke(
		input: string,
	): Promise<{ content: unknown; tool_calls?: Array<{ name: string; args: unknown }> }>;
	stream(input: string): Promise<AsyncIterable<{ content: unknown }>>;
}

describe("the fake OpenAI server speaks what n8n's OpenAI client reads", () => {
	let openAi: FakeOpenAi | undefined;
	let model: LangChainChatModel;
	const reply: { next: ScriptedReply } = { next: { text: '' } };

	beforeAll(async () => {
		openAi = await startFakeOpenAi(() => reply.next);
		// The copy inside the n8n install: the same client the model node runs.
		const { ChatOpenAI } = createRequire(join(N8N_INSTALL_DIR, 'package.json'))(
			'@langchain/openai',
		) as { ChatOpenAI: new (fields: Record<string, unknown>) => LangChainChatModel };
		model = new ChatOpenAI({
			apiKey: OPENAI_API_KEY,
			model: 'gpt-4o-mini',
			maxRetries: 0,
			configuration: { baseURL: openAi.baseUrl },
		});
	});

	afterAll(async () => {
		await openAi?.stop();
	});

	it('a tool call, in one JSON answer', async () => {
		reply.next = { toolCalls: [{ name: 'lookup', arguments: { imageUrl: 'http://x/p.jpg' } }] };
		const tool = {
			type: 'function',
			function: {
				name: 'lookup',
				description: 'd',
				parameters: { type: 'object', properties: { imageUrl: { type: 'string' } } },
			},
		};
		const answer = await model.bindTools([tool]).invoke('hi');
		expect(answer.tool_calls).toEqual([
			expect.objectContaining({ name: 'lookup', args: { imageUrl: 'http://x/p.jpg' } }),
		]);
		const [request] = openAi!.chatRequests();
		expect(request.tools?.[0]).toEqual(tool);
		expect(request.stream).toBeFalsy();
	});

	it('text, streamed as server-sent events', async () => {
		reply.next = { text: 'All good.' };
		let text = '';
		for await (const chunk of await model.stream('hi')) text += String(chunk.content);
		expect(text).toBe('All good.');
		expect(openAi!.chatRequests().at(-1)?.stream).toBe(true);
	});
});
