/** The wire shape of an MCRIT job document (relaxed Extended JSON) and its date helpers. */

/** An Extended JSON date. */
export interface McritDate {
  $date: string;
}

/** An Extended JSON ObjectId. */
export interface McritObjectId {
  $oid: string;
}

/** A job document exactly as MCRIT serialises it (mongoqueue's document, `json_util.dumps` in relaxed mode). */
export interface McritJobDocument {
  _id: McritObjectId;
  locked_by: string | null;
  locked_at: McritDate | null;
  last_error: string | null;
  finished_at: McritDate | null;
  created_at: McritDate;
  started_at: McritDate | null;
  terminated: boolean;
  required_by: McritObjectId[];
  number: number;
  result: string | null;
  notify_done: boolean;
  attempts_left: number;
  priority: number;
  payload: { method: string; params: string; file_params: string; descriptor: string };
  unfinished_dependencies: string[];
  all_dependencies: string[];
  progress?: number;
}

/** An epoch-ms time as an Extended JSON date. */
export function extendedJsonDate(ms: number): McritDate {
  return { $date: new Date(ms).toISOString() };
}

/** An Extended JSON date as epoch ms (null stays null). */
export function extendedJsonDateMs(value: McritDate | null): number | null {
  return value === null ? null : Date.parse(value.$date);
}
