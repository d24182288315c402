/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, not shipped: n8n's rules for node code do not apply (README "Verification") */
/**
 * A scripted stand-in for an OpenAI-compatible chat model, so n8n's AI Agent can run offline. It serves
 * `POST /v1/chat/completions` (JSON, or server-sent events when the request asks for `stream`) and
 * `GET /v1/models`, answers from a script, and records every request for the test to inspect.
 * Loopback only, on a port the OS picks.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One message of a chat completion request (the parts the tests read). */
export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
	tool_call_id?: string;
}

/** A tool as the OpenAI API receives it. */
export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatCompletionBody {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
	[key: string]: unknown;
}

/** A request as received. */
export interface RecordedRequest {
	method: string;
	path: string;
	/** Parsed JSON body (undefined when there was none or it was not JSON). */
	body?: ChatCompletionBody;
}

/** What the scripted model answers: tool calls, or a final text. */
export type ScriptedReply =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }
	| { text: string };

/** Decides the reply to one chat completion request. Throwing answers HTTP 500 with the message. */
export type Script = (request: ChatCompletionBody) => ScriptedReply;

export interface FakeOpenAi {
	/** The base URL to put in n8n's OpenAI credential ("Base URL"), ending in `/v1`. */
	baseUrl: string;
	/** Every request received, in order. */
	requests: RecordedRequest[];
	/** The chat completion requests only. */
	chatRequests(): ChatCompletionBody[];
	/** Replaces the script (e.g. per test). */
	setScript(script: Script): void;
	stop(): Promise<void>;
}

/** Text of a message's content, whether a string or an array of parts. */
export function contentText(message: ChatMessage): string {
	if (typeof message.content === 'string') return message.content;
	if (Array.isArray(message.content))
		return message.content.map((part) => part.text ?? '').join('');
	return '';
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolveBody, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	response.end(text);
}

let callCounter = 0;

/** The assistant message of a reply, in the non-streaming shape. */
function assistantMessage(reply: ScriptedReply) {
	if ('text' in reply) return { role: 'assistant', content: reply.text };
	return {
		role: 'assistant',
		content: null,
		tool_calls: reply.toolCalls.map((call) => ({
			id: `call_${++callCounter}`,
			type: 'function' as const,
			function: { name: call.name, arguments: JSON.stringify(call.arguments) },
		})),
	};
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

function completion(model: string, reply: ScriptedReply) {
	const message = assistantMessage(reply);
	return {
		id: `chatcmpl-fake-${callCounter}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: 'tool_calls' in message ? 'tool_calls' : 'stop',
			},
		],
		usage: USAGE,
	};
}

/** The same reply as server-sent events: a role chunk, the content or tool calls, the finish, [DONE]. */
function streamCompletion(
	response: ServerResponse,
	body: ChatCompletionBody,
	reply: ScriptedReply,
) {
	const message = assistantMessage(reply);
	const base = {
		id: `chatcmpl-fake-${callCounter}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
	};
	const chunk = (delta: Record<string, unknown>, finish: string | null) =>
		`data: ${JSON.stringify({
			...base,
			choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
		})}\n\n`;
	response.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
	});
	response.write(chunk({ role: 'assistant', content: '' }, null));
	if (message.tool_calls) {
		message.tool_calls.forEach((call, index) =>
			response.write(chunk({ tool_calls: [{ index, ...call }] }, null)),
		);
	} else {
		response.write(chunk({ content: message.content }, null));
	}
	response.write(chunk({}, message.tool_calls ? 'tool_calls' : 'stop'));
	const options = body.stream_options as { include_usage?: boolean } | undefined;
	if (options?.include_usage)
		response.write(`data: ${JSON.stringify({ ...base, choices: [], usage: USAGE })}\n\n`);
	response.end('data: [DONE]\n\n');
}

export function startFakeOpenAi(initialScript: Script): Promise<FakeOpenAi> {
	let script = initialScript;
	const requests: RecordedRequest[] = [];
	const server: Server = createServer((request, response) => {
		void (async () => {
			const text = await readBody(request);
			const path = new URL(request.url ?? '/', 'http://x').pathname;
			let body: ChatCompletionBody | undefined;
			try {
				body = text ? (JSON.parse(text) as ChatCompletionBody) : undefined;
			} catch {
				body = undefined;
			}
			requests.push({ method: request.method ?? '', path, body });
			if (request.method === 'GET' && path === '/v1/models') {
				sendJson(response, 200, {
					object: 'list',
					data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'test' }],
				});
				return;
			}
			if (request.method !== 'POST' || path !== '/v1/chat/completions' || !body) {
				sendJson(response, 404, {
					error: { message: `fake OpenAI: no route ${request.method} ${path}`, type: 'invalid' },
				});
				return;
			}
			let reply: ScriptedReply;
			try {
				reply = script(body);
			} catch (error) {
				sendJson(response, 500, {
					error: { message: `fake OpenAI script: ${(error as Error).message}`, type: 'server' },
				});
				return;
			}
			if (body.stream) streamCompletion(response, body, reply);
			else sendJson(response, 200, completion(body.model, reply));
		})().catch((error: Error) => {
			if (!response.headersSent) sendJson(response, 500, { error: { message: error.message } });
			else response.end();
		});
	});
	return new Promise((resolveServer, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			resolveServer({
				baseUrl: `http://127.0.0.1:${port}/v1`,
				requests,
				chatRequests: () =>
					requests
						.filter((entry) => entry.path === '/v1/chat/completions' && entry.body)
						.map((entry) => entry.body as ChatCompletionBody),
				setScript: (next) => {
					script = next;
				},
				stop: () =>
					new Promise((done) => {
						server.closeAllConnections();
						server.close(() => done());
					}),
			});
		});
	});
}
