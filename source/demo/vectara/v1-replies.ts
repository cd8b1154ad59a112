/** v1's two kinds of failure: gRPC-gateway `{code, message, details}` on a non-200, and `status[]` on HTTP 200. */
import type { DemoResponse } from '../kit.js';

/** A gRPC-gateway error body (`code` is the gRPC status number). */
export function rpcError(status: number, code: number, message: string): DemoResponse {
  return { status, json: { code, message, details: [] } };
}

/** A request-level failure reported on HTTP 200 in `status[]`. */
export function statusFailure(code: string, detail: string): DemoResponse {
  return { status: 200, json: { status: [{ code, statusDetail: detail }] } };
}
