import { asObject, headerValue } from '../../credentials/common/values';

describe('untyped values', () => {
	it('headerValue ignores case and missing headers', () => {
		expect(headerValue({ 'Content-Type': 'a' }, 'content-type')).toBe('a');
		expect(headerValue(undefined, 'x')).toBeUndefined();
		expect(headerValue({ x: [] }, 'x')).toBeUndefined();
	});

	it('asObject reads objects and JSON text, nothing else', () => {
		expect(asObject('{"a":1}')).toEqual({ a: 1 });
		expect(asObject({ a: 1 })).toEqual({ a: 1 });
		expect(asObject('not json')).toBeUndefined();
		expect(asObject([1])).toBeUndefined();
		expect(asObject(null)).toBeUndefined();
	});
});
