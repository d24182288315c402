/** A token bucket of `qps` tokens refilled continuously, holding at most one second's worth. */
export class TokenBucket {
	private tokens = 0;
	private last = 0;
	private rate = 0;

	/** Returns 0 when the call may pass, else the whole seconds to wait (Retry-After). */
	take(qps: number, nowMs: number): number {
		if (qps <= 0) return 0;
		if (qps !== this.rate) {
			this.rate = qps;
			this.tokens = qps;
			this.last = nowMs;
		}
		this.tokens = Math.min(qps, this.tokens + ((nowMs - this.last) / 1000) * qps);
		this.last = nowMs;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - this.tokens) / qps));
	}

	reset(): void {
		this.rate = 0;
	}
}
