/**
 * Fixed values of the Alteryx simulator: the demo credentials and names tests import, the
 * timing of the job lifecycle, and the catalogue of workflows, users, priorities and errors.
 */
import type { AlteryxStatus } from './types.js';

/** The API key the demo client authenticates with. */
export const ALTERYX_DEMO_CLIENT_ID = 'jobtop-demo-key';
/** The API secret that goes with ALTERYX_DEMO_CLIENT_ID. */
export const ALTERYX_DEMO_CLIENT_SECRET = 'jobtop-demo-secret-7c41';
/** Display name of the user the demo credentials belong to. */
export const ALTERYX_DEMO_USER = 'Dana Whitfield';
/** The run-as account whose jobs the demo client may not cancel. */
export const ALTERYX_PROTECTED_OWNER = 'Payroll Service';
/** The ASP.NET 401 body. */
export const ALTERYX_DENIED_MESSAGE = 'Authorization has been denied for this request.';

/** Page size of `GET /v3/jobs` when the request names none (our choice; the docs give none). */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page size applied unless the options say otherwise (our choice; the docs give none). */
export const DEFAULT_MAX_PAGE_SIZE = 100;
/** Jobs that can be Initializing or Running at once. */
export const WORKER_SLOTS = 4;
/** How long a job stays Created before it is Queued. */
export const CREATED_MS = 2_000;
/** How long a job waits in the queue at least before a worker takes it. */
export const MIN_QUEUE_MS = 3_000;
/** Arrivals pause while this many jobs wait, so a long demo cannot pile up an endless queue. */
export const MAX_WAITING = 12;
/** Engine message status bit marking a transient variant. */
export const TRANSIENT_BIT = 0x40000000;

/** The gallery's workflows: name, the file a run reads and the file it writes. */
export const WORKFLOW_FILES: [name: string, input: string, output: string][] = [
  ['Daily Sales.yxmd', 'sales\\daily_sales.csv', 'sales_summary.csv'],
  ['ETL Customers.yxwz', 'crm\\customers_export.xlsx', 'customers_clean.yxdb'],
  ['Inventory Snapshot.yxmd', 'erp\\inventory.csv', 'inventory_snapshot.csv'],
  ['Marketing Attribution.yxmd', 'marketing\\touchpoints.csv', 'attribution.xlsx'],
  ['Churn Scoring.yxmd', 'crm\\subscriptions.yxdb', 'churn_scores.csv'],
  ['Weekly KPI Pack.yxwz', 'finance\\kpi_inputs.xlsx', 'kpi_pack.xlsx'],
  ['Supplier Invoices.yxmd', 'ap\\invoices.csv', 'invoice_matches.yxdb'],
  ['Geo Enrichment.yxmd', 'crm\\addresses.csv', 'geocoded.yxdb'],
  ['Data Quality Checks.yxmd', 'dw\\dq_rules.csv', 'dq_report.csv'],
  ['Payroll Export.yxmd', 'hr\\payroll_period.csv', 'payroll_bank_file.csv'],
];

/** The workflow whose runs belong to ALTERYX_PROTECTED_OWNER. */
export const PROTECTED_WORKFLOW = 'Payroll Export.yxmd';
/** The server's users; the protected owner comes last, so random owners can leave it out. */
export const USER_NAMES = [
  ALTERYX_DEMO_USER,
  'Priya Raman',
  'Marcus Lee',
  'Jane Doe',
  'Tomás Ortega',
  'Aiko Tanaka',
  ALTERYX_PROTECTED_OWNER,
];
/** Priorities as the list shows them, weighted by repetition. */
export const PRIORITIES = ['Default', 'Default', 'Default', '0', 'Low', 'Medium', '1', 'High', '2', 'Critical', '6'];
/** Numeric levels of the named priorities. */
export const PRIORITY_LEVELS: Record<string, number> = {
  default: 0,
  low: 0,
  normal: 0,
  medium: 1,
  high: 2,
  critical: 3,
};
/** The detail's priority names by level. */
export const DETAIL_PRIORITY_NAMES = ['Low', 'Medium', 'High', 'Critical'];
/** Why a failed run failed, one picked per failure. */
export const ERRORS = [
  'Error opening connection "dw-sql01": [Microsoft][ODBC Driver 17 for SQL Server]Login timeout expired',
  'Access to the path "\\\\fileshare\\analytics\\out" is denied.',
  'The field "Region" is missing. Compare the field names to the previous run.',
  'Tool #7: Not enough memory to sort 18,204,331 records.',
];
/** `sortField` values the list accepts, lowercased. */
export const SORT_FIELDS = ['createdate', 'appname', 'completiondatetime', 'priority', 'status'];
/** `statuses` filter values (lowercased) and the status each selects: `Complete` selects `Completed`. */
export const STATUS_FILTERS: Record<string, AlteryxStatus> = {
  queued: 'Queued',
  initializing: 'Initializing',
  running: 'Running',
  complete: 'Completed',
};
