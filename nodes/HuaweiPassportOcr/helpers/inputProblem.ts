/**
 * A local check of one item failed (its image or one of its parameters): `field` is the parameter the
 * user should look at, `message` says what to do. No API call is made for such an item.
 */
export class InputProblem extends Error {
	readonly field: string;

	constructor(options: { message: string; field: string }) {
		super(options.message);
		this.name = 'InputProblem';
		this.field = options.field;
	}
}
