import { redact, redactSecrets } from '../../credentials/common/redact';

describe('redaction', () => {
	it('redactSecrets removes every occurrence of each secret', () => {
		expect(
			redactSecrets('pw=Sim-Passw0rd! again Sim-Passw0rd!', ['Sim-Passw0rd!', undefined, '']),
		).toBe('pw=*** again ***');
	});

	it('redact hides tokens and access key ids in the messages it copies (first 4 characters at most)', () => {
		expect(redact('Incorrect IAM authentication information: ak NOSUCHAK not exist')).toBe(
			'Incorrect IAM authentication information: ak NOSU… not exist',
		);
		expect(redact('The access key id: HPUAL5RF3MZ7QXK2WJ8D is disabled')).toBe(
			'The access key id: HPUA… is disabled',
		);
		// A bare permanent access key id (20 upper-case letters and digits) anywhere in the text.
		expect(redact('key QWERTY1234ASDFG5678Z refused')).toBe('key QWER… refused');
		expect(redact(`token MIIEXAMPLETOKEN${'A'.repeat(100)} seen`)).toBe('token [token] seen');
		// Ordinary words, codes and request ids stay.
		const plain = 'access key expired; APIGW.0301 request 4f1c2e9ab0d34e5f8a7b6c5d4e3f2a1b';
		expect(redact(plain)).toBe(plain);
	});
});
